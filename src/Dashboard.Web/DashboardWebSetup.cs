using Dashboard.Core;
using Dashboard.DevIdentity;
using Dashboard.Web.Access;
using Dashboard.Web.Api;
using Dashboard.Web.Authentication;
using Dashboard.Web.Components;
using Dashboard.Web.Configuration;
using Dashboard.Web.LibreViewHosting;
using Dashboard.Web.Localization;
using System.Text.Json;
using MudBlazor.Services;

namespace Dashboard.Web;

/// <summary>Everything <c>Program.cs</c> wires: services first, then the request pipeline.</summary>
public static class DashboardWebSetup
{
    /// <summary>Call after <see cref="RepositorySettings.AddRepositoryDevelopmentSettings"/> and <see cref="RequiredSettings.HasRequiredSettings"/>.</summary>
    public static WebApplicationBuilder AddDashboardWeb(this WebApplicationBuilder builder)
    {
        builder.AddInProcessSimulator();
        builder.AddDashboardTelemetry();
        var services = builder.Services;
        services.AddDashboardCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddProxyHeaders(builder.Configuration);
        builder.AddKeyRingProtection();
        services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            // A disconnected circuit (a closed tab, a dropped network) keeps its whole component tree in server memory
            // until it is evicted: about 1 MB each at the patient list (docs/performance.md, "The circuit load client").
            // The defaults (100 circuits for 3 minutes) let a clinic's closed tabs hold up to 100 MB for minutes. A real
            // network drop reconnects within seconds; a circuit evicted later resumes from its persisted state or reloads.
            circuits.DisconnectedCircuitMaxRetained = 50;
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
        });
        services.AddMudServices();
        services.AddConsoleLocalization();
        services.AddScoped<Dashboard.Web.Components.Layout.ThemePreference>();
        services.AddScoped<Dashboard.Web.Components.Time.TimeZonePreference>();
        services.AddScoped<Dashboard.Web.Access.CurrentStaff>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<Dashboard.Core.Notifications.IConsoleAddresses>(sp => sp.GetRequiredService<PublicLinks>());
        builder.AddDevelopmentMailSink();
        services.AddScoped<Dashboard.Web.Components.Pages.Review.UnitPreference>();
        if (DevelopmentFeatures.DevSignIn(builder.Configuration, builder.Environment))
        {
            services.AddDevIdentity(builder.Configuration);
        }
        services.AddConsoleAuthentication(builder.Configuration, builder.Environment);
        services.AddConsoleMembership(builder.Configuration);
        services.AddCascadingAuthenticationState();
        services.AddProblemDetails();
        // Binding faults reach ApiErrorMiddleware as exceptions, in every environment, to be answered as Junction's 422.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddApiRateLimits(builder.Configuration);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        return builder;
    }

    /// <summary>
    /// The Blazor hub is not a page: anonymous pages (the Link widget) need a circuit too. Pages keep their own
    /// authorization: the fallback policy on their endpoints and <c>AuthorizeRouteView</c> inside the circuit.
    /// </summary>
    private static void AllowAnonymousCircuits(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        }
    }

    public static WebApplication UseDashboardWeb(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address and scheme
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        // Before everything that renders text: pages, the Blazor hub (a circuit keeps its first request's culture), status pages.
        app.UseRequestLocalization();
        app.MapInProcessSimulator();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseApiRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseCookieRequestForgeryProtection();

        app.MapDevIdentity();
        app.MapLoginAndLogout();
        app.MapOrganizationSwitch();
        app.MapCultureSwitch();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapDashboardApi();
        app.MapPatientExport();
        app.MapAuditExport();
        app.MapAgpReport();
        app.MapTriageExport();
        app.MapReconnectLinks();
        // frame-ancestors is in the app's own policy (SecurityHeaders); a second policy header from Blazor would only repeat it.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null).Add(AllowAnonymousCircuits);
        return app;
    }
}
