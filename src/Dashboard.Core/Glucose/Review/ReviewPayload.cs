using System.Text.Json;

namespace Dashboard.Core.Glucose.Review;

/// <summary>How many bytes of chart data a review sends to the browser (JSON of every chart series), against a 150 KB budget.</summary>
public static class ReviewPayload
{
    public const int BudgetBytes = 150 * 1024;

    public static int ChartBytes(GlucoseReview review) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            agp = new { review.Agp.Outer, review.Agp.Inner, review.Agp.Median },
            days = review.DailyProfiles.Select(d => d.Points),
            detail = review.Detail.Glucose,
            markers = review.Detail.Markers.Select(m => new { x = m.X, label = m.Label }),
        }).Length;
}
