using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.EndToEnd.Tests.Infrastructure;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Link;

/// <summary>
/// A patient links through the widget (with their two-factor code) and the app pulls 90 days through LibreView's
/// report pipeline (one 90-day Daily Log: report settings, <c>POST /reports</c>, channel, long-poll, report HTML);
/// the patient page then shows exactly the readings the simulator generated. A console of its own, because the
/// shared one pulls 3 days to keep the other browser tests light.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NinetyDayPullTests(BrowserFixture browser)
{
    private const string Password = "Libre-Passw0rd!";

    [Fact]
    public async Task A_patient_linked_through_the_widget_gets_90_days_pulled_and_the_patient_page_shows_every_generated_reading()
    {
        await using var app = new ConsoleAppFixture(new Dictionary<string, string> { ["Sync:HistoricalDays"] = "90", ["LibreView:ReportWindowDays"] = "90" });
        await app.InitializeAsync();
        var simulator = app.Services.GetRequiredService<SimulatorState>();
        var email = $"ninety-{Guid.NewGuid():N}"[..16] + "@example.org";
        var patient = simulator.CreateAccount(new AccountSeed
        {
            Email = email, Password = Password, Region = "us", Sensor = "libre3", Mfa = MfaMethods.Email, TimeZone = "America/New_York",
        });
        var reportsBefore = simulator.Requests.Of("POST /reports");
        var api = new ConsoleApi(app);
        var userId = await api.CreateUserAsync("ninety-" + Guid.NewGuid().ToString("N")[..8]);

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await api.LinkWidgetUrlAsync(userId, "abbott_libreview"));
        await page.GetByLabel("LibreView email").FillAsync(email);
        await page.GetByLabel("LibreView password").FillAsync(Password);
        await page.GetByLabel("LibreView password").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("email");
        await page.GetByLabel("Verification code").FillAsync(await api.LastMfaCodeAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-success")).ToBeVisibleAsync();

        var (pull, state) = await PulledAndSyncedAsync(app, Guid.Parse(userId));

        // What the simulator generated from the pull's start (floating) to the newest reading stored, once each:
        // the store keys readings by their floating time, so the doubled hour of the autumn DST change counts once.
        var generated = patient.Data!.Historic(patient.Data.DataStart, DateTimeOffset.UtcNow)
            .Where(r => r.Local >= DateTime.SpecifyKind(pull.RangeStart, DateTimeKind.Unspecified) && r.Local <= state.LastReadingAt)
            .Select(r => r.Local).Distinct().ToList();
        var days = generated.Select(DateOnly.FromDateTime).Distinct().Count();
        Assert.InRange(days, 90, 92);
        Assert.True(generated.Count > 24_000, $"{generated.Count} readings generated");
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, patient.Data.Zone).DateTime;
        Assert.InRange(state.LastReadingAt!.Value, localNow.AddMinutes(-40), localNow); // the pull reached the present, past the 17-minute upload lag
        Assert.Equal((90, 90), (pull.DaysAsked, pull.DaysDone));
        Assert.True(simulator.Requests.Of("POST /reports") > reportsBefore);

        await page.SignInAsync(SeededPeople.Viewer, $"/patients/{userId}");
        await Assertions.Expect(page.GetByText($"{generated.Count.ToString("N0", CultureInfo.InvariantCulture)} readings, last at {Dashboard.Web.Components.Time.ConsoleDateFormat.DateTime(state.LastReadingAt.Value, CultureInfo.GetCultureInfo("en"))} (device time)"))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("patient-events")).ToContainTextAsync("historical.data.glucose.created");

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("x-vital-api-key", ConsoleApi.SandboxUsKey);
        var introspection = await client.GetFromJsonAsync<JsonElement>($"/v2/introspect/historical_pull?user_id={userId}");
        var glucose = introspection.GetProperty("data")[0].GetProperty("provider").GetProperty("abbott_libreview").GetProperty("pulled").GetProperty("glucose");
        Assert.Equal("success", glucose.GetProperty("status").GetString());
        Assert.Equal(days, glucose.GetProperty("days_with_data").GetInt32());
        Assert.Equal(0, simulator.Requests.Unlisted);
    }

    /// <summary>Waits (up to 2 minutes) for the pull to succeed and the ongoing sync after it to have run once.</summary>
    private static async Task<(HistoricalPull Pull, ConnectionSyncState State)> PulledAndSyncedAsync(ConsoleAppFixture app, Guid userId)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var pull = await db.HistoricalPulls.AsNoTracking().SingleOrDefaultAsync(p => db.Connections.Any(c => c.Id == p.ConnectionId && c.UserId == userId));
            var state = await db.SyncStates.AsNoTracking().SingleOrDefaultAsync(s => s.Connection!.UserId == userId);
            if (pull is { Status: PullStatus.Success, EndedAt: { } ended } && state is { LastSuccessAt: { } synced, LeaseOwner: null } && synced > ended)
            {
                return (pull, state);
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The 90-day pull and the ongoing sync after it did not finish within 2 minutes.");
    }
}
