using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Introspection;

internal static class IntrospectionRegistration
{
    /// <summary>Resource introspection (what an API caller may ask about a user or connection).</summary>
    internal static IServiceCollection AddIntrospectionFeature(this IServiceCollection services)
    {
        services.AddSingleton<ResourceIntrospection>();
        return services;
    }
}
