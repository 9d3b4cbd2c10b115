using System.Text.Json;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Events;

/// <summary>Adds events to the unit of work of the change that raises them, so both commit together.</summary>
public sealed class EventRecorder(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public StoredEvent Record(DashboardDbContext db, string eventType, Guid teamId, Guid? userId, string? clientUserId, object data)
    {
        var stored = new StoredEvent
        {
            EventType = eventType,
            TeamId = teamId,
            UserId = userId,
            ClientUserId = clientUserId,
            DataJson = JsonSerializer.Serialize(data, Json),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Events.Add(stored);
        return stored;
    }
}
