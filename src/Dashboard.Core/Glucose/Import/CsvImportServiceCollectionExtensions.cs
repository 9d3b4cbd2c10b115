using Dashboard.Core.Glucose.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the framework's namespace, as ASP.NET Core's own Add… extensions are, so callers need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class CsvImportServiceCollectionExtensions
{
    /// <summary>The LibreView CSV import (<see cref="CsvImporter"/>); needs the store (<c>AddDashboardCore</c>: its context factory and reading writer).</summary>
    public static IServiceCollection AddCsvImport(this IServiceCollection services)
    {
        services.TryAddSingleton<CsvImporter>();
        services.TryAddSingleton<CsvImportGate>();
        return services;
    }
}
