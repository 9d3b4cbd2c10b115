using System.Buffers;
using System.Text;
using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>What one report page held.</summary>
internal sealed record ParsedDailyLog(IReadOnlyList<GlucoseReading> Glucose, IReadOnlyList<NoteEntry> Notes, IReadOnlyList<string> UnknownDayKeys, string? Error);

/// <summary>
/// The report HTML (§3.4): finds <c>window.report</c> case-insensitively, takes the balanced object after it, and reads
/// <c>Data.Days[]</c> with System.Text.Json (property names case-insensitive): glucose segments, sensor scans (flattened
/// to any depth), and the assumed entries of <see cref="AssumedDayEntries"/>. The object is read as a stream, one day
/// at a time, so a caller can store each day while the next is parsed (issue 12: a 90-day report is 1.5 MB).
/// </summary>
internal static class DailyLogParser
{
    private const string Marker = "window.report";
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true };

    /// <param name="onDay">
    /// Given each day as soon as it is read. The first candidate object that is valid JSON is the report; a candidate
    /// that turns out invalid before any day was given is skipped for the next one (the marker can also appear inside
    /// another script's string), but once a day was given the report fails instead, so the caller must then drop what
    /// it was given.
    /// </param>
    public static ParsedDailyLog Parse(string html, Action<DailyLogDay>? onDay = null)
    {
        string? invalid = null;
        foreach (var json in Candidates(html))
        {
            var days = new DayCollector(onDay);
            var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length)); // a 90-day report is 1.5 MB
            try
            {
                return Read(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json.Span, utf8)), days);
            }
            catch (JsonException e) when (days.Given == 0)
            {
                invalid ??= e.Message; // nothing given yet: try the next candidate
            }
            catch (JsonException e)
            {
                return Failed($"The report's window.Report broke off after day {days.Given}: {e.Message}");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }
        return Failed(invalid is null ? "The report page has no window.Report object" : $"The report's window.Report is not valid JSON: {invalid}");
    }

    /// <summary>The whole object is read, so JSON that is invalid anywhere in it fails the candidate, as a full parse would.</summary>
    private static ParsedDailyLog Read(ReadOnlySpan<byte> json, DayCollector days)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read(); // the candidate's opening brace
        var hasDays = false;
        ForEachProperty(ref reader, "Data", (ref Utf8JsonReader data) =>
        {
            if (data.TokenType != JsonTokenType.StartObject)
            {
                data.Skip();
                return;
            }
            ForEachProperty(ref data, "Days", (ref Utf8JsonReader array) =>
            {
                if (array.TokenType != JsonTokenType.StartArray)
                {
                    array.Skip();
                    return;
                }
                hasDays = true;
                while (array.Read() && array.TokenType != JsonTokenType.EndArray)
                {
                    if (array.TokenType != JsonTokenType.StartObject)
                    {
                        array.Skip();
                        continue;
                    }
                    using var day = JsonDocument.ParseValue(ref array);
                    days.Add(day.RootElement);
                }
            });
        });
        return hasDays ? days.Result() : Failed("The report has no Data.Days");
    }

    /// <summary>Reads the value the reader is on, to its last token.</summary>
    private delegate void ValueReader(ref Utf8JsonReader reader);

    /// <summary>
    /// Walks the object the reader is on to its end: the value of the first property named <paramref name="name"/>
    /// (any casing) goes to <paramref name="read"/>, every other value is skipped.
    /// </summary>
    private static void ForEachProperty(ref Utf8JsonReader reader, string name, ValueReader read)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = !found && string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (wanted)
            {
                found = true;
                read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>The days read so far: each given to the caller as it comes, and all of them gathered for the result.</summary>
    private sealed class DayCollector(Action<DailyLogDay>? onDay)
    {
        private readonly List<GlucoseReading> _glucose = [];
        private readonly List<NoteEntry> _notes = [];
        private readonly SortedSet<string> _unknown = new(StringComparer.OrdinalIgnoreCase);

        public int Given { get; private set; }

        public void Add(JsonElement day)
        {
            var glucose = new List<GlucoseReading>();
            var notes = new List<NoteEntry>();
            foreach (var property in day.EnumerateObject())
            {
                if (string.Equals(property.Name, "Glucose", StringComparison.OrdinalIgnoreCase))
                    Readings(property.Value, GlucoseRecordType.Historic, glucose);
                else if (string.Equals(property.Name, "SensorScans", StringComparison.OrdinalIgnoreCase))
                    Readings(property.Value, GlucoseRecordType.Scan, glucose);
                else if (!AssumedDayEntries.TryRead(property.Name, property.Value, notes))
                    _unknown.Add(property.Name);
            }
            _glucose.AddRange(glucose);
            _notes.AddRange(notes);
            if (onDay is null) return;
            onDay(new DailyLogDay(glucose, notes));
            Given++;
        }

        public ParsedDailyLog Result() => new(_glucose, _notes, _unknown.ToList(), null);
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
    internal static IEnumerable<ReadOnlyMemory<char>> Candidates(string html)
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
                    yield return html.AsMemory(start, end + 1 - start);
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
