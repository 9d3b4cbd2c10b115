using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Screenshots;

/// <summary>
/// The pages and states docs/screenshots shows (see its README), each signed in as the role that works there, in the
/// light and the dark theme. Staff pages first; the patient-facing pages last, since making their links adds a patient
/// and an invitation the staff pages would otherwise show.
/// </summary>
internal sealed class ScreenshotTour(ScreenshotConsole app, IBrowser browser, string folder)
{
    private const string SandboxUsKey = "dev_sandbox_us_key";

    /// <summary>A staff member in Berlin: times read in Central European time, not in the server's UTC.</summary>
    private const string TimeZone = "Europe/Berlin";

    private static readonly ViewportSize Viewport = new() { Width = 1440, Height = 900 };

    private sealed record Theme(string Name, bool Dark);

    private static readonly Theme[] Themes = [new("light", false), new("dark", true)];

    private readonly List<string> _written = [];

    public async Task<IReadOnlyList<string>> TakeAsync(CancellationToken ct)
    {
        // Demo patients by the seeder's numbering: 000 is connected with 90 days of readings; 008, 018 and 028 had
        // their LibreView password expired after linking (DemoPatientsSeeder's fates).
        var connected = await DemoPatientAsync("demo-000", ct);
        var expired = await DemoPatientAsync("demo-008", ct);
        var invited = new Dictionary<string, Guid>
        {
            ["light"] = await DemoPatientAsync("demo-018", ct),
            ["dark"] = await DemoPatientAsync("demo-028", ct),
        };

        foreach (var theme in Themes)
        {
            ct.ThrowIfCancellationRequested();
            Console.WriteLine($"Staff pages, {theme.Name} theme");
            await AsStaffAsync(SeededPeople.Viewer, theme, async page =>
            {
                await page.GotoAsync("/");
                await ShotAsync(page, "overview", theme, page.GetByTestId("count-patients"));

                await page.GotoAsync($"/patients/{connected}/review?days=90");
                await ReviewInMmolAsync(page);
                await ShotAsync(page, "glucose-review", theme, page.Locator("[data-chart=agp] svg.apexcharts-svg"),
                    page.Locator("[data-chart=time-in-ranges] svg.apexcharts-svg"));
                await ScrollToTopAsync(page, "[data-chart=agp]");
                await ShotAsync(page, "glucose-review-agp", theme, page.Locator("[data-chart=agp] svg.apexcharts-svg"));
                await ScrollToTopAsync(page, "[data-chart=detail]");
                await ShotAsync(page, "glucose-review-detail", theme, page.Locator("[data-chart=detail] svg.apexcharts-svg"),
                    page.Locator("svg[data-chart=daily-profile]"));
            });

            await AsStaffAsync(SeededPeople.Support, theme, async page =>
            {
                await page.GotoAsync("/patients");
                await ShotAsync(page, "patients-list", theme, page.Locator("[data-testid=patient-grid] tbody tr"));

                await page.GotoAsync("/patients?status=password_expired");
                await ShotAsync(page, "patients-password-expired", theme, page.Locator("[data-testid=patient-grid] tbody tr"));

                await page.GotoAsync($"/patients/{expired}");
                await ScrollToTopAsync(page, "[data-testid=connection-card]");
                await ShotAsync(page, "patient-password-expired", theme, page.GetByTestId("reconnect-guidance"),
                    page.GetByTestId("create-reconnect-link"));

                await page.GotoAsync("/triage");
                await ShotAsync(page, "triage", theme, page.Locator("[data-testid=triage-table], [data-testid=triage-empty]"));

                await page.GotoAsync("/events");
                await ShotAsync(page, "events", theme, page.Locator("[data-testid=event-grid], [data-testid=events-empty]"));

                // The language switch as the menu does it: the cookie, then the page again.
                await page.GotoAsync("/culture?c=de&redirect=/patients");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
                await ShotAsync(page, "patients-list-german", theme, page.Locator("[data-testid=patient-grid] tbody tr"));
            });

            await AsStaffAsync(SeededPeople.Admin, theme, async page =>
            {
                await page.GotoAsync("/practices");
                await ShotAsync(page, "practices", theme, page.GetByTestId("built-in-practices"));

                await page.GotoAsync("/settings/members");
                await ShotAsync(page, "members", theme, page.GetByTestId("member-row"));

                await page.GotoAsync("/settings");
                await ShotAsync(page, "settings", theme, page.GetByTestId("members-link"));
            });
        }

        foreach (var theme in Themes)
        {
            ct.ThrowIfCancellationRequested();
            Console.WriteLine($"Invitation and Link widget, {theme.Name} theme");
            string invitationLink = "";
            await AsStaffAsync(SeededPeople.Support, theme, async page =>
            {
                await page.GotoAsync($"/patients/{invited[theme.Name]}");
                var send = page.GetByTestId("send-invitation");
                await Assertions.Expect(send).ToBeEnabledAsync();
                await page.GetByTestId("invitation-email").FillAsync("patient.home@example.org");
                await send.ClickAsync();
                await page.Locator("[data-testid=issued-invitation], [data-testid=invitation-error]").First.WaitForAsync();
                if (await page.GetByTestId("invitation-error").CountAsync() > 0)
                {
                    throw new InvalidOperationException($"The invitation was refused: {await page.GetByTestId("invitation-error").TextContentAsync()}");
                }
                invitationLink = await page.GetByTestId("invitation-link").InputValueAsync();
                await ScrollToTopAsync(page, "[data-testid=reconnect-guidance]");
                await ShotAsync(page, "patient-invitation-sent", theme, page.GetByTestId("invitation-qr"));
            });

            await AsPatientAsync(theme, async page =>
            {
                await page.GotoAsync(invitationLink);
                await ShotAsync(page, "invitation-landing", theme, page.GetByTestId("invitation-steps"));

                await page.GotoAsync(await LinkWidgetUrlAsync($"screenshots-link-{theme.Name}", ct));
                await ShotAsync(page, "link-widget-sign-in", theme, page.GetByLabel("LibreView email"), page.GetByLabel("LibreView password"));
            });
        }
        return _written;
    }

    /// <summary>A fresh browser signed in as <paramref name="person"/>, switched to <paramref name="theme"/> with the console's own button.</summary>
    private async Task AsStaffAsync(SeededPeople.Person person, Theme theme, Func<IPage, Task> steps)
    {
        await using var context = await NewContextAsync(theme);
        var page = await context.NewPageAsync();
        await page.SignInAsync(person);
        if (theme.Dark)
        {
            await SwitchToDarkAsync(page);
            // The switch keeps the choice in a cookie, which every page loaded next is rendered with.
            await WaitForThemeCookieAsync(context, "dark");
        }
        await steps(page);
    }

    /// <summary>
    /// A fresh browser without a sign-in, as a patient opens their link; for the dark theme with the console's stored
    /// preference (its cookie) and a browser that prefers dark.
    /// </summary>
    private async Task AsPatientAsync(Theme theme, Func<IPage, Task> steps)
    {
        await using var context = await NewContextAsync(theme);
        if (theme.Dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = "lcd-theme", Value = "dark", Url = app.BaseAddress.ToString() }]);
        }
        await steps(await context.NewPageAsync());
    }

    private async Task<IBrowserContext> NewContextAsync(Theme theme)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = Viewport,
            DeviceScaleFactor = 1,
            Locale = "en-US",
            TimezoneId = TimeZone,
            ColorScheme = theme.Dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        // The 90-day review reads and draws three months on the first visit.
        context.SetDefaultTimeout(60_000);
        return context;
    }

    /// <summary>
    /// Clicks the app bar's theme button until the page is dark: the signed-in page is prerendered first, and a click
    /// before the circuit is up does nothing.
    /// </summary>
    private static async Task SwitchToDarkAsync(IPage page)
    {
        var toDark = page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" });
        var toLight = page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" });
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (await toLight.CountAsync() > 0)
            {
                return;
            }
            await toDark.ClickAsync();
            try
            {
                await toLight.WaitForAsync(new() { Timeout = 1000 });
                return;
            }
            catch (TimeoutException)
            {
                // Not interactive yet.
            }
        }
        throw new TimeoutException("The theme button did not switch to the dark theme.");
    }

    private static async Task WaitForThemeCookieAsync(IBrowserContext context, string value)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await context.CookiesAsync()).Any(c => c.Name == "lcd-theme" && c.Value == value))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The theme switch did not store '{value}'.");
    }

    /// <summary>The review in mmol/L, switched with the toolbar's toggle when the viewer's stored unit is another.</summary>
    private static async Task ReviewInMmolAsync(IPage page)
    {
        var review = page.GetByTestId("glucose-review");
        await review.WaitForAsync();
        await page.Locator("svg[data-chart=daily-profile]").First.WaitForAsync();
        if (await review.GetAttributeAsync("data-unit") != "mmol/L")
        {
            await page.GetByTestId("review-toolbar").GetByText("mmol/L", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(review).ToHaveAttributeAsync("data-unit", "mmol/L");
        }
        await page.GetByTestId("review-refreshing").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Whether the page's background is dark (relative luminance below one half).</summary>
    private static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
            const colours = [document.querySelector('.mud-layout'), document.body, document.documentElement]
                .filter(e => e).map(e => getComputedStyle(e).backgroundColor.match(/[\d.]+/g).map(Number));
            const [r, g, b] = colours.find(c => c.length < 4 || c[3] > 0) ?? [255, 255, 255];
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
        }
        """);

    /// <summary>Scrolls the panel (or alert) holding <paramref name="selector"/> to the top of the window, just below the app bar.</summary>
    private static async Task ScrollToTopAsync(IPage page, string selector)
    {
        await page.Locator(selector).First.WaitForAsync();
        await page.EvaluateAsync("""
            selector => {
                const element = document.querySelector(selector);
                const panel = element.closest('.mud-paper, .mud-alert') ?? element;
                const bar = document.querySelector('.mud-appbar')?.getBoundingClientRect().height ?? 0;
                window.scrollBy(0, panel.getBoundingClientRect().top - bar - 8);
            }
            """, selector);
    }

    /// <summary>Waits until the page has settled, checks the theme, and saves <c>{name}.{theme}.png</c> of the viewport.</summary>
    private async Task ShotAsync(IPage page, string name, Theme theme, params ILocator[] ready)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("main h1, main h2").First.WaitForAsync();
        foreach (var locator in ready)
        {
            await locator.First.WaitForAsync();
        }
        // No loading bar left, fonts in, and two frames drawn after the last change.
        await Assertions.Expect(page.Locator("main .mud-progress-indeterminate")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))");
        // ApexCharts animates its first draw and MudBlazor fades popovers in; neither is stopped by disabling CSS animations.
        await page.WaitForTimeoutAsync(800);
        // The console's pages follow the theme (checked by the background, as the theme button's label is translated).
        if (await page.GetByTestId("user-name").CountAsync() > 0 && await IsDarkAsync(page) != theme.Dark)
        {
            throw new InvalidOperationException($"{name}: the page is not in the {theme.Name} theme ({page.Url}).");
        }
        // Away from buttons, so no hover highlight or tooltip is in the picture; and no focus ring on the heading, which
        // Blazor focuses after a navigation and Chromium outlines when the page was opened by address, not by a click.
        await page.Mouse.MoveAsync(Viewport.Width - 1, Viewport.Height - 1);
        // (Only a heading: leaving a field would run its validation.)
        await page.EvaluateAsync("() => { const e = document.activeElement; if (e && /^H[1-6]$/.test(e.tagName)) e.blur(); }");

        var file = Path.Combine(folder, $"{name}.{theme.Name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Animations = ScreenshotAnimations.Disabled });
        _written.Add(file);
        Console.WriteLine($"  {Path.GetFileName(file)}");
    }

    private async Task<Guid> DemoPatientAsync(string clientUserId, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        return await db.Users.Where(u => u.ClientUserId == clientUserId).Select(u => u.Id).SingleAsync(ct);
    }

    /// <summary>A new patient of the Sandbox US team and its Link widget address, as a customer's backend asks for them.</summary>
    private async Task<string> LinkWidgetUrlAsync(string clientUserId, CancellationToken ct)
    {
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Add("x-vital-api-key", SandboxUsKey);
        var user = await api.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId }, ct);
        user.EnsureSuccessStatusCode();
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("user_id").GetString();
        var token = await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider = "abbott_libreview" }, ct);
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("link_web_url").GetString()!;
    }
}
