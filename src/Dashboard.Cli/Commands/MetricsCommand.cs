using System.CommandLine;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using LibreView.Csv;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;
using Dashboard.Core.Glucose.Import;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>metrics --file EXPORT.csv [--last-days N] [--json]</c>: the DESIGN §8 metrics straight from a LibreView
/// export, no database. <c>metrics --user CLIENT_USER_ID --team TEAM [--last-days N] [--json] [--db PATH]</c>:
/// the same from the store, over the patient's automatic readings.
/// </summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        var options = new Options();
        var command = new Command("metrics", "Glucose metrics (time in ranges, GMI, CV, GRI, …) of a LibreView export or of a patient in the store")
        {
            options.File,
            options.LastDays,
            options.Json,
            options.User,
            options.Team,
            options.Db,
        };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, options, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Options options, CancellationToken ct)
    {
        var file = parseResult.GetValue(options.File);
        var clientUserId = parseResult.GetValue(options.User)?.Trim();
        var team = parseResult.GetValue(options.Team)?.Trim();
        var fromStore = !string.IsNullOrEmpty(clientUserId) || !string.IsNullOrEmpty(team);
        if (file is not null && fromStore) return CommandOutcome.Fail(parseResult, "metrics takes either --file or --user with --team, not both");
        if (file is null && !fromStore) return CommandOutcome.Fail(parseResult, "metrics needs --file EXPORT.csv, or --user CLIENT_USER_ID --team TEAM");
        if (fromStore && string.IsNullOrEmpty(clientUserId)) return CommandOutcome.Fail(parseResult, "metrics needs --user CLIENT_USER_ID with --team");
        if (fromStore && string.IsNullOrEmpty(team)) return CommandOutcome.Fail(parseResult, "metrics needs --team TEAM with --user");
        if (file is { Exists: false }) return CommandOutcome.Fail(parseResult, $"file not found: {file.FullName}");
        var lastDays = parseResult.GetValue(options.LastDays);
        if (lastDays is < 1) return CommandOutcome.Fail(parseResult, "--last-days must be at least 1");

        var window = lastDays is { } days ? MetricsWindow.LastDays(days) : MetricsWindow.WholeSeries;
        var json = parseResult.GetValue(options.Json);
        return file is not null
            ? FromFile(parseResult, file, window, json)
            : await FromStoreAsync(parseResult, parseResult.GetValue(options.Db), clientUserId!, team!, window, json, ct);
    }

    private static int FromFile(ParseResult parseResult, FileInfo file, MetricsWindow window, bool json)
    {
        var export = LibreViewCsvParser.ParseFile(file.FullName);
        if (!export.Succeeded) return CommandOutcome.Fail(parseResult, $"{file.Name}: {export.Error}");

        var metrics = GlucoseMetricsCalculator.Compute(GlucoseSeries.From(CsvExportReadings.Automatic(export)), window);
        var output = parseResult.InvocationConfiguration.Output;
        if (json)
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

    private static Task<int> FromStoreAsync(
        ParseResult parseResult, FileInfo? db, string clientUserId, string teamName, MetricsWindow window, bool json, CancellationToken ct) =>
        CliStore.UseAsync(parseResult, db, async store =>
        {
            var (team, teamError) = await store.FindTeamAsync(teamName, ct);
            if (team is null) return CommandOutcome.Fail(parseResult, teamError!);
            var user = await store.FindUserAsync(team.Id, clientUserId, ct);
            if (user is null) return CommandOutcome.Fail(parseResult, $"no user '{clientUserId}' in team '{team.Name}'");

            GlucoseReading[] readings;
            await using (var db = await store.NewContextAsync(ct))
            {
                readings = await db.Readings.AsNoTracking()
                    .Where(r => r.UserId == user.UserId && r.Kind == ReadingKind.Automatic)
                    .OrderBy(r => r.Timestamp)
                    .Select(r => new GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit))
                    .ToArrayAsync(ct);
            }

            var metrics = GlucoseMetricsCalculator.Compute(GlucoseSeries.From(readings), window);
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.WriteLine(GlucoseMetricsJson.Serialize(metrics));
            }
            else
            {
                MetricsTable.Line(output, "Patient", $"user '{clientUserId}' of team '{team.Name}'");
                MetricsTable.Line(output, "Store", store.DataSource);
                output.WriteLine();
                MetricsTable.WriteMetrics(output, metrics);
            }

            return CommandOutcome.Success;
        }, ct, mustExist: true);

    private static void WarnAboutRejectedRows(ParseResult parseResult, LibreViewCsvParseResult export)
    {
        if (export.RejectedRowCount == 0) return;
        var first = export.RejectedRows[0];
        parseResult.InvocationConfiguration.Error.WriteLine(
            $"warning: {export.RejectedRowCount} rows rejected, first at line {first.LineNumber}: {first.Reason}");
    }

    private sealed class Options
    {
        public Option<FileInfo> File { get; } = CommandOptions.ExportFile();

        public Option<int?> LastDays { get; } = new("--last-days")
        {
            Description = "Only the last N days: (newest reading − N × 24 h, newest reading]; default the whole series",
            HelpName = "N",
        };

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "Print one JSON object with the DESIGN §8 field names instead of a table",
        };

        public Option<string> User { get; } = CommandOptions.User();
        public Option<string> Team { get; } = CommandOptions.Team();
        public Option<FileInfo> Db { get; } = CommandOptions.Db();
    }
}
