using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Benchmarks.Runner;

/// <summary>Prints the rows as one text table and writes the same rows as JSON.</summary>
public static class ResultTable
{
    private static readonly string[] Headers = ["figure", "value", "baseline (same run)", "ratio", "goal", "met?"];

    public static string Format(IReadOnlyList<Result> rows)
    {
        var cells = rows.Select(r => new[]
        {
            r.Figure,
            $"{Number(r.Value)} {r.Unit}",
            r.Baseline is { } b ? $"{Number(b)} {r.Unit} ({r.BaselineLabel})" : "—",
            r.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "—",
            r.Goal,
            r.Met switch { true => "yes", false => "NO", null => "—" },
        }).ToList();
        var widths = Enumerable.Range(0, Headers.Length)
            .Select(i => cells.Select(c => c[i].Length).Append(Headers[i].Length).Max())
            .ToArray();

        var text = new StringBuilder();
        AppendLine(text, Headers, widths);
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            AppendLine(text, row, widths);
        }
        var notes = rows.Where(r => !string.IsNullOrEmpty(r.Note)).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine().AppendLine("Notes:");
            foreach (var r in notes)
            {
                text.Append("- ").Append(r.Figure).Append(": ").AppendLine(r.Note);
            }
        }
        return text.ToString();
    }

    /// <summary>The same table as Markdown, for docs/performance.md.</summary>
    public static string Markdown(IReadOnlyList<Result> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => "---|")));
        foreach (var r in rows)
        {
            text.AppendLine(string.Join(" | ", new[]
            {
                "", r.Figure, $"{Number(r.Value)} {r.Unit}",
                r.Baseline is { } b ? $"{Number(b)} {r.Unit} ({r.BaselineLabel})" : "—",
                r.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                r.Goal, r.Met switch { true => "yes", false => "**no**", null => "—" }, "",
            }).Trim());
        }
        text.AppendLine();
        foreach (var r in rows.Where(r => !string.IsNullOrEmpty(r.Note)))
        {
            text.Append("- **").Append(r.Figure).Append("**: ").AppendLine(r.Note);
        }
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, BenchmarkOptions options, MachineInfo machine, IReadOnlyDictionary<string, string> loadAverages, TimeSpan elapsed, IReadOnlyList<Result> rows)
    {
        var document = new
        {
            mode = options.Mode,
            started_utc = DateTime.UtcNow - elapsed,
            elapsed_seconds = Math.Round(elapsed.TotalSeconds, 1),
            machine,
            load_average_at_start = loadAverages,
            rows = rows.Select(r => new
            {
                figure = r.Figure,
                value = r.Value,
                unit = r.Unit,
                baseline = r.Baseline,
                baseline_label = r.BaselineLabel,
                ratio = r.Ratio,
                goal = r.Goal,
                met = r.Met,
                note = r.Note,
            }),
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, new JsonSerializerOptions
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());

    private static string Number(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00#", CultureInfo.InvariantCulture),
    };
}
