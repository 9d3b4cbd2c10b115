using System.CommandLine;
using Dashboard.Core.Glucose;
using LibreView.Csv;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>metrics --file EXPORT.csv [--last-days N] [--json]</c>: the DESIGN §8 metrics straight from a
/// LibreView export, no database. (<c>metrics --user … --team …</c> from the store is to come.)
/// </summary>
public static class MetricsCommand
{
    public static readonly Option<FileInfo> File = new("--file")
    {
        Description = "A LibreView \"Glucose Data\" CSV export",
        HelpName = "EXPORT.csv",
    };

    public static readonly Option<int?> LastDays = new("--last-days")
    {
        Description = "Only the last N days: (newest reading − N × 24 h, newest reading]; default the whole export",
        HelpName = "N",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object with the DESIGN §8 field names instead of a table",
    };

    public static Command Create()
    {
        var command = new Command("metrics", "Glucose metrics (time in ranges, GMI, CV, GRI, …) of a LibreView export")
        {
            File,
            LastDays,
            Json,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var file = parseResult.GetValue(File);
        var lastDays = parseResult.GetValue(LastDays);
        if (file is null) return CommandOutcome.Fail(parseResult, "metrics needs --file EXPORT.csv");
        if (!file.Exists) return CommandOutcome.Fail(parseResult, $"file not found: {file.FullName}");
        if (lastDays is < 1) return CommandOutcome.Fail(parseResult, "--last-days must be at least 1");

        var export = LibreViewCsvParser.ParseFile(file.FullName);
        if (!export.Succeeded) return CommandOutcome.Fail(parseResult, $"{file.Name}: {export.Error}");

        var window = lastDays is { } days ? MetricsWindow.LastDays(days) : MetricsWindow.WholeSeries;
        var metrics = GlucoseMetricsCalculator.Compute(GlucoseSeries.From(CsvExportReadings.Automatic(export)), window);
        var output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(Json))
        {
            output.WriteLine(GlucoseMetricsJson.Serialize(metrics));
            WarnAboutRejectedRows(parseResult, export);
        }
        else
        {
            MetricsTable.Write(output, file.Name, export, metrics);
        }

        return CommandOutcome.Success;
    }

    private static void WarnAboutRejectedRows(ParseResult parseResult, LibreViewCsvParseResult export)
    {
        if (export.RejectedRows.Count == 0) return;
        var first = export.RejectedRows[0];
        parseResult.InvocationConfiguration.Error.WriteLine(
            $"warning: {export.RejectedRows.Count} rows rejected, first at line {first.LineNumber}: {first.Reason}");
    }
}
