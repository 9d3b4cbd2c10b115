using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Reports;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Tests.Glucose.Review;
using Dashboard.Core.Audit;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Tests.Glucose.Reports;

/// <summary>The AGP report PDF, parsed back with PdfPig: its text carries the review's own numbers and period.</summary>
public sealed class AgpReportPdfTests
{
    private static readonly DateTime Start = T("2025-03-01 00:00");

    /// <summary>A page's text as a person reads it: words grouped into lines by their baseline, each line left to right.</summary>
    private static string TextOf(PdfDocument pdf, int page) =>
        string.Join("\n", pdf.GetPage(page).GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(line => line.Key)
            .Select(line => string.Join(" ", line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))));

    private static async Task<(AgpReportFile Report, string[] Pages)> ReportAsync(ReviewPeriod period, GlucoseUnit unit, int days, Func<int, double> value)
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync(clientUserId: "pdf-patient-7");
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, days, value));
        var report = await new AgpReportQuery(store.Query).GetAsync(patient, store.Scope, period, unit);
        Assert.NotNull(report);
        using var pdf = PdfDocument.Open(report.Pdf);
        return (report, [.. Enumerable.Range(1, pdf.NumberOfPages).Select(p => TextOf(pdf, p))]);
    }

    [Fact]
    public async Task The_report_carries_the_reviews_statistics_period_unit_and_sufficiency_in_its_text()
    {
        // 14 days cycling 60, 120, 120, 200 mg/dL every 15 minutes: mean 125, 25 % low, 50 % in range, 25 % high.
        var (report, pages) = await ReportAsync(ReviewPeriod.LastDays(14), GlucoseUnit.MgPerDl, 14, i => (i % 4) switch { 0 => 60, 3 => 200, _ => 120 });
        var s = report.Review.Statistics;
        var first = pages[0];

        Assert.Equal(2, pages.Length); // the summary page, then 14 daily profiles on one page
        Assert.Contains("Patient: pdf-patient-7", first);
        Assert.Contains("Period: 1 Mar 2025 – 14 Mar 2025 (14 days)", first);
        Assert.Contains("Unit: mg/dL", first);
        Assert.Contains("% time CGM is active: 100.0 % (sufficient data: at least 70 %)", first);
        Assert.Equal("125 mg/dL", s.Mean);
        Assert.Contains($"Mean glucose {s.Mean}", first);
        Assert.Contains($"Glucose management indicator (GMI) {s.Gmi}", first);
        Assert.Contains(s.Cv, first);
        Assert.Contains($"{s.Gri} (zone {s.GriZone})", first);
        Assert.Contains("Readings 1,344", first);
        foreach (var row in report.Review.Ranges)
        {
            Assert.Contains($"{row.Name} ({row.Limits})", first);
            Assert.Contains($"{row.PercentText} {row.TimePerDay} a day · goal {row.Goal}", first);
        }
        var hypo = report.Review.Events.Summary.Single(e => e.Kind == GlucoseEventKind.HypoLevel1);
        Assert.Contains($"{hypo.Name} ({hypo.Threshold}) {hypo.Count} {hypo.PerWeek} {hypo.MeanDuration}", first);
        Assert.Equal(336, hypo.Count); // one 15-minute low an hour for 14 days
        Assert.Contains("Sat 1 Mar", pages[1]);
        Assert.Contains("Fri 14 Mar", pages[1]);
        Assert.Contains($"In range {report.Review.DailyProfiles[0].InRange}", pages[1]);
        Assert.Equal("agp-report-pdf-patient-7-20250301-20250314.pdf", report.FileName);
    }

    [Fact]
    public async Task Ninety_days_in_mmol_fill_three_profile_pages_and_warn_about_too_little_data()
    {
        // 50 days of data in a 90-day custom period: 50 × 96 × 15 / (90 × 1,440) = 55.6 % active.
        var period = ReviewPeriod.Custom(new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 29));
        var (report, pages) = await ReportAsync(period, GlucoseUnit.MmolPerL, 50, i => 100 + 40 * Math.Sin(i / 10.0));

        Assert.Equal(1 + 3, pages.Length); // 90 days at 42 a page
        Assert.All(pages, p => Assert.Contains("Period: 1 Mar 2025 – 29 May 2025 (90 days)", p));
        Assert.Contains("Unit: mmol/L", pages[0]);
        Assert.Contains("% time CGM is active: 55.6 %: under 70 %, too little data to trust these numbers", pages[0]);
        Assert.Contains($"Mean glucose {report.Review.Statistics.Mean}", pages[0]);
        Assert.EndsWith("mmol/L", report.Review.Statistics.Mean);
        Assert.Contains("no readings", pages[3]); // days after the data stopped
    }

    [Fact]
    public async Task A_patient_outside_the_scope_gets_no_report()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();

        Assert.Null(await new AgpReportQuery(store.Query).GetAsync(patient, Dashboard.Core.Access.StaffScope.None, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
    }

    [Fact]
    public async Task A_download_is_audited_once_as_a_view_of_the_patient_s_glucose_and_an_unfound_one_not_at_all()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync(clientUserId: "pdf-audited");
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, 14, _ => 120));
        var reviewer = new AuditActor("vic@example.org", Dashboard.Core.Access.ConsoleRoles.Viewer, "10.0.0.7");
        var reports = new AgpReportQuery(store.Query);

        Assert.Null(await reports.DownloadAsync(patient, Dashboard.Core.Access.StaffScope.None, ReviewPeriod.LastDays(14), GlucoseUnit.MgPerDl, reviewer));
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var report = await reports.DownloadAsync(patient, store.Scope, ReviewPeriod.LastDays(14), GlucoseUnit.MgPerDl, reviewer);

        Assert.NotNull(report);
        await using var db = await store.Contexts.CreateDbContextAsync();
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.ViewGlucose, "vic@example.org", Dashboard.Core.Access.ConsoleRoles.Viewer, since);
        Assert.Equal((patient, "pdf-audited", "10.0.0.7"), (entry.UserId!.Value, entry.ClientUserId, entry.ClientIp));
        Assert.StartsWith("AGP report PDF, ", entry.Details);
    }
}
