using System.Diagnostics;
using System.Text.Json;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using LibreView.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The review page's chart data for a 90-day Libre 3 patient (the simulator's generator, stored through the production
/// writer), read and computed by the real <see cref="GlucoseReviewQuery"/> with the detail chart over the whole period,
/// against the raw points as JSON; also the server time to read and compute the review.
/// </summary>
public sealed class ReviewPayload : IMeasurement
{
    private const int Days = 90;
    private const double GoalKb = 150;

    public string Name => "payload";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var sim = await SimulatorServer.StartAsync(ct: ct);
        var account = sim.State.CreateAccount(new AccountSeed { Email = "review@example.org", Password = "Libre-Passw0rd!", Sensor = "libre3" });
        var to = DateTimeOffset.UtcNow;
        var historic = account.Data!.Historic(to.AddDays(-Days), to).ToList();

        await using var store = await BenchStore.CreateAsync();
        var (scope, userId) = await AddPatientAsync(store);
        await store.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.LibreView,
            historic.Select(r => new ReadingInput(r.Local, ReadingKind.Automatic, r.MgPerDl, GlucoseUnit.MgPerDl)).ToList(), [], ct);

        var query = store.Services.GetRequiredService<GlucoseReviewQuery>();
        GlucoseReview? review = null;
        await query.GetAsync(userId, scope, ReviewPeriod.LastDays(7), GlucoseUnit.MgPerDl, ct: ct); // warm-up: EF model, JIT
        var times = new List<double>();
        for (var i = 0; i < Math.Max(3, options.EngineRuns / 5); i++)
        {
            var started = Stopwatch.GetTimestamp();
            review = await query.GetAsync(userId, scope, ReviewPeriod.LastDays(Days), GlucoseUnit.MgPerDl, ct: ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var whole = await query.GetDetailAsync(userId, scope, new DayRange(review!.FirstDay!.Value, review.LastDay!.Value), GlucoseUnit.MgPerDl, ct);
        var kb = Core.Glucose.Review.ReviewPayload.ChartBytes(review with { Detail = whole! }) / 1024.0;
        var pdf = await PdfTimesAsync(store, userId, scope, options, ct);
        var raw = JsonSerializer.SerializeToUtf8Bytes(historic.Select(r => new { timestamp = r.Local, value = r.MgPerDl }));
        return
        [
            new Result($"Review chart payload, 90-day Libre 3 ({review.Metrics.Readings:N0} readings)", kb, "KB", raw.Length / 1024.0,
                "raw points as JSON", $"≤ {GoalKb:0} KB", kb <= GoalKb,
                $"GlucoseReviewQuery: AGP, {review.DailyProfiles.Count} daily profiles, detail over all {Days} days (LTTB to " +
                $"{whole!.Glucose.Count} points), markers; one-day detail: {Core.Glucose.Review.ReviewPayload.ChartBytes(review) / 1024.0:0} KB; " +
                $"server time to read and compute the review: median {Timing.Percentile(times, 50):0} ms"),
            new Result($"AGP report PDF, 90-day Libre 3, p95 of {pdf.Times.Count}", Timing.Percentile(pdf.Times, 95), "ms", Timing.Percentile(times, 50),
                "review read model alone (median)", $"≤ {GoalPdfMs:0} ms", Timing.Percentile(pdf.Times, 95) <= GoalPdfMs,
                $"AgpReportQuery: the review's read model rendered by PDFsharp into {pdf.Pages} pages, {pdf.Bytes / 1024.0:0} KB; median {Timing.Percentile(pdf.Times, 50):0} ms"),
        ];
    }

    private const double GoalPdfMs = 500;

    /// <summary>The time to read, compute and render the 90-day AGP report PDF, after one warm-up (fonts, JIT).</summary>
    private static async Task<(List<double> Times, int Pages, int Bytes)> PdfTimesAsync(BenchStore store, Guid userId, StaffScope scope, BenchmarkOptions options, CancellationToken ct)
    {
        var reports = store.Services.GetRequiredService<Core.Glucose.Reports.AgpReportQuery>();
        var file = await reports.GetAsync(userId, scope, ReviewPeriod.LastDays(Days), GlucoseUnit.MgPerDl, ct);
        var times = new List<double>();
        for (var i = 0; i < Math.Max(5, options.EngineRuns / 5); i++)
        {
            var started = Stopwatch.GetTimestamp();
            file = await reports.GetAsync(userId, scope, ReviewPeriod.LastDays(Days), GlucoseUnit.MgPerDl, ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (times, 1 + (int)Math.Ceiling(file!.Review.DailyProfiles.Count / 42.0), file.Pdf.Length);
    }

    private static async Task<(StaffScope Scope, Guid UserId)> AddPatientAsync(BenchStore store)
    {
        using var scope = store.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var now = DateTime.UtcNow;
        var team = new Team { Name = "Bench", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        var organization = new Organization { Name = "Bench Health", Plan = Plan.Scale, CreatedAt = now, Teams = [team] };
        var user = new User { TeamId = team.Id, ClientUserId = "review-bench", CreatedAt = now };
        db.Organizations.Add(organization);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (new StaffScope(organization.Id, organization.Name, [team.Id]), user.Id);
    }
}
