using System.Security.Claims;
using Dashboard.DevIdentity;
using Dashboard.Web.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Authentication;

/// <summary>
/// A minimal console host on real Kestrel at <c>http://127.0.0.1:0</c>: the development provider, the console's
/// authentication, the login/logout endpoints and one protected endpoint (<c>/whoami</c>).
/// </summary>
public sealed class ConsoleAuthHost : IAsyncLifetime
{
    public const string AdminPassword = "admin-test-password";

    private WebApplication? app;

    public Uri Origin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = null,
            ["DevIdentity:Enabled"] = "true",
            ["DevIdentity:Users:0:Email"] = "admin@example.org",
            ["DevIdentity:Users:0:Password"] = AdminPassword,
            ["DevIdentity:Users:0:Name"] = "Ada Admin",
            ["DevIdentity:Users:0:Role"] = "admin",
            ["DevIdentity:Users:1:Email"] = "viewer@example.org",
            ["DevIdentity:Users:1:Password"] = "viewer-test-password",
            ["DevIdentity:Users:1:Name"] = "Vic Viewer",
            ["DevIdentity:Users:1:Role"] = "viewer",
        });

        builder.Services.AddDevIdentity(builder.Configuration);
        builder.Services.AddConsoleAuthentication(builder.Configuration, builder.Environment);

        app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapDevIdentity();
        app.MapLoginAndLogout();
        app.MapGet("/whoami", (ClaimsPrincipal user) => new WhoAmI(
            user.Identity?.Name, user.FindAll("role").Select(c => c.Value).ToArray(), user.IsInRole("admin")));
        app.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
        });
        // The unused token keeps this lambda from binding as a RequestDelegate, which would drop the returned string.
        app.MapGet("/access-token", async (HttpContext http, CancellationToken _) => await http.GetTokenAsync("access_token"));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Origin = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed record WhoAmI(string? Name, string[] Roles, bool IsAdmin);

public sealed record AntiforgeryField(string Name, string Token);
