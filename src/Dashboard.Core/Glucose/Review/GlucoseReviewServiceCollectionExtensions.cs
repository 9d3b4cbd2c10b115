using Dashboard.Core.Glucose.Review;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, next to AddDashboardCore, so DependencyInjection.cs needs no extra using.
namespace Dashboard.Core;

public static class GlucoseReviewServiceCollectionExtensions
{
    /// <summary>The Glucose review read model (<see cref="GlucoseReviewQuery"/>) and its AGP report PDF; needs the store of <c>AddDashboardCore</c>.</summary>
    public static IServiceCollection AddGlucoseReview(this IServiceCollection services)
    {
        services.AddScoped<GlucoseReviewQuery>();
        services.AddScoped<Glucose.Reports.AgpReportQuery>();
        return services;
    }
}
