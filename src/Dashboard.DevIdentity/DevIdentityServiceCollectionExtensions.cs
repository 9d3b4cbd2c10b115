using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dashboard.DevIdentity;

public static class DevIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the development OpenID Connect provider when <c>DevIdentity:Enabled</c> is true; otherwise does nothing.
    /// Issuer: not fixed, OpenIddict takes it from each request's scheme and host. Stores: a private in-memory SQLite
    /// database that lives as long as the app. Keys: OpenIddict's development signing and encryption certificates.
    /// </summary>
    public static IServiceCollection AddDevIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DevIdentityOptions.SectionName);
        if (!section.GetValue<bool>(nameof(DevIdentityOptions.Enabled)))
        {
            return services;
        }

        services.Configure<DevIdentityOptions>(section);
        services.AddAntiforgery();
        services.AddSingleton<DevIdentityDatabase>();
        services.AddDbContext<DevIdentityDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<DevIdentityDatabase>().ConnectionString)
            .UseOpenIddict());
        services.AddHostedService<DevIdentitySeeder>();

        services.AddAuthentication().AddCookie(DevIdentityOptions.CookieScheme, options =>
        {
            options.Cookie.Name = ".Dashboard.DevIdentity";
            options.LoginPath = DevIdentityOptions.SignInPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>();
                options.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, LoopbackApplicationManager>();
            })
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(DevIdentityEndpoints.Authorize)
                    .SetTokenEndpointUris(DevIdentityEndpoints.Token)
                    .SetUserInfoEndpointUris(DevIdentityEndpoints.UserInfo)
                    .SetEndSessionEndpointUris(DevIdentityEndpoints.EndSession);

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles);
                options.RegisterClaims(Claims.Subject, Claims.Name, Claims.Email, Claims.Role);

                options.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();

                // Token requests are answered by OpenIddict itself from the authorization code's principal.
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        return services;
    }
}

/// <summary>The provider's own EF Core context (OpenIddict entities only); never the app's store.</summary>
internal sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);

/// <summary>
/// A private, shared-cache in-memory SQLite database. The open connection held here keeps it alive until the app stops.
/// </summary>
internal sealed class DevIdentityDatabase : IDisposable
{
    private readonly SqliteConnection keepAlive;

    public DevIdentityDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"devidentity-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        keepAlive = new SqliteConnection(ConnectionString);
        keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => keepAlive.Dispose();
}

/// <summary>Creates the store and registers the console as a public client that must use PKCE.</summary>
internal sealed class DevIdentitySeeder(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DevIdentityDbContext>().Database.EnsureCreatedAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(DevIdentityOptions.ClientId, cancellationToken) is not null)
        {
            return;
        }

        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = DevIdentityOptions.ClientId,
            DisplayName = "Libre Connect Dashboard",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            // Other loopback hosts and ports are accepted by LoopbackApplicationManager.
            RedirectUris = { new Uri("http://localhost:5080" + LoopbackApplicationManager.CallbackPath) },
            PostLogoutRedirectUris = { new Uri("http://localhost:5080" + LoopbackApplicationManager.SignedOutCallbackPath) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
