using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// An event as receivers see it (DESIGN §6): <c>{event_type, data, user_id, client_user_id, team_id}</c>,
/// and the Standard Webhooks message id that stays the same for every attempt and every endpoint.
/// </summary>
public static class EventEnvelope
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string MessageId(long eventId) => $"evt_{eventId}";

    public static string ToJson(StoredEvent stored, bool indented = false)
    {
        var envelope = new JsonObject
        {
            ["event_type"] = stored.EventType,
            ["data"] = JsonNode.Parse(stored.DataJson),
            ["user_id"] = stored.UserId?.ToString(),
            ["client_user_id"] = stored.ClientUserId,
            ["team_id"] = stored.TeamId.ToString(),
        };
        return indented ? envelope.ToJsonString(Indented) : envelope.ToJsonString();
    }
}
