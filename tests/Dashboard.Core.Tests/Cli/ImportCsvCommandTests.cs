using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Tests.Import;
using LibreView.Csv;
using LibreView.Tests.Csv;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Cli.CliRun;

namespace Dashboard.Core.Tests.Cli;

/// <summary><c>dashboard import-csv</c> and <c>dashboard metrics --user</c> on every real export, into a temporary store.</summary>
public sealed class ImportCsvCommandTests : IAsyncLifetime
{
    private const string Team = "Clinic A";
    private const string User = "patient-7";
    private ImportStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await ImportStore.CreateAsync();
        await _store.AddTeamAsync(Team);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public async Task Import_creates_the_patient_and_reports_and_stores_the_rows_per_record_type(string fileName)
    {
        var export = RealExports.Named(fileName);

        var (exit, output, error) = Import(export.Path);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith($"Created user '{User}' in team '{Team}'.", output);
        for (var type = 0; type < export.RowsPerRecordType.Length; type++)
        {
            if (export.RowsPerRecordType[type] > 0) Assert.Contains($"{type} {(RecordType)type}: {export.RowsPerRecordType[type]}", output);
        }

        Assert.Contains("Rows rejected         0", output);
        Assert.Contains($"Imported {export.RowsPerRecordType[0]} automatic readings", output);
        await using var db = await _store.NewContextAsync();
        Assert.Equal(export.RowsPerRecordType[0], await db.Readings.CountAsync(r => r.Kind == ReadingKind.Automatic && r.Source == DataSources.CsvImport));
        Assert.Equal(1, await db.Users.CountAsync(u => u.ClientUserId == User));
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void Metrics_from_the_store_after_import_are_identical_to_metrics_from_the_file(string fileName)
    {
        var path = RealExports.Named(fileName).Path;
        Assert.Equal(0, Import(path).Exit);

        foreach (var window in new[] { Array.Empty<string>(), ["--last-days", "14"] })
        {
            var fromFile = Run(["metrics", "--file", path, "--json", .. window]);
            var fromStore = Run(["metrics", "--user", User, "--team", Team, "--db", _store.Path, "--json", .. window]);

            Assert.Equal((0, ""), (fromStore.Exit, fromStore.Error));
            Assert.Equal(0, fromFile.Exit);
            Assert.Equal(fromFile.Output, fromStore.Output);
            Assert.Contains("\"mean_mgdl\"", fromStore.Output);
        }
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public async Task Importing_the_same_file_twice_keeps_the_same_counts(string fileName)
    {
        var path = RealExports.Named(fileName).Path;
        Assert.Equal(0, Import(path).Exit);
        var counts = await _store.CountsAsync();

        var (exit, output, _) = Import(path);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("Created user", output);
        Assert.Equal(counts, await _store.CountsAsync());
        Assert.Equal(1, counts.Users);
    }

    [Fact]
    public async Task A_command_line_import_is_audited_once_with_the_account_that_ran_it()
    {
        var since = Dashboard.TestSupport.AuditAssert.Now();
        Assert.Equal(0, Import(RealExports.Martynk.Path).Exit);

        await using var db = await _store.NewContextAsync();
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.ImportCsv,
            $"cli:{Environment.UserName}@{Environment.MachineName}", Dashboard.Core.Audit.AuditActor.CommandLineRole, since);
        var patient = await db.Users.AsNoTracking().SingleAsync(u => u.ClientUserId == User);
        Assert.Equal((User, (Guid?)patient.Id, (Guid?)patient.TeamId), (entry.ClientUserId, entry.UserId, entry.TeamId));
        Assert.StartsWith("Imported ", entry.Details);
        Assert.Single(await db.AuditEntries.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task The_team_can_be_named_by_id_and_the_table_comes_from_the_store()
    {
        var teamId = (await _store.AddTeamAsync("Clinic B")).Id.ToString();
        Assert.Equal(0, Import(RealExports.Martynk.Path, team: teamId).Exit);

        var (exit, output, _) = Run("metrics", "--user", User, "--team", teamId, "--db", _store.Path);

        Assert.Equal(0, exit);
        Assert.Contains($"user '{User}' of team 'Clinic B'", output);
        Assert.Contains($"Readings (historic)   {RealExports.Martynk.RowsPerRecordType[0]}", output);
        Assert.Contains("In range", output);
    }

    [Theory]
    [InlineData("no-user", "error: import-csv needs --user CLIENT_USER_ID")]
    [InlineData("no-team", "error: import-csv needs --team TEAM")]
    [InlineData("unknown-team", "error: no team named 'Nowhere' in ")]
    [InlineData("not-an-export", "error: not-an-export.csv: not a LibreView Glucose Data export")]
    [InlineData("metrics-unknown-user", "error: no user 'ghost' in team 'Clinic A'")]
    [InlineData("metrics-no-store", "error: store not found: ")]
    [InlineData("metrics-file-and-user", "error: metrics takes either --file or --user with --team, not both")]
    [InlineData("metrics-user-without-team", "error: metrics needs --team TEAM with --user")]
    public async Task Bad_input_exits_non_zero_with_a_one_line_reason_and_stores_nothing(string situation, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("import-cli-");
        try
        {
            var notAnExport = Path.Combine(folder.FullName, "not-an-export.csv");
            await File.WriteAllTextAsync(notAnExport, "name,email\nAda,ada@example.org\n");
            var real = RealExports.Martynk.Path;
            string[] args = situation switch
            {
                "no-user" => ["import-csv", "--file", real, "--team", Team, "--db", _store.Path],
                "no-team" => ["import-csv", "--file", real, "--user", User, "--db", _store.Path],
                "unknown-team" => ["import-csv", "--file", real, "--user", User, "--team", "Nowhere", "--db", _store.Path],
                "not-an-export" => ["import-csv", "--file", notAnExport, "--user", User, "--team", Team, "--db", _store.Path],
                "metrics-unknown-user" => ["metrics", "--user", "ghost", "--team", Team, "--db", _store.Path],
                "metrics-no-store" => ["metrics", "--user", User, "--team", Team, "--db", Path.Combine(folder.FullName, "none.db")],
                "metrics-file-and-user" => ["metrics", "--file", real, "--user", User, "--team", Team],
                _ => ["metrics", "--user", User, "--db", _store.Path],
            };

            var (exit, output, error) = Run(args);

            Assert.NotEqual(0, exit);
            Assert.Equal("", output);
            Assert.StartsWith(reason, error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Equal((0, 0, 0), await _store.CountsAsync());
            Assert.False(File.Exists(Path.Combine(folder.FullName, "none.db")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_option_gets_its_reason_without_the_help_text()
    {
        var (exit, output, error) = Run("import-csv", "--file", RealExports.Martynk.Path, "--user", User, "--team", Team, "--bogus");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output.Trim());
        Assert.Equal("Unrecognized command or argument '--bogus'.", error.Trim());
    }

    private (int Exit, string Output, string Error) Import(string path, string team = Team) =>
        Run("import-csv", "--file", path, "--user", User, "--team", team, "--db", _store.Path);
}
