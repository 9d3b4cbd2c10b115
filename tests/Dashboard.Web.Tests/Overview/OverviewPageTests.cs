using Bunit;
using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Overview;

public sealed class OverviewPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public OverviewPageTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole("admin");
        auth.SetClaims(new System.Security.Claims.Claim("email", "admin@example.org"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task An_empty_store_shows_the_empty_state_and_no_counts()
    {
        await _store.AddToAsync(Services);

        var page = Render<Dashboard.Web.Components.Pages.Overview.Overview>();

        page.WaitForElement("[data-testid=overview-empty]");
        Assert.Contains("Nothing here yet", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=count-teams]"));
    }

    [Fact]
    public async Task A_seeded_store_shows_real_counts_and_the_organisation()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: "admin@example.org");

        var page = Render<Dashboard.Web.Components.Pages.Overview.Overview>();

        page.WaitForElement("[data-testid=count-teams]");
        Assert.Equal("1", page.Find("[data-testid=count-organizations]").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid=count-teams]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=count-patients]").TextContent.Trim());
        Assert.Contains("Demo Health", page.Find("[data-testid=organization-names]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=overview-empty]"));
    }
}
