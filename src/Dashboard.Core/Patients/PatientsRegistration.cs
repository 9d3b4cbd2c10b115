using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Patients;

internal static class PatientsRegistration
{
    /// <summary>The patient list, its export, a patient's details and profile, and reconnect links for broken connections.</summary>
    internal static IServiceCollection AddPatientsFeature(this IServiceCollection services)
    {
        services.AddSingleton<PatientListQuery>();
        services.AddSingleton<PatientListExport>();
        services.AddSingleton<PatientDetailsQuery>();
        services.AddSingleton<PatientProfiles>();
        services.AddSingleton<ReconnectLinks>();
        return services;
    }
}
