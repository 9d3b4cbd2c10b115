using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>
/// One LibreLinkUp response: HTTP status plus the body envelope <c>{status, data, error, ticket}</c>.
/// LibreView puts most application errors in the body with HTTP 200, so both are kept.
/// </summary>
internal sealed record LluReply(int HttpStatus, int? Status, JsonElement? Data, string? ErrorMessage, WireTicket? Ticket, TimeSpan? RetryAfter)
{
    /// <summary>Reads a body. A body that is not a JSON object (empty, truncated, HTML) gives null.</summary>
    public static LluReply? Parse(int httpStatus, string body, TimeSpan? retryAfter)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object) return null;

        int? status = root.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : null;
        JsonElement? data = root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d : null;
        var message = ReadErrorMessage(root);
        WireTicket? ticket = root.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.Deserialize<WireTicket>(LibreJson.Options)
            : null;
        return new LluReply(httpStatus, status, data, message, ticket, retryAfter);
    }

    /// <summary><c>error.message</c>, the bare <c>message</c> of header errors, or <c>data.message</c> of the lock-out body.</summary>
    private static string? ReadErrorMessage(JsonElement root)
    {
        if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m))
            return m.GetString();
        if (root.TryGetProperty("message", out var bare) && bare.ValueKind == JsonValueKind.String)
            return bare.GetString();
        if (root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("message", out var dm) && dm.ValueKind == JsonValueKind.String)
            return dm.GetString();
        return null;
    }

    public JsonElement? DataProperty(string name) =>
        Data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p : null;

    public T? DataAs<T>() => Data is { } d ? d.Deserialize<T>(LibreJson.Options) : default;
}
