using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Tests.Import;
using LibreView.Tests.Csv;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static Dashboard.Core.Tests.Cli.CliRun;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Tests.Cli;

/// <summary><c>dashboard agp-report</c> on a real export imported into a temporary store: the PDF holds the review's numbers.</summary>
public sealed class AgpReportCommandTests : IAsyncLifetime
{
    private const string TeamName = "Clinic A";
    private const string User = "patient-7";
    private ImportStore _store = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _store = await ImportStore.CreateAsync();
        await _store.AddTeamAsync(TeamName);
        _folder = Directory.CreateTempSubdirectory("agp-report-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Writes_the_PDF_of_the_period_with_the_reviews_statistics()
    {
        Assert.Equal(0, Run("import-csv", "--file", RealExports.Martynk.Path, "--user", User, "--team", TeamName, "--db", _store.Path).Exit);
        DateTime newest;
        Guid userId, teamId, organizationId;
        await using (var db = await _store.NewContextAsync())
        {
            newest = await db.Readings.Where(r => r.Kind == ReadingKind.Automatic).MaxAsync(r => r.Timestamp);
            var user = await db.Users.Include(u => u.Team).SingleAsync(u => u.ClientUserId == User);
            (userId, teamId, organizationId) = (user.Id, user.TeamId, user.Team!.OrganizationId);
        }

        var to = DateOnly.FromDateTime(newest);
        var from = to.AddDays(-13);
        var file = Path.Combine(_folder, "report.pdf");

        var (exit, output, error) = Run("agp-report", "--user", User, "--team", TeamName, "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}",
            "--out", file, "--unit", "mmol/L", "--db", _store.Path);

        Assert.Equal((0, ""), (exit, error));
        Assert.StartsWith($"wrote {file}", output);
        var review = await _store.Get<GlucoseReviewQuery>().GetAsync(userId, new StaffScope(organizationId, "", [teamId]), ReviewPeriod.Custom(from, to), GlucoseUnit.MmolPerL);
        Assert.NotNull(review);
        Assert.True(review.HasReadings);
        using var pdf = PdfDocument.Open(file);
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains($"Period: {review.Statistics.Period} (14 days)", text);
        Assert.Contains("Unit: mmol/L", text);
        Assert.Contains(review.Statistics.Mean, text);
        Assert.Contains(review.Statistics.Gmi, text);
        Assert.Contains($"{review.Statistics.Gri} (zone {review.Statistics.GriZone})", text);
        Assert.Contains($"mean {review.Statistics.Mean}", output);
    }

    [Theory]
    [InlineData("no-period", "error: agp-report needs --from and --to (yyyy-MM-dd)")]
    [InlineData("bad-date", "error: --from and --to must both be dates written yyyy-MM-dd")]
    [InlineData("too-long", "error: a period is at most 90 days")]
    [InlineData("bad-unit", "error: --unit must be mg/dL or mmol/L")]
    [InlineData("unknown-user", "error: no user 'ghost' in team 'Clinic A'")]
    [InlineData("no-out", "error: agp-report needs --out FILE.pdf")]
    public void Bad_input_is_one_line_and_writes_no_file(string @case, string expected)
    {
        var file = Path.Combine(_folder, "never.pdf");
        string[] args = @case switch
        {
            "no-period" => ["agp-report", "--user", User, "--team", TeamName, "--out", file, "--db", _store.Path],
            "bad-date" => ["agp-report", "--user", User, "--team", TeamName, "--from", "2025-13-01", "--to", "2025-03-14", "--out", file, "--db", _store.Path],
            "too-long" => ["agp-report", "--user", User, "--team", TeamName, "--from", "2025-01-01", "--to", "2025-06-01", "--out", file, "--db", _store.Path],
            "bad-unit" => ["agp-report", "--user", User, "--team", TeamName, "--from", "2025-03-01", "--to", "2025-03-14", "--unit", "kg", "--out", file, "--db", _store.Path],
            "unknown-user" => ["agp-report", "--user", "ghost", "--team", TeamName, "--from", "2025-03-01", "--to", "2025-03-14", "--out", file, "--db", _store.Path],
            _ => ["agp-report", "--user", User, "--team", TeamName, "--from", "2025-03-01", "--to", "2025-03-14", "--db", _store.Path],
        };

        var (exit, _, error) = Run(args);

        Assert.Equal(1, exit);
        Assert.Equal(expected, error.Trim());
        Assert.False(File.Exists(file));
    }
}
