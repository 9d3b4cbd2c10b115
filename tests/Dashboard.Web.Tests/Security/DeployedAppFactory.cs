using Dashboard.Web.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The real app as it is deployed (an environment other than Development) with every required setting given and its own
/// SQLite file. The OpenID Connect provider's metadata is handed to the handler directly, so a sign-in challenge is a
/// redirect to <see cref="ProviderAuthorize"/> without any network.
/// </summary>
public sealed class DeployedAppFactory(string environment, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string ProviderAuthorize = "https://login.example.test/authorize";
    public const string PublicBaseUrl = "https://console.example.org/";

    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-deployed-").FullName;

    public string DataFolder => _folder;

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    /// <summary>The key-ring certificate, kept outside the data folder as a deployment would.</summary>
    public string CertificatePath { get; } = KeyRingCertificateFile.Create();

    /// <summary>Every key <c>RequiredSettings</c> asks for outside Development.</summary>
    public IReadOnlyDictionary<string, string?> RequiredSettings() => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = "https://login.example.test",
        ["Authentication:Oidc:ClientId"] = "dashboard",
        ["Authentication:Oidc:ClientSecret"] = "secret",
        ["DataProtection:Certificate:Path"] = CertificatePath,
        ["DataProtection:Certificate:Password"] = KeyRingCertificateFile.Password,
        ["PublicBaseUrl"] = PublicBaseUrl,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={DatabasePath}");
        builder.UseSetting("Sync:Enabled", "false");
        builder.UseSetting("Webhooks:Enabled", "false");
        foreach (var (key, value) in RequiredSettings().Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logged));
        builder.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>(
            ConsoleAuthenticationExtensions.OidcScheme,
            options => options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { AuthorizationEndpoint = ProviderAuthorize })));
    }

    /// <summary>Warnings and errors the app logged.</summary>
    public LogCapture Logged { get; } = new();

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
            File.Delete(CertificatePath);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A password-protected PKCS#12 file with a fresh self-signed RSA certificate, in the temporary folder.</summary>
public static class KeyRingCertificateFile
{
    public const string Password = "test-key-ring-password";

    public static string Create()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=key ring test", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"lcd-key-ring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, Password));
        return path;
    }
}

/// <summary>Keeps every warning and error logged, as "category: message".</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture._entries.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
