using Dashboard.Core.Access;
using Dashboard.Core.Glucose.Review;

namespace Dashboard.Core.Glucose.Reports;

/// <summary>A rendered AGP report and the review it was made from (for the audit line and the file name).</summary>
public sealed record AgpReportFile(byte[] Pdf, string FileName, GlucoseReview Review);

/// <summary>
/// The AGP report of one patient and period as a PDF: the review page's read model (<see cref="GlucoseReviewQuery"/>,
/// same scope rule: outside the person's teams is not found) rendered by <see cref="AgpReportPdf"/>.
/// </summary>
public sealed class AgpReportQuery(GlucoseReviewQuery reviews)
{
    public async Task<AgpReportFile?> GetAsync(Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, CancellationToken ct = default)
    {
        if (await reviews.GetAsync(userId, scope, period, unit, ct: ct) is not { } review) return null;
        return new AgpReportFile(AgpReportPdf.Render(review, PatientLabel(review)), FileNameOf(review), review);
    }

    /// <summary>
    /// <see cref="GetAsync"/> as a person's download: a found report is audited as a view of the patient's glucose
    /// (the review's rule, <see cref="GlucoseReviewQuery.ViewAsync"/>) before it is returned.
    /// </summary>
    public async Task<AgpReportFile?> DownloadAsync(Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, Audit.AuditActor actor,
        CancellationToken ct = default)
    {
        if (await reviews.ViewAsync(userId, scope, period, unit, detail: null, actor, ct, viewedAs: "AGP report PDF") is not { } review) return null;
        return new AgpReportFile(AgpReportPdf.Render(review, PatientLabel(review)), FileNameOf(review), review);
    }

    public static string PatientLabel(GlucoseReview review) => review.ClientUserId;

    /// <summary>"agp-report-{client_user_id}-{first day}-{last day}.pdf", with anything but letters, digits, '-' and '_' dropped.</summary>
    public static string FileNameOf(GlucoseReview review)
    {
        var who = new string([.. review.ClientUserId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
        var days = review.FirstDay is { } f && review.LastDay is { } l ? $"-{f:yyyyMMdd}-{l:yyyyMMdd}" : "";
        return $"agp-report-{(who.Length > 0 ? who : "patient")}{days}.pdf";
    }
}
