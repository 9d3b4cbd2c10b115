using Dashboard.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, next to AddDashboardCore, so DependencyInjection.cs needs no extra using.
namespace Dashboard.Core;

public static class TriageServiceCollectionExtensions
{
    /// <summary>The population triage read model (<see cref="TriageQuery"/>); needs the store and the patient list of <c>AddDashboardCore</c>.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services)
    {
        services.AddSingleton<TriageQuery>();
        return services;
    }
}
