using System.CommandLine;
using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Reports;
using Dashboard.Core.Glucose.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>agp-report --user CLIENT_USER_ID --team TEAM --from yyyy-MM-dd --to yyyy-MM-dd --out FILE.pdf [--unit mmol/L] [--db PATH]</c>:
/// the review page's AGP report PDF of one patient and period, written to a file — the same read model and renderer
/// as the download on the review page, so the numbers are the page's.
/// </summary>
public static class AgpReportCommand
{
    public static Command Create()
    {
        var options = new Options();
        var command = new Command("agp-report", "Write the AGP report of a patient and period as a PDF")
        {
            options.User, options.Team, options.From, options.To, options.Out, options.Unit, options.Db,
        };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, options, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Options options, CancellationToken ct)
    {
        var clientUserId = parseResult.GetValue(options.User)?.Trim();
        var teamName = parseResult.GetValue(options.Team)?.Trim();
        if (string.IsNullOrEmpty(clientUserId) || string.IsNullOrEmpty(teamName)) return CommandOutcome.Fail(parseResult, "agp-report needs --user CLIENT_USER_ID and --team TEAM");
        var (period, periodError) = ReviewPeriod.Parse(null, parseResult.GetValue(options.From), parseResult.GetValue(options.To));
        if (periodError is not null) return CommandOutcome.Fail(parseResult, periodError.Replace("from", "--from").Replace("to ", "--to "));
        if (!period.IsCustom) return CommandOutcome.Fail(parseResult, "agp-report needs --from and --to (yyyy-MM-dd)");
        var unitText = parseResult.GetValue(options.Unit);
        var unit = string.IsNullOrWhiteSpace(unitText) ? GlucoseUnit.MgPerDl : GlucoseUnits.TryParse(unitText);
        if (unit is null) return CommandOutcome.Fail(parseResult, "--unit must be mg/dL or mmol/L");
        var output = parseResult.GetValue(options.Out);
        if (output is null) return CommandOutcome.Fail(parseResult, "agp-report needs --out FILE.pdf");
        if (output.Directory is { Exists: false } folder) return CommandOutcome.Fail(parseResult, $"folder not found: {folder.FullName}");

        return await CliStore.UseAsync(parseResult, parseResult.GetValue(options.Db), async store =>
        {
            var (team, teamError) = await store.FindTeamAsync(teamName, ct);
            if (team is null) return CommandOutcome.Fail(parseResult, teamError!);
            var user = await store.FindUserAsync(team.Id, clientUserId, ct);
            if (user is null) return CommandOutcome.Fail(parseResult, $"no user '{clientUserId}' in team '{team.Name}'");

            await using var scope = store.Services.CreateAsyncScope();
            // The operator at the command line acts for the patient's own team.
            var staff = new StaffScope(team.OrganizationId, "", [team.Id]);
            var report = await scope.ServiceProvider.GetRequiredService<AgpReportQuery>().GetAsync(user.UserId, staff, period, unit.Value, ct);
            if (report is null) return CommandOutcome.Fail(parseResult, $"no user '{clientUserId}' in team '{team.Name}'");
            await File.WriteAllBytesAsync(output.FullName, report.Pdf, ct);
            var s = report.Review.Statistics;
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"wrote {output.FullName}: {report.Pdf.Length:N0} bytes, {s.Period} ({s.Days}), {s.Readings:N0} readings, mean {s.Mean}, time CGM active {s.ActivePercent}");
            return CommandOutcome.Success;
        }, ct, mustExist: true);
    }

    private sealed class Options
    {
        public Option<string> User { get; } = CommandOptions.User();
        public Option<string> Team { get; } = CommandOptions.Team();

        public Option<string> From { get; } = new("--from") { Description = "First day of the period, yyyy-MM-dd (floating local time)", HelpName = "DATE" };

        public Option<string> To { get; } = new("--to") { Description = "Last day of the period, included whole, yyyy-MM-dd", HelpName = "DATE" };

        public Option<FileInfo> Out { get; } = new("--out") { Description = "The PDF file to write", HelpName = "FILE.pdf" };

        public Option<string> Unit { get; } = new("--unit") { Description = "mg/dL (default) or mmol/L", HelpName = "UNIT" };

        public Option<FileInfo> Db { get; } = CommandOptions.Db();
    }
}
