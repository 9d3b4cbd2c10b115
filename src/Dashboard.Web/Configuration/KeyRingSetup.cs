using Dashboard.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Configuration;

internal static class KeyRingSetup
{
    /// <summary>
    /// Encrypts the key ring with the configured certificate (required outside Development, see <see cref="RequiredSettings"/>);
    /// in Development without one, with a certificate the app makes beside the database file.
    /// </summary>
    public static void AddKeyRingProtection(this WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddDataProtection().ProtectKeysWithConfiguredCertificate(
            builder.Configuration, root, builder.Environment.IsDevelopment() ? DatabaseFolder(builder.Configuration, root) : null);
    }

    /// <summary>The folder of the SQLite file; for a store that is not a file, the content root's <c>data</c> folder.</summary>
    private static string DatabaseFolder(IConfiguration configuration, string contentRoot)
    {
        var fallback = Path.Combine(contentRoot, "data");
        try
        {
            var store = new SqliteConnectionStringBuilder(StoreConnectionString.Resolve(configuration.GetConnectionString(StoreConnectionString.Name), contentRoot));
            return store.Mode == SqliteOpenMode.Memory || store.DataSource == ":memory:" ? fallback : Path.GetDirectoryName(store.DataSource)!;
        }
        catch (ArgumentException)
        {
            return fallback;
        }
    }
}
