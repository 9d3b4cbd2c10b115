using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>What one report page held.</summary>
internal sealed record ParsedDailyLog(IReadOnlyList<GlucoseReading> Glucose, IReadOnlyList<NoteEntry> Notes, IReadOnlyList<string> UnknownDayKeys, string? Error);

/// <summary>
/// The report HTML (§3.4): finds <c>window.report</c> case-insensitively, takes the balanced object after it, parses
/// it with System.Text.Json (property names case-insensitive) and reads <c>Data.Days[]</c>: glucose segments, sensor
/// scans (flattened to any depth), and the assumed entries of <see cref="AssumedDayEntries"/>.
/// </summary>
internal static class DailyLogParser
{
    private const string Marker = "window.report";
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    public static ParsedDailyLog Parse(string html)
    {
        JsonDocument? doc = null;
        string? invalid = null;
        foreach (var json in Candidates(html))
        {
            try
            {
                doc = JsonDocument.Parse(json, DocumentOptions);
                break;
            }
            catch (JsonException e)
            {
                invalid ??= e.Message; // the marker can also appear inside another script's string; try the next one
            }
        }
        if (doc is null)
            return Failed(invalid is null ? "The report page has no window.Report object" : $"The report's window.Report is not valid JSON: {invalid}");
        using (doc)
        {
            var data = Property(doc.RootElement, "Data");
            var days = data is { } d ? Property(d, "Days") : null;
            if (days is not { ValueKind: JsonValueKind.Array } dayArray) return Failed("The report has no Data.Days");

            var glucose = new List<GlucoseReading>();
            var notes = new List<NoteEntry>();
            var unknown = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var day in dayArray.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in day.EnumerateObject())
                {
                    if (string.Equals(property.Name, "Glucose", StringComparison.OrdinalIgnoreCase))
                        Readings(property.Value, GlucoseRecordType.Historic, glucose);
                    else if (string.Equals(property.Name, "SensorScans", StringComparison.OrdinalIgnoreCase))
                        Readings(property.Value, GlucoseRecordType.Scan, glucose);
                    else if (!AssumedDayEntries.TryRead(property.Name, property.Value, notes))
                        unknown.Add(property.Name);
                }
            }
            return new ParsedDailyLog(glucose, notes, unknown.ToList(), null);
        }
    }

    /// <summary>Readings at any depth of nesting (Glucose is an array of segments; SensorScans is flat or nested, §10 Q16).</summary>
    private static void Readings(JsonElement value, GlucoseRecordType type, List<GlucoseReading> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Readings(item, type, into);
                break;
            case JsonValueKind.Object when Number(value, "Timestamp") is { } ts && Number(value, "Value") is { } v:
                into.Add(new GlucoseReading(ReportTime.ToFloating((long)ts), v, UnitOf(v), type));
                break;
        }
    }

    /// <summary>
    /// The report gives values in the account's unit and does not name it. The two ranges cannot overlap: LibreView
    /// clamps mg/dL to 40..500 (LO/HI), and mmol/L to 2.2..27.8, so a value below 35 is mmol/L.
    /// </summary>
    private static GlucoseUnit UnitOf(double value) => value < 35 ? GlucoseUnit.MmolPerL : GlucoseUnit.MgPerDl;

    internal static double? Number(JsonElement o, string name) =>
        Property(o, name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

    internal static JsonElement? Property(JsonElement o, string name)
    {
        if (o.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in o.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    /// <summary>Each balanced <c>{…}</c> after a <c>window.report =</c>, skipping braces inside strings.</summary>
    internal static IEnumerable<string> Candidates(string html)
    {
        var at = html.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var i = at + Marker.Length;
            while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
            if (i < html.Length && html[i] == '=')
            {
                var start = html.IndexOf('{', i);
                if (start >= 0 && html[(i + 1)..start].All(char.IsWhiteSpace) && Balanced(html, start) is { } end)
                    yield return html[start..(end + 1)];
            }
            at = html.IndexOf(Marker, at + Marker.Length, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static int? Balanced(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '{': depth++; break;
                case '}' when --depth == 0: return i;
            }
        }
        return null;
    }

    private static ParsedDailyLog Failed(string error) => new([], [], [], error);
}

/// <summary>
/// Assumed: no public capture shows how the Daily Log carries food, carbohydrates, insulin or notes (reference §3.4,
/// §10 Q5). These are the keys this product and its simulator assume, hour-bucketed as Junction describes:
/// <c>Days[].Food[] {Timestamp, Carbs}</c>, <c>Days[].Insulin[] {Timestamp, Units, Type: "rapid"|"long"}</c> and
/// <c>Days[].Notes[] {Timestamp, Text}</c>. This is the only place that reads them; an entry it cannot read is skipped.
/// </summary>
public static class AssumedDayEntries
{
    public const string Food = "Food";
    public const string Insulin = "Insulin";
    public const string Notes = "Notes";
    public const string RapidInsulin = "rapid";
    public const string LongInsulin = "long";

    internal static bool TryRead(string key, JsonElement value, List<NoteEntry> into)
    {
        NoteKind? kind = key.ToLowerInvariant() switch
        {
            "food" => NoteKind.Food,
            "insulin" => NoteKind.RapidInsulin,
            "notes" => NoteKind.Note,
            _ => null,
        };
        if (kind is null) return false;
        if (value.ValueKind != JsonValueKind.Array) return true;
        foreach (var entry in value.EnumerateArray())
        {
            if (DailyLogParser.Number(entry, "Timestamp") is not { } ts) continue;
            var at = ReportTime.ToFloating((long)ts);
            switch (kind)
            {
                case NoteKind.Food when DailyLogParser.Number(entry, "Carbs") is { } carbs:
                    into.Add(new NoteEntry(at, NoteKind.Food, carbs, null, null));
                    break;
                case NoteKind.RapidInsulin when DailyLogParser.Number(entry, "Units") is { } units:
                    var type = DailyLogParser.Property(entry, "Type") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
                    into.Add(new NoteEntry(at, string.Equals(type, LongInsulin, StringComparison.OrdinalIgnoreCase) ? NoteKind.LongInsulin : NoteKind.RapidInsulin, null, units, null));
                    break;
                case NoteKind.Note when DailyLogParser.Property(entry, "Text") is { ValueKind: JsonValueKind.String } text:
                    into.Add(new NoteEntry(at, NoteKind.Note, null, null, text.GetString()));
                    break;
            }
        }
        return true;
    }
}
