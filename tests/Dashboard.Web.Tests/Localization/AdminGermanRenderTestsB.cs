using System.Globalization;
using Bunit;
using Dashboard.Core.Access;
using Dashboard.Web.Components.Pages.Members;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Localization;

/// <summary>The organisation's admin pages render in German when the culture is German (issue 16 item 5).</summary>
public sealed class AdminGermanRenderTestsB : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public AdminGermanRenderTestsB()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole(ConsoleRoles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>Runs <paramref name="test"/> in German and restores the thread's cultures afterwards.</summary>
    private static void InGerman(Action test)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var german = CultureInfo.GetCultureInfo("de");
        CultureInfo.CurrentCulture = german;
        CultureInfo.CurrentUICulture = german;
        try
        {
            test();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Fact]
    public void The_members_page_speaks_German() => InGerman(() =>
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=invite-form]");

        Assert.Contains("Mitglieder", page.Find("h1").TextContent);
        Assert.Contains("Einladen", page.Find("[data-testid=invite-submit]").TextContent);
        Assert.Contains("Eingeladen von", page.Find("[data-testid=members]").TextContent);
        Assert.Contains("Lesezugriff", page.Find("[data-testid=invite-role]").TextContent);
    });
}
