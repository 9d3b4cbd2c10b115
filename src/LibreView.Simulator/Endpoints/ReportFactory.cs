using System.Text;
using System.Text.Json;
using LibreView.Client.Parsing;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Generation;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// The Daily Log page (§3.4): one day object per local calendar day, <c>Glucose</c> as contiguous sensor segments,
/// <c>SensorScans</c> flat (assumed, §10 Q16), and the assumed entries of <see cref="AssumedDayEntries"/>. Times are the
/// device's wall clock written as epoch seconds (§7), so DST days have a missing or a doubled local hour.
/// </summary>
internal static class ReportFactory
{
    public const double MgPerMmol = 18.0182;

    public static string Html(SimAccount patient, DateTime from, DateTime to, DateTimeOffset uploadedUntil, SimulatorSettings settings)
    {
        var data = patient.Data!;
        // The floating range, widened by a day each side in UTC, then cut on the floating times.
        var utcFrom = new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)).AddDays(-1);
        var utcTo = new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)).AddDays(1);
        if (utcTo > uploadedUntil) utcTo = uploadedUntil;
        bool InRange(DateTime local) => local >= from && local < to;

        var historic = utcFrom < utcTo ? data.Historic(utcFrom, utcTo).Where(r => InRange(r.Local)).ToList() : [];
        var scans = utcFrom < utcTo ? data.Scans(utcFrom, utcTo).Where(r => InRange(r.Local)).ToList() : [];
        var notes = settings.ReportEntries && utcFrom < utcTo ? data.Notes(utcFrom, utcTo).Where(n => InRange(n.Local)).ToList() : [];

        var days = new List<object>();
        foreach (var date in historic.Select(r => DateOnly.FromDateTime(r.Local)).Concat(scans.Select(r => DateOnly.FromDateTime(r.Local)))
                     .Concat(notes.Select(n => DateOnly.FromDateTime(n.Local))).Distinct().Order())
        {
            var day = new Dictionary<string, object>
            {
                ["Glucose"] = Segments(historic.Where(r => DateOnly.FromDateTime(r.Local) == date).ToList(), data.Sensor.HistoricInterval, patient),
                ["SensorScans"] = scans.Where(r => DateOnly.FromDateTime(r.Local) == date).Select(r => new { Timestamp = Epoch(r.Local), Value = Value(r, patient) }).ToList(),
            };
            if (settings.ReportEntries) AddEntries(day, notes.Where(n => DateOnly.FromDateTime(n.Local) == date).ToList());
            days.Add(day);
        }
        var report = JsonSerializer.Serialize(new { Data = new { Days = days } });
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Daily Log</title>\n");
        html.Append("<script>window.reportCulture = \"en-GB\"; ").Append(settings.ReportVariable).Append(" = ").Append(report).Append(";</script>\n");
        html.Append("</head>\n<body><div id=\"report-root\"></div></body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The number of historic readings a report of [from, to) holds, for tests that count exactly.</summary>
    public static int CountHistoric(SimAccount patient, DateTime from, DateTime to, DateTimeOffset uploadedUntil)
    {
        var utcFrom = new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)).AddDays(-1);
        var utcTo = new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)).AddDays(1);
        if (utcTo > uploadedUntil) utcTo = uploadedUntil;
        return utcFrom < utcTo ? patient.Data!.Historic(utcFrom, utcTo).Count(r => r.Local >= from && r.Local < to) : 0;
    }

    /// <summary>A new segment starts where the sensor was silent for more than two intervals (a warm-up, a signal loss).</summary>
    private static List<List<object>> Segments(List<GeneratedReading> readings, TimeSpan interval, SimAccount patient)
    {
        var segments = new List<List<object>>();
        GeneratedReading? previous = null;
        foreach (var r in readings)
        {
            if (previous is null || r.Utc - previous.Utc > interval * 2) segments.Add([]);
            var timeChange = previous is not null && r.Local - previous.Local != r.Utc - previous.Utc;
            segments[^1].Add(new { Timestamp = Epoch(r.Local), Value = Value(r, patient), IsTimeChange = timeChange });
            previous = r;
        }
        return segments;
    }

    // assumed: the keys and shapes of food, insulin and notes in the Daily Log (§9 "Report food/insulin/notes", §10 Q5)
    private static void AddEntries(Dictionary<string, object> day, List<GeneratedNote> notes)
    {
        var food = notes.Where(n => n.Kind == GeneratedNoteKind.Food).Select(n => new { Timestamp = Epoch(HourOf(n.Local)), Carbs = n.Carbs }).ToList();
        var insulin = notes.Where(n => n.Kind is GeneratedNoteKind.RapidInsulin or GeneratedNoteKind.LongInsulin)
            .Select(n => new
            {
                Timestamp = Epoch(HourOf(n.Local)),
                Units = n.Units,
                Type = n.Kind == GeneratedNoteKind.LongInsulin ? AssumedDayEntries.LongInsulin : AssumedDayEntries.RapidInsulin,
            }).ToList();
        var text = notes.Where(n => n.Kind == GeneratedNoteKind.Note).Select(n => new { Timestamp = Epoch(HourOf(n.Local)), Text = n.Text }).ToList();
        if (food.Count > 0) day[AssumedDayEntries.Food] = food;
        if (insulin.Count > 0) day[AssumedDayEntries.Insulin] = insulin;
        if (text.Count > 0) day[AssumedDayEntries.Notes] = text;
    }

    private static DateTime HourOf(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);

    private static long Epoch(DateTime local) => ReportTime.FromFloating(local);

    private static double Value(GeneratedReading r, SimAccount patient) =>
        patient.UsesMmol ? Math.Round(r.MgPerDl / MgPerMmol, 1, MidpointRounding.AwayFromZero) : r.MgPerDl;
}
