using System.Security.Cryptography;
using Dashboard.Core;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 1: the Data Protection key ring is in the database, so it is encrypted there with a certificate that is
/// not. A copy of the database alone, read with the app's own code, decrypts nothing.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    [Fact]
    public async Task A_copy_of_the_database_alone_cannot_decrypt_a_stored_credential()
    {
        await using var app = new DeployedAppFactory(Environments.Production);
        _ = app.Server; // start: migrations, key ring
        var secret = new StoredCredentials("patient@example.org", "Libre-Passw0rd!", Session: null);
        var ciphertext = app.Services.GetRequiredService<CredentialVault>().Protect(secret);
        Assert.Equal(secret, app.Services.GetRequiredService<CredentialVault>().UnprotectCredentials(ciphertext));

        var keys = await ReadKeyRingAsync(app.DatabasePath);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<value>", xml); // the key material itself
        });

        var copy = Directory.CreateTempSubdirectory("lcd-stolen-").FullName;
        try
        {
            await using (var source = new SqliteConnection($"Data Source={app.DatabasePath}"))
            {
                await source.OpenAsync();
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = $"VACUUM INTO '{Path.Combine(copy, "dashboard.db")}'";
                await vacuum.ExecuteNonQueryAsync();
            }

            // The attacker runs the app's own store and vault against the copied file, without the certificate.
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(copy, "dashboard.db")}",
            }).Build();
            await using var stolen = new ServiceCollection().AddLogging().AddDashboardCore(configuration, copy).BuildServiceProvider();
            var vault = stolen.GetRequiredService<CredentialVault>();
            Assert.ThrowsAny<CryptographicException>(() => vault.UnprotectCredentials(ciphertext));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Development_makes_its_own_certificate_beside_the_database_and_encrypts_with_it()
    {
        await using var app = new ApiFactory();
        _ = app.Server;
        app.Services.GetRequiredService<CredentialVault>().Protect(new StoredCredentials("p@example.org", "pw", null));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)!;

        Assert.True(File.Exists(Path.Combine(folder, KeyRingProtection.DevelopmentFileName)), "no development certificate in " + folder);
        Assert.All(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(), xml => Assert.Contains("EncryptedData", xml));
    }

    private static async Task<List<string>> ReadKeyRingAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
