using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Patients;

public sealed class PatientListTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public PatientListTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Sam Support");
        auth.SetConsoleRole("support");
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync() => await _store.AddToAsync(Services, seedDemo: true);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task AddPatientAsync(string clientUserId, ConnectionStatus status, string? errorType)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var team = await db.Teams.FirstAsync(t => t.Name == "Sandbox US");
        var user = new User { TeamId = team.Id, ClientUserId = clientUserId, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        db.Connections.Add(new Connection { UserId = user.Id, Provider = Providers.AbbottLibreView, Status = status, ErrorType = errorType, Region = "us", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<PatientList> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        return Render<PatientList>();
    }

    [Fact]
    public async Task Rows_show_status_chips_and_link_to_the_patient()
    {
        await AddPatientAsync("p-expired", ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired);

        var page = RenderAt("/patients");

        page.WaitForAssertion(() => Assert.Contains("p-expired", page.Markup));
        Assert.Contains(page.FindAll("[data-testid=status-chip]"), chip => chip.TextContent.Trim() == "Password expired");
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href")?.StartsWith("/patients/", StringComparison.Ordinal) == true && a.TextContent == "p-expired");
    }

    [Fact]
    public async Task A_status_filter_in_the_url_narrows_the_rows_and_the_export_keeps_it()
    {
        await AddPatientAsync("p-ok", ConnectionStatus.Connected, null);
        await AddPatientAsync("p-credential", ConnectionStatus.Error, LinkErrorTypes.ProviderCredentialError);

        var page = RenderAt("/patients?status=credential_error");

        page.WaitForAssertion(() => Assert.Contains("p-credential", page.Markup));
        Assert.DoesNotContain("p-ok", page.Markup);
        Assert.Equal("/patients/export.csv?status=credential_error", page.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Arriving_at_another_filter_by_navigation_reloads_the_rows()
    {
        await AddPatientAsync("p-ok", ConnectionStatus.Connected, null);
        await AddPatientAsync("p-credential", ConnectionStatus.Error, LinkErrorTypes.ProviderCredentialError);
        var page = RenderAt("/patients");
        page.WaitForAssertion(() => Assert.Contains("p-ok", page.Markup));

        // The address changes without the filter bar (the back button, a link to a filtered list).
        Services.GetRequiredService<NavigationManager>().NavigateTo("/patients?status=credential_error");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("p-credential", page.Markup);
            Assert.DoesNotContain("p-ok", page.Markup);
        });
    }

    [Fact]
    public void No_match_shows_the_empty_state()
    {
        var page = RenderAt("/patients?q=nobody-has-this-id");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=patients-empty]")));
    }
}
