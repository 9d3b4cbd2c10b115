using Dashboard.Core;
using Dashboard.DevIdentity;
using Dashboard.Web.Api;
using Dashboard.Web.Authentication;
using Dashboard.Web.Components;
using Dashboard.Web.Configuration;
using System.Text.Json;
using MudBlazor.Services;

namespace Dashboard.Web;

/// <summary>Everything <c>Program.cs</c> wires: services first, then the request pipeline.</summary>
public static class DashboardWebSetup
{
    public static WebApplicationBuilder AddDashboardWeb(this WebApplicationBuilder builder)
    {
        builder.AddRepositoryDevelopmentSettings();
        var services = builder.Services;
        services.AddDashboardCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<Dashboard.Web.Components.Layout.ThemePreference>();
        services.AddScoped<Dashboard.Web.Components.Pages.Review.UnitPreference>();
        services.AddScoped<Dashboard.Web.Components.Pages.Review.ReviewScopeResolver>();
        services.AddDevIdentity(builder.Configuration);
        services.AddConsoleAuthentication(builder.Configuration, builder.Environment);
        services.AddCascadingAuthenticationState();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        return builder;
    }

    public static WebApplication UseDashboardWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapDevIdentity();
        app.MapLoginAndLogout();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapDashboardApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
