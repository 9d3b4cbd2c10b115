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
    private IRenderedComponent<MudPopoverProvider>? _popovers;

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
        _popovers = Render<MudPopoverProvider>();
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

    [Fact]
    public async Task A_closed_status_select_draws_no_options_yet_names_its_value_and_choosing_one_filters_the_rows()
    {
        await AddPatientAsync("p-ok", ConnectionStatus.Connected, null);
        await AddPatientAsync("p-credential", ConnectionStatus.Error, LinkErrorTypes.ProviderCredentialError);
        var page = RenderAt("/patients");
        page.WaitForAssertion(() => Assert.Contains("p-ok", page.Markup));
        var status = page.FindComponents<MudSelect<string>>()[0];

        // Closed, the filter bar's selects keep no option components on the circuit.
        Assert.Empty(page.FindComponents<MudSelectItem<string>>());

        await page.InvokeAsync(status.Instance.OpenMenu);
        page.WaitForAssertion(() => Assert.Equal(Enum.GetValues<ConnectionHealth>().Length + 1, page.FindComponents<MudSelectItem<string>>().Count));
        await page.InvokeAsync(() => status.Instance.SelectOption(ConnectionHealthRules.Slug(ConnectionHealth.CredentialError)));

        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/patients?status=credential_error", Services.GetRequiredService<NavigationManager>().Uri);
            Assert.Contains("p-credential", page.Markup);
            Assert.DoesNotContain("p-ok", page.Markup);
        });
        page.WaitForAssertion(() => Assert.Empty(page.FindComponents<MudSelectItem<string>>()));
        // The closed select still names the chosen status (through its text function, with no option drawn).
        Assert.Contains(ConnectionHealthRules.Label(ConnectionHealth.CredentialError), page.FindAll(".patient-filter")[1].OuterHtml);
    }

    [Fact]
    public async Task The_pager_turns_pages_and_says_which_rows_it_shows()
    {
        for (var i = 0; i < 30; i++)
        {
            await AddPatientAsync($"p-{i:00}", ConnectionStatus.Connected, null);
        }
        var page = RenderAt("/patients");
        page.WaitForAssertion(() => Assert.Matches(@"^1-25 of \d+$", page.Find("[data-testid=pager-info]").TextContent));
        var total = int.Parse(page.Find("[data-testid=pager-info]").TextContent.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(page.Find("button[aria-label='Previous page']").HasAttribute("disabled"));
        var firstPage = page.FindAll("[data-testid=patient-grid] tbody tr").Select(r => r.TextContent).ToList();

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal($"26-{Math.Min(50, total)} of {total}", page.Find("[data-testid=pager-info]").TextContent));
        Assert.False(page.Find("button[aria-label='Previous page']").HasAttribute("disabled"));
        Assert.DoesNotContain(page.FindAll("[data-testid=patient-grid] tbody tr").Select(r => r.TextContent), firstPage.Contains);

        page.Find("[data-testid=pager-size]").Change("50");

        page.WaitForAssertion(() => Assert.Equal($"1-{Math.Min(50, total)} of {total}", page.Find("[data-testid=pager-info]").TextContent));
        Assert.Equal(Math.Min(50, total), page.FindAll("[data-testid=patient-grid] tbody tr").Count);
    }
}
