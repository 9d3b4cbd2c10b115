using Bunit;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Overview;

/// <summary>Overview's figures as a viewer meets them: each links to the list of what it counts, and only errors are red.</summary>
public sealed class OverviewLinksTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public OverviewLinksTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Vic Viewer");
        auth.SetConsoleRole("viewer");
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var team = await db.Teams.FirstAsync(t => t.Name == "Sandbox US");
        void Patient(string id, ConnectionStatus status, string? error)
        {
            var user = new User { TeamId = team.Id, ClientUserId = id, CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            db.Connections.Add(new Connection { UserId = user.Id, Provider = Providers.AbbottLibreView, Status = status, ErrorType = error, Region = "us", CreatedAt = DateTime.UtcNow });
        }
        Patient("ok-1", ConnectionStatus.Connected, null);
        Patient("ok-2", ConnectionStatus.Connected, null);
        Patient("share-1", ConnectionStatus.Error, LinkErrorTypes.UserNotFound);
        Patient("expired-1", ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired);
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public void Each_connection_figure_links_to_the_list_filtered_to_it()
    {
        var page = Render<Dashboard.Web.Components.Pages.Overview.Overview>();

        page.WaitForElement("[data-testid=count-connected]");
        var connected = page.Find("[data-testid=count-connected]");
        Assert.Equal("2", connected.TextContent.Trim());
        Assert.Equal("/patients?status=connected", connected.GetAttribute("href"));
        Assert.Equal("/patients?status=password_expired", page.Find("[data-testid=count-password_expired]").GetAttribute("href"));
        Assert.Equal("/patients", page.Find("[data-testid=count-patients]").GetAttribute("href"));
        Assert.Equal("4", page.Find("[data-testid=count-patients]").TextContent.Trim());
    }

    [Fact]
    public void Awaiting_share_is_counted_on_its_own_and_not_in_red()
    {
        var page = Render<Dashboard.Web.Components.Pages.Overview.Overview>();

        page.WaitForElement("[data-testid=count-awaiting_share]");
        var share = page.Find("[data-testid=count-awaiting_share]");
        var expired = page.Find("[data-testid=count-password_expired]");
        Assert.Equal("1", share.TextContent.Trim());
        Assert.Equal("1", expired.TextContent.Trim());
        Assert.DoesNotContain("mud-error-text", share.ClassName);
        Assert.Contains("mud-info-text", share.ClassName);
        Assert.Contains("mud-error-text", expired.ClassName);
        Assert.Equal("0", page.Find("[data-testid=count-credential_error]").TextContent.Trim());
        Assert.DoesNotContain("mud-error-text", page.Find("[data-testid=count-credential_error]").ClassName);
    }
}
