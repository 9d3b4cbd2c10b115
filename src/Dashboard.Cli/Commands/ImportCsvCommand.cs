using System.CommandLine;
using Dashboard.Core.Glucose.Import;
using LibreView.Csv;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>import-csv --file EXPORT.csv --user CLIENT_USER_ID --team TEAM [--db PATH]</c>: stores a LibreView export as
/// one patient's data (source <c>csv_import</c>), creating the patient in the team when missing. The file is
/// read and checked before the store is opened; importing the same file again changes nothing.
/// </summary>
public static class ImportCsvCommand
{
    public static Command Create()
    {
        var options = new Options();
        var command = new Command("import-csv", "Import a LibreView CSV export into the store as one patient's readings and notes")
        {
            options.File,
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
        var teamName = parseResult.GetValue(options.Team)?.Trim();
        if (file is null) return CommandOutcome.Fail(parseResult, "import-csv needs --file EXPORT.csv");
        if (string.IsNullOrEmpty(clientUserId)) return CommandOutcome.Fail(parseResult, "import-csv needs --user CLIENT_USER_ID");
        if (string.IsNullOrEmpty(teamName)) return CommandOutcome.Fail(parseResult, "import-csv needs --team TEAM");
        if (!file.Exists) return CommandOutcome.Fail(parseResult, $"file not found: {file.FullName}");

        var export = LibreViewCsvParser.ParseFile(file.FullName);
        var preview = CsvImportPreview.From(export, rejectedRowsShown: 0);
        if (!preview.CanImport) return CommandOutcome.Fail(parseResult, $"{file.Name}: {preview.Error}");

        return await CliStore.UseAsync(parseResult, parseResult.GetValue(options.Db), async store =>
        {
            var (team, teamError) = await store.FindTeamAsync(teamName, ct);
            if (team is null) return CommandOutcome.Fail(parseResult, teamError!);

            var output = parseResult.InvocationConfiguration.Output;
            var user = await store.FindUserAsync(team.Id, clientUserId, ct);
            if (user is null)
            {
                var (outcome, created) = await store.CreateUserAsync(team.Id, clientUserId, ct);
                if (created is null) return CommandOutcome.Fail(parseResult, $"cannot create user '{clientUserId}' in team '{team.Name}': {outcome}");
                user = created;
                output.WriteLine($"Created user '{clientUserId}' in team '{team.Name}'.");
            }

            var result = await store.Services.GetRequiredService<CsvImporter>().ImportAsync(team.Id, user.UserId, export, ct, Dashboard.Core.Audit.AuditActor.CommandLine());
            if (!result.Succeeded) return CommandOutcome.Fail(parseResult, result.Message);

            MetricsTable.WriteExport(output, file.Name, export);
            foreach (var remark in preview.Plan.Remarks) MetricsTable.Line(output, "Note", remark);
            MetricsTable.Line(output, "Store", $"{store.DataSource}, user '{clientUserId}' of team '{team.Name}'");
            output.WriteLine(result.Message);
            return CommandOutcome.Success;
        }, ct);
    }

    private sealed class Options
    {
        public Option<FileInfo> File { get; } = CommandOptions.ExportFile();
        public Option<string> User { get; } = CommandOptions.User();
        public Option<string> Team { get; } = CommandOptions.Team();
        public Option<FileInfo> Db { get; } = CommandOptions.Db();
    }
}
