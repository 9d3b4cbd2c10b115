using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Patients;
using System.Globalization;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Components.Time;
using Microsoft.AspNetCore.Components;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Patients;

/// <summary>The patient page's connection panels: guidance per error type and who may act.</summary>
public sealed class PatientPanelsTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public PatientPanelsTests()
    {
        Services.AddSingleton(new Dashboard.Web.Configuration.PublicLinks(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        _auth = AddAuthorization();
        _auth.SetAuthorized("Sam Support");
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        // The re-connect panel's invitation form waits for interactivity.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously: dispose the context here, before xUnit's synchronous Dispose.
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private static PatientConnectionDetails Details(ConnectionStatus status, string? errorType, string provider = Providers.AbbottLibreView) => new(
        new ConnectionView(Guid.NewGuid(), provider, status, "us", provider == Providers.FreeStyleLibre ? "tryVital-sandbox" : null, "lv-1",
            errorType, errorType is null ? null : LinkErrorTypes.Message(errorType), errorType is null ? null : new DateTime(2026, 11, 20, 8, 0, 0),
            new DateTime(2026, 10, 1, 8, 0, 0)),
        ConnectionHealthRules.Classify(status, errorType),
        provider == Providers.FreeStyleLibre ? "tryVital-sandbox" : null);

    private IRenderedComponent<ConnectionCard> Card(PatientConnectionDetails details) =>
        Render<ConnectionCard>(p => p.Add(c => c.Details, details).Add(c => c.UserId, Guid.NewGuid()));

    [Theory]
    [InlineData(LinkErrorTypes.ProviderCredentialError, "no longer accepts")]
    [InlineData(LinkErrorTypes.ProviderPasswordExpired, "has expired")]
    public void Password_errors_show_the_three_reconnect_steps(string errorType, string headline)
    {
        _auth.SetConsoleRole("support");

        var card = Card(Details(ConnectionStatus.Error, errorType));

        var guidance = card.Find("[data-testid=reconnect-guidance]");
        Assert.Contains(headline, guidance.TextContent);
        Assert.Equal(3, guidance.QuerySelectorAll("li").Length);
        Assert.Contains("LibreLink app", guidance.TextContent);
        Assert.NotNull(card.Find("[data-testid=create-reconnect-link]"));
    }

    [Fact]
    public void A_viewer_sees_the_guidance_but_no_action()
    {
        _auth.SetConsoleRole("viewer");

        var card = Card(Details(ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired));

        Assert.NotNull(card.Find("[data-testid=reconnect-guidance]"));
        Assert.Empty(card.FindAll("[data-testid=create-reconnect-link]"));
    }

    [Fact]
    public void Awaiting_share_names_the_practice_and_region_and_offers_no_reconnect()
    {
        _auth.SetConsoleRole("support");

        var card = Card(Details(ConnectionStatus.Error, LinkErrorTypes.UserNotFound, Providers.FreeStyleLibre));

        var guidance = card.Find("[data-testid=awaiting-share-guidance]");
        Assert.Contains("tryVital-sandbox", guidance.TextContent);
        Assert.Contains("US", guidance.TextContent);
        Assert.Empty(card.FindAll("[data-testid=reconnect-guidance]"));
    }

    [Theory]
    [InlineData(ConnectionStatus.Connected, null)]
    [InlineData(ConnectionStatus.Error, "unknown")]
    public void Healthy_or_other_errors_show_no_password_guidance(ConnectionStatus status, string? errorType)
    {
        _auth.SetConsoleRole("support");

        var card = Card(Details(status, errorType));

        Assert.Empty(card.FindAll("[data-testid=reconnect-guidance]"));
        Assert.Equal(ConnectionHealthRules.Label(ConnectionHealthRules.Classify(status, errorType)), card.Find("[data-testid=status-chip]").TextContent.Trim());
    }

    [Theory]
    [InlineData(ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired, "not syncing since 20 Nov 2026 08:00")]
    [InlineData(ConnectionStatus.Error, LinkErrorTypes.ProviderCredentialError, "not syncing since 20 Nov 2026 08:00")]
    [InlineData(ConnectionStatus.Error, LinkErrorTypes.UserNotFound, "waiting for the patient to share")]
    [InlineData(ConnectionStatus.Connected, null, "Connected since 1 Oct 2026 08:00")]
    public void Only_a_connected_connection_reads_connected_since(ConnectionStatus status, string? errorType, string expected)
    {
        _auth.SetConsoleRole("support");

        var since = Card(Details(status, errorType)).Find("[data-testid=connection-since]").TextContent;

        Assert.Contains(expected, since);
        Assert.Equal(status == ConnectionStatus.Connected, since.Contains("onnected since", StringComparison.Ordinal));
    }

    private IRenderedComponent<CascadingValue<StaffClock>> CardIn(string zone, string culture, PatientConnectionDetails details) =>
        Render<CascadingValue<StaffClock>>(p => p
            .Add(c => c.Value, new StaffClock(TimeZoneInfo.FindSystemTimeZoneById(zone), CultureInfo.GetCultureInfo(culture)))
            .AddChildContent<ConnectionCard>(c => c.Add(x => x.Details, details).Add(x => x.UserId, Guid.NewGuid())));

    [Fact]
    public void The_cards_header_reads_the_staff_members_local_time_like_its_since_row_with_UTC_on_hover()
    {
        _auth.SetConsoleRole("support");

        var card = CardIn("Europe/Berlin", "en", Details(ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired));

        var since = card.Find("[data-testid=connection-since]");
        Assert.Equal("Linked 1 Oct 2026 10:00 · not syncing since 20 Nov 2026 09:00", since.TextContent.Trim()); // CEST, then CET
        Assert.DoesNotContain("UTC", since.TextContent);
        var times = since.QuerySelectorAll("time");
        Assert.Equal(["2026-10-01 08:00:00 UTC", "2026-11-20 08:00:00 UTC"], times.Select(t => t.GetAttribute("title")));
        // The same instant reads the same in the header and in the card's "Since" row.
        var errorSince = card.FindAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Since").QuerySelector("time")!;
        Assert.Equal(times[1].TextContent, errorSince.TextContent);
    }

    [Fact]
    public void The_header_speaks_German_in_the_German_date_format()
    {
        _auth.SetConsoleRole("support");

        InCulture.Run("de", () =>
        {
            var card = CardIn("Europe/Berlin", "de", Details(ConnectionStatus.Connected, null));

            Assert.Equal("Verbunden seit 01.10.2026 10:00", card.Find("[data-testid=connection-since]").TextContent.Trim());
        });
    }

    [Theory]
    [InlineData("en", "us", "United States")]
    [InlineData("en", "eu2", "Europe 2 (United Kingdom, Ireland)")]
    [InlineData("en", "eu", "Europe")]
    [InlineData("de", "eu2", "Europa 2 (Vereinigtes Königreich, Irland)")]
    [InlineData("en", "zz", "ZZ")]
    public void The_LibreView_region_is_named_not_coded(string culture, string region, string shown)
    {
        _auth.SetConsoleRole("support");
        var details = Details(ConnectionStatus.Connected, null);
        details = details with { Connection = details.Connection with { Region = region } };

        InCulture.Run(culture, () =>
        {
            var cell = Card(details).Find("[data-testid=connection-region]");

            Assert.Equal(shown, cell.TextContent.Trim());
            Assert.Equal(region, cell.QuerySelector("span")!.GetAttribute("title"));
        });
    }
}
