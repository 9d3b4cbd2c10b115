using System.Security.Claims;
using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using EventsPage = Dashboard.Web.Components.Pages.Events.Events;

namespace Dashboard.Web.Tests.Events;

public sealed class EventsPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public async Task InitializeAsync() => await _store.AddToAsync(Services);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private void SignIn(string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized($"{role} person");
        auth.SetConsoleRole(role);
        auth.SetClaims(new Claim("email", $"{role}@example.org"));
    }

    /// <summary>Our organisation (two teams, the signed-in staff) and a stranger organisation, each with events.</summary>
    private async Task SeedAsync(int ourEvents)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var ours = new Organization { Name = "Acme Care", Teams = [new Team { Name = "Team A" }, new Team { Name = "Team B" }] };
        var stranger = new Organization { Name = "Stranger Org", Teams = [new Team { Name = "Stranger team" }] };
        db.Organizations.AddRange(ours, stranger);
        db.StaffMemberships.AddRange(
            new StaffMembership { Email = "admin@example.org", OrganizationId = ours.Id },
            new StaffMembership { Email = "support@example.org", OrganizationId = ours.Id });
        var recorder = new EventRecorder(TimeProvider.System);
        for (var i = 0; i < ourEvents; i++)
        {
            var type = i % 2 == 0 ? EventTypes.DailyGlucoseCreated : EventTypes.ConnectionError;
            recorder.Record(db, type, ours.Teams[i % 2].Id, Guid.NewGuid(), $"patient-{i}", new { Provider = "freestyle_libre", Index = i });
        }
        recorder.Record(db, EventTypes.ConnectionCreated, stranger.Teams[0].Id, Guid.NewGuid(), "stranger-patient", new { Provider = "freestyle_libre" });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<EventsPage> RenderPage(string url = "/events")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        Render<MudPopoverProvider>();
        return Render<EventsPage>();
    }

    private void Navigate(string url) => Services.GetRequiredService<NavigationManager>().NavigateTo(url);

    private static string[] Patients(IRenderedComponent<EventsPage> page) =>
        page.FindAll("[data-testid=event-patient]").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Shows_the_organisations_events_newest_first_and_nobody_elses()
    {
        SignIn("support");
        await SeedAsync(ourEvents: 4);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(["patient-3", "patient-2", "patient-1", "patient-0"], Patients(page)));
        Assert.DoesNotContain("stranger-patient", page.Markup);
    }

    [Theory]
    [InlineData(0, "/events", "No events yet")]
    [InlineData(3, "/events?patient=nobody&from=2001-01-01&to=2001-01-31", "No events match these filters")]
    public async Task An_empty_list_says_why(int events, string url, string expected)
    {
        SignIn("support");
        await SeedAsync(events);

        var page = RenderPage(url);

        page.WaitForElement("[data-testid=events-empty]");
        Assert.Contains(expected, page.Find("[data-testid=events-empty]").TextContent);
    }

    [Fact]
    public async Task Filters_in_the_url_narrow_the_list_by_patient_and_by_type()
    {
        SignIn("admin");
        await SeedAsync(ourEvents: 6);

        var page = RenderPage("/events?patient=patient-2");
        page.WaitForAssertion(() => Assert.Equal(["patient-2"], Patients(page)));

        Navigate($"/events?type={EventTypes.ConnectionError}");
        page.WaitForAssertion(() => Assert.Equal(["patient-5", "patient-3", "patient-1"], Patients(page)));

        string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Navigate($"/events?from={Day(DateTime.UtcNow.AddDays(-1))}&to={Day(DateTime.UtcNow)}");
        page.WaitForAssertion(() => Assert.Equal(6, Patients(page).Length));
    }

    [Fact]
    public async Task Typing_a_patient_filters_the_list_and_puts_the_filter_in_the_url()
    {
        SignIn("support");
        await SeedAsync(ourEvents: 3);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(3, Patients(page).Length));

        page.Find("[data-testid=filter-patient] input").Change("patient-1");

        page.WaitForAssertion(() => Assert.Equal(["patient-1"], Patients(page)));
        Assert.EndsWith("/events?patient=patient-1", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Opening_an_event_shows_its_json_envelope()
    {
        SignIn("support");
        await SeedAsync(ourEvents: 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Patients(page)));

        page.Find("[data-testid=event-grid] tbody button").Click();

        var json = page.WaitForElement("[data-testid=event-json]").TextContent;
        Assert.Contains("\"event_type\": \"daily.data.glucose.created\"", json);
        Assert.Contains("\"client_user_id\": \"patient-0\"", json);
        Assert.Contains("\"provider\": \"freestyle_libre\"", json);
    }

    [Fact]
    public async Task Support_sees_no_webhook_administration()
    {
        SignIn("support");
        await SeedAsync(ourEvents: 1);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(Patients(page)));
        Assert.DoesNotContain("Webhooks", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=add-endpoint]"));
    }

    [Fact]
    public async Task An_admin_adds_an_endpoint_and_sees_its_secret_once()
    {
        SignIn("admin");
        await SeedAsync(ourEvents: 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Webhooks", page.Markup));

        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Webhooks")).Click();
        page.WaitForElement("[data-testid=endpoints-empty]");
        page.Find("[data-testid=endpoint-url] input").Change("http://example.com/hooks");
        page.Find("[data-testid=add-endpoint]").Submit();
        page.WaitForAssertion(() => Assert.Contains("must use https", page.Find("[data-testid=endpoint-url]").TextContent));

        page.Find("[data-testid=endpoint-url] input").Change("https://hooks.example.com/libre");
        page.Find("[data-testid=add-endpoint]").Submit();

        page.WaitForAssertion(() => Assert.StartsWith("whsec_", page.Find("[data-testid=secret-value]").TextContent));
        Assert.Contains("https://hooks.example.com/libre", page.Find("[data-testid=endpoints]").TextContent);
    }

    [Fact]
    public async Task The_events_page_speaks_German()
    {
        SignIn("admin");
        await SeedAsync(ourEvents: 0);

        InCulture.Run("de", () =>
        {
            var page = RenderPage();

            page.WaitForElement("[data-testid=events-empty]");
            Assert.Equal("Ereignisse", page.Find("h1").TextContent.Trim());
            Assert.Contains("Noch keine Ereignisse.", page.Find("[data-testid=events-empty]").TextContent);
            Assert.Contains("Ereignisstrom", page.Markup);
            Assert.Contains("Zurücksetzen", page.Find("[data-testid=filter-clear]").TextContent);

            page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Webhooks")).Click();
            page.WaitForElement("[data-testid=endpoints-empty]");
            Assert.Contains("Noch keine Webhook-Endpunkte.", page.Find("[data-testid=endpoints-empty]").TextContent);
            Assert.Contains("Endpunkt hinzufügen", page.Markup);
            Assert.DoesNotContain("Add an endpoint", page.Markup);
        });
    }

    [Fact]
    public async Task A_refused_endpoint_url_is_said_in_German()
    {
        SignIn("admin");
        await SeedAsync(ourEvents: 0);

        InCulture.Run("de", () =>
        {
            var page = RenderPage();
            page.WaitForElement("[data-testid=events-empty]");
            page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Webhooks")).Click();
            page.WaitForElement("[data-testid=endpoints-empty]");

            page.Find("[data-testid=endpoint-url] input").Change("http://example.com/hooks");
            page.Find("[data-testid=add-endpoint]").Submit();
            page.WaitForAssertion(() => Assert.Contains("Webhook-Endpunkte müssen https verwenden", page.Find("[data-testid=endpoint-url]").TextContent));

            page.Find("[data-testid=endpoint-url] input").Change("https://user:pw@hooks.example.com/libre");
            page.Find("[data-testid=add-endpoint]").Submit();
            page.WaitForAssertion(() => Assert.Contains("Die URL darf weder Benutzernamen noch Passwort enthalten.", page.Find("[data-testid=endpoint-url]").TextContent));
            Assert.DoesNotContain("must use https", page.Markup);
        });
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.WebhookEndpoints.CountAsync());
    }
}
