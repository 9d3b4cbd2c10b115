using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Practices;

public static class PracticesServiceCollectionExtensions
{
    /// <summary>Custom practices, team practice bindings and the Practices page's read side (each opens a store context per operation).</summary>
    public static IServiceCollection AddPractices(this IServiceCollection services)
    {
        services.AddScoped<CustomPracticeService>();
        services.AddScoped<PracticeBindingService>();
        services.AddScoped<PracticeDirectory>();
        return services;
    }
}
