using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Audit;

internal static class AuditRegistration
{
    /// <summary>The audit trail, appended in the unit of work of the change it records.</summary>
    internal static IServiceCollection AddAuditFeature(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        return services;
    }
}
