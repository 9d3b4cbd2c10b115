using System.Security.Claims;
using Bunit;
using Dashboard.Core.Glucose;
using Dashboard.Core.Preferences;
using Dashboard.Web.Access;
using Dashboard.Web.Components.Pages.Review;
using Dashboard.Web.Components.Pages.Settings;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Settings;

/// <summary>The person's own preferences page: the glucose unit, kept on the server.</summary>
public sealed class PreferencesPageTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Viewer = "vic.viewer@example.org";
    private readonly TestStore _store = new();

    public PreferencesPageTests()
    {
        Services.AddScoped<UnitPreference>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Vic Viewer");
        auth.SetRoles("viewer");
        auth.SetClaims(new Claim("email", Viewer));
    }

    public Task InitializeAsync() => _store.AddToAsync(Services, seedDemo: true, staffMember: Viewer);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private StaffPreference Stored() => Services.GetRequiredService<StaffPreferences>().GetAsync(Viewer).GetAwaiter().GetResult();

    private static void Choose(IRenderedComponent<PreferencesPage> page, string text) =>
        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Choosing_a_unit_keeps_it_for_the_person_and_the_team_default_forgets_it()
    {
        var page = Render<PreferencesPage>();
        page.WaitForElement("[data-testid=unit-preference]");
        Assert.Equal("team", page.Find("[data-testid=unit-preference]").GetAttribute("data-unit"));

        Choose(page, "mmol/L");

        page.WaitForAssertion(() => Assert.Equal(GlucoseUnit.MmolPerL, Stored().GlucoseUnit));
        Assert.Contains("mmol/L", page.Find("[data-testid=unit-saved]").TextContent);

        Choose(page, "Team's default");

        page.WaitForAssertion(() => Assert.Null(Stored().GlucoseUnit));
        Assert.Contains("each team's default", page.Find("[data-testid=unit-saved]").TextContent);
    }

    [Fact]
    public async Task A_unit_chosen_earlier_is_shown_as_chosen()
    {
        await Services.GetRequiredService<StaffPreferences>().SetGlucoseUnitAsync(Viewer, GlucoseUnit.MgPerDl);

        var page = Render<PreferencesPage>();

        page.WaitForAssertion(() => Assert.Equal(nameof(GlucoseUnit.MgPerDl), page.Find("[data-testid=unit-preference]").GetAttribute("data-unit")));
    }
}
