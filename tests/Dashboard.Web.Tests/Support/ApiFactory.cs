using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Support;

/// <summary>The real app in Development (seeded teams and API keys) on its own SQLite file.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string SandboxUsKey = "dev_sandbox_us_key";
    public const string ProductionEuKey = "dev_production_eu_key";

    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-api-tests-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(_folder, "dashboard.db")}");
    }

    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("x-vital-api-key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
