using Bunit;
using Dashboard.Core.Access;
using Dashboard.Web.Components.Pages.Review;
using Dashboard.Web.Components.Pages.Audit;
using Dashboard.Web.Components.Pages.Invitations;
using Dashboard.Web.Components.Pages.PracticeAccounts;
using Dashboard.Web.Components.Pages.Settings;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Localization;

/// <summary>
/// One page of each admin folder localised in issue 16 item 5 (audit, settings, invitations, practice accounts), rendered
/// in German (<see cref="InCulture"/>). The German cases of pages with their own test class are there.
/// </summary>
public sealed class AdminPagesInGermanTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Admin = "admin@example.org";
    private readonly TestStore _store = new();

    public AdminPagesInGermanTests()
    {
        Services.AddScoped<UnitPreference>();
        AddAuthorization().SetConsolePerson(ConsoleRoles.Admin, Admin);
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: Admin + " as admin");
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public void The_audit_log_is_in_German() => InCulture.Run("de", () =>
    {
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Contains("Audit-Protokoll", page.Find("h1").TextContent));
        Assert.Contains("CSV exportieren", page.Find("[data-testid=audit-export]").TextContent);
        Assert.Contains("Wann", page.Markup);
        Assert.DoesNotContain("Export CSV", page.Markup);
    });

    [Fact]
    public void The_settings_pages_are_in_German() => InCulture.Run("de", () =>
    {
        var settings = Render<Dashboard.Web.Components.Pages.Settings.Settings>();
        settings.WaitForAssertion(() => Assert.Contains("Bereitstellungsregion", settings.Markup));
        Assert.Equal("Einstellungen", settings.Find("h1").TextContent.Trim());
        Assert.Equal("Mitglieder und Rollen", settings.Find("[data-testid=members-link]").TextContent.Trim());

        var preferences = Render<PreferencesPage>();
        preferences.WaitForElement("[data-testid=unit-preference]");
        Assert.Contains("Glukoseeinheit", preferences.Markup);
        Assert.Contains("Standard des Teams", preferences.Markup);
    });

    [Fact]
    public void Connecting_a_patient_is_in_German() => InCulture.Run("de", () =>
    {
        var page = Render<ConnectPatientPage>();

        page.WaitForElement("[data-testid=connect-patient-form]");
        Assert.Equal("Patient verbinden", page.Find("h1").TextContent.Trim());
        Assert.Contains("Einladung senden", page.Find("[data-testid=connect-send]").TextContent);
        Assert.Contains("E-Mail-Adresse des Patienten", page.Markup);
    });

    [Fact]
    public void The_practice_accounts_page_is_in_German() => InCulture.Run("de", () =>
    {
        var page = Render<PracticeAccountsPage>();

        page.WaitForElement("[data-testid=practice-accounts-empty]");
        Assert.Equal("LibreView-Praxiskonten", page.Find("h1").TextContent.Trim());
        Assert.Contains("Es ist kein Praxiskonto eingerichtet.", page.Find("[data-testid=practice-accounts-empty]").TextContent);
        Assert.Contains("vertrauenswürdiges Gerät", page.Markup);
    });
}
