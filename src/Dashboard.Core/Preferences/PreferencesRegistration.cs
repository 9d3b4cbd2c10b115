using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Preferences;

internal static class PreferencesRegistration
{
    /// <summary>Staff members' stored preferences.</summary>
    internal static IServiceCollection AddPreferencesFeature(this IServiceCollection services)
    {
        services.AddSingleton<StaffPreferences>();
        return services;
    }
}
