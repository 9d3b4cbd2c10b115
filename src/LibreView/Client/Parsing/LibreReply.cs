using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>
/// One LibreView answer: HTTP status plus the body envelope <c>{status, data, error, ticket}</c>.
/// LibreView puts most application errors in the body with HTTP 200, so both are kept.
/// </summary>
internal sealed record LibreReply(int HttpStatus, int? Status, JsonElement Root, string? ErrorMessage, WireTicket? Ticket)
{
    public JsonElement? Data => Root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d : null;

    /// <summary>Reads a body. A body that is not a JSON object (empty, truncated, HTML) gives null.</summary>
    public static LibreReply? Parse(int httpStatus, string body)
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
        WireTicket? ticket = root.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object
            ? ReadTicket(t)
            : null;
        return new LibreReply(httpStatus, status, root, ReadErrorMessage(root), ticket);
    }

    /// <summary>A ticket; <c>duration</c> is missing in some answers (the export capture), so it is optional.</summary>
    public static WireTicket? ReadTicket(JsonElement t) =>
        t.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String
            ? new WireTicket(token.GetString()!,
                t.TryGetProperty("expires", out var e) && e.TryGetInt64(out var expires) ? expires : 0,
                t.TryGetProperty("duration", out var d) && d.TryGetInt64(out var duration) ? duration : 0)
            : null;

    /// <summary><c>error.message</c>, the bare <c>message</c> of header and JWT errors, or <c>data.message</c> of the lock-out body.</summary>
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
}
