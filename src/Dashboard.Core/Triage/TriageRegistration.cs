using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Patients;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Triage;

internal static class TriageRegistration
{
    /// <summary>
    /// The population triage read model (<see cref="TriageQuery"/>) and the per-patient summaries behind it; needs the
    /// store and the patient list of <c>AddDashboardCore</c>, and must come after the store engine's services: it wraps
    /// the engine's <see cref="ReadingWriter"/> so every store of readings rewrites the patient's summaries.
    /// </summary>
    internal static IServiceCollection AddTriageFeature(this IServiceCollection services)
    {
        services.AddSingleton<PatientSummaries>();
        services.AddSingleton<TriageQuery>();

        var engineWriter = services.Last(d => d.ServiceType == typeof(ReadingWriter));
        services.Remove(engineWriter);
        Func<IServiceProvider, ReadingWriter> inner = engineWriter switch
        {
            { ImplementationFactory: { } factory } => sp => (ReadingWriter)factory(sp),
            { ImplementationInstance: ReadingWriter instance } => _ => instance,
            { ImplementationType: { } type } => sp => (ReadingWriter)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException("the store engine registered no ReadingWriter"),
        };
        services.AddSingleton<ReadingWriter>(sp => new SummarizingReadingWriter(inner(sp), sp.GetRequiredService<PatientSummaries>()));
        return services;
    }
}
