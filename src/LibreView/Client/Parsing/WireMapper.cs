using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>Wire shapes to the client's public records.</summary>
internal static class WireMapper
{
    public static GlucoseReading ToReading(WireGlucoseItem item) => new(
        LibreTimestamp.ParseFloating(item.Timestamp),
        LibreTimestamp.ParseUtc(item.FactoryTimestamp),
        item.ValueInMgPerDl,
        item.Value,
        (GlucoseUnit)item.GlucoseUnits,
        (GlucoseRecordType)item.Type,
        item.TrendArrow,
        item.MeasurementColor,
        item.IsHigh,
        item.IsLow);

    public static NoteEntry ToNote(WireNoteEntry n) => new(
        LibreTimestamp.ParseFloating(n.Timestamp),
        LibreTimestamp.ParseUtc(n.FactoryTimestamp),
        n.Type switch
        {
            "food" => NoteKind.Food,
            "insulin" when n.InsulinType == "long" => NoteKind.LongInsulin,
            "insulin" => NoteKind.RapidInsulin,
            _ => NoteKind.Note,
        },
        n.Carbs,
        n.Units,
        n.Text);

    public static SensorInfo ToSensor(WireSensor s) =>
        new(s.SerialNumber, DateTimeOffset.FromUnixTimeSeconds(s.Activated), s.ProductType);

    public static PatientConnection ToConnection(WireConnection c) => new(
        c.Id,
        c.PatientId,
        c.FirstName,
        c.LastName,
        c.Country,
        c.TargetLow,
        c.TargetHigh,
        (GlucoseUnit)c.Uom,
        c.Sensor is { } s ? ToSensor(s) : null,
        (c.GlucoseMeasurement ?? c.GlucoseItem) is { } latest ? ToReading(latest) : null);

    public static GraphData ToGraph(WireGraph g) => new(
        ToConnection(g.Connection),
        g.ActiveSensors.Select(a => ToSensor(a.Sensor)).ToList(),
        g.GraphData.Select(ToReading).ToList());

    public static HistoryPage ToHistoryPage(WireHistoryPage p) => new(
        p.From,
        p.To,
        p.Glucose.Select(ToReading).ToList(),
        p.Notes.Select(ToNote).ToList(),
        p.NextCursor);

    public static LibreViewSession ToSession(string region, WireUser user, WireTicket ticket, string? trustedDeviceToken)
    {
        var userId = user.Id ?? throw new JsonException("The login answer has no user.id");
        return new LibreViewSession(region, ticket.Token, DateTimeOffset.FromUnixTimeSeconds(ticket.Expires), userId,
            AccountId.FromUserId(userId), trustedDeviceToken);
    }

    /// <summary>The two-factor challenge of a <c>TwoFactorVerify</c> step; LibreView calls SMS <c>phone</c>.</summary>
    public static MfaChallenge ToChallenge(string region, WireStep step, WireTicket ticket)
    {
        var method = PropString(step, "primaryMethod");
        return new MfaChallenge(
            region,
            ticket.Token,
            DateTimeOffset.FromUnixTimeSeconds(ticket.Expires),
            method == "email" ? "email" : "sms",
            PropString(step, "primaryValue") ?? "");
    }

    private static string? PropString(WireStep step, string name) =>
        step.Props.TryGetValue(name, out var v) && v is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : v as string;
}
