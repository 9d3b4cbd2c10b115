using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Organization;

/// <summary>The console on an empty store (no seed) with only <c>Bootstrap:AdminEmail</c> set, as a fresh installation.</summary>
public sealed class FreshInstallationFixture : IAsyncLifetime
{
    public const string Nobody = "nobody@example.org";
    public const string NobodyPassword = "Nobody-Passw0rd!";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("lcd-e2e-fresh-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Development);
            host.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(_dataFolder, "dashboard.db")}");
            host.UseSetting("Urls", "http://127.0.0.1:0");
            host.UseSetting("Seed:DemoData", "false");
            host.UseSetting("Sync:Enabled", "false");
            host.UseSetting("Bootstrap:AdminEmail", SeededPeople.Admin.Email);
            host.UseSetting("Bootstrap:OrganizationName", "Fresh Clinic");
            host.UseSetting("DevIdentity:Users:3:Email", Nobody);
            host.UseSetting("DevIdentity:Users:3:Password", NobodyPassword);
            host.UseSetting("DevIdentity:Users:3:Name", "No Body");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

[Collection(EndToEndCollection.Name)]
public sealed class FreshInstallationTests(BrowserFixture browser, FreshInstallationFixture app) : IClassFixture<FreshInstallationFixture>
{
    [Fact]
    public async Task The_bootstrap_admin_sets_up_a_team_and_key_and_invites_support_who_sees_only_what_support_may()
    {
        await InContextAsync(async page =>
        {
            await page.SignInAsync(SeededPeople.Admin);
            await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("admin");
            await Assertions.Expect(page.GetByTestId("organization-name")).ToHaveTextAsync("Fresh Clinic");

            await page.GotoAsync("/settings/teams");
            await Assertions.Expect(page.GetByTestId("teams-empty")).ToBeVisibleAsync();
            await UntilInteractiveAsync(page, async () =>
            {
                await page.Locator("[data-testid=team-form] input").FillAsync("Clinic US");
                await page.GetByTestId("team-create").ClickAsync();
            }, page.Locator("[data-testid=team][data-team='Clinic US']"));

            await page.Locator("[data-testid=team-key-form] input").FillAsync("backend");
            await page.GetByTestId("team-key-create").ClickAsync();
            var secret = (await page.GetByTestId("team-key-value").TextContentAsync())!.Trim();
            Assert.StartsWith("tk_", secret);
            var call = await page.APIRequest.GetAsync("/v2/user", new() { Headers = new Dictionary<string, string> { ["x-vital-api-key"] = secret } });
            Assert.Equal(200, call.Status);
            await page.GetByTestId("team-key-stored").ClickAsync();
            await Assertions.Expect(page.GetByTestId("team-key-value")).ToHaveCountAsync(0);

            await page.GotoAsync("/settings/members");
            await UntilInteractiveAsync(page, async () =>
            {
                await page.Locator("[data-testid=invite-form] input[type=email]").FillAsync(SeededPeople.Support.Email);
                // Support is the invitation's default role (the picker is a MudSelect, left as it opens); what support
                // may see is checked below, signed in as them.
                await page.GetByTestId("invite-submit").ClickAsync();
            }, page.Locator($"[data-testid=member-row][data-email='{SeededPeople.Support.Email}']"));
            await Assertions.Expect(page.Locator($"[data-testid=member-row][data-email='{SeededPeople.Support.Email}']")).ToContainTextAsync("invited");
        });

        await InContextAsync(async page =>
        {
            await page.SignInAsync(SeededPeople.Support);
            await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("support");
            var entries = await page.Locator("a.mud-nav-link").AllTextContentsAsync();
            var titles = entries.Select(e => e.Trim()).ToList();
            Assert.Contains("Patients", titles);
            Assert.Contains("Events", titles);
            Assert.DoesNotContain("Settings", titles);
            Assert.DoesNotContain("Audit log", titles);
            Assert.DoesNotContain("Practices", titles);
            await page.GotoAsync("/settings/members");
            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await page.GotoAsync("/patients");
            await Assertions.Expect(page.GetByTestId("access-denied")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public Task A_person_with_no_membership_sees_the_not_a_member_page() => InContextAsync(async page =>
    {
        await page.SignInAsync(new SeededPeople.Person(FreshInstallationFixture.Nobody, FreshInstallationFixture.NobodyPassword, "No Body", ""));

        await Assertions.Expect(page.GetByTestId("not-a-member")).ToContainTextAsync("not a member of any organisation");
        await Assertions.Expect(page.GetByTestId("not-a-member")).ToContainTextAsync(FreshInstallationFixture.Nobody);
        await Assertions.Expect(page.Locator("a.mud-nav-link")).ToHaveCountAsync(0);
    });

    /// <summary>
    /// A page arrives prerendered and becomes interactive when its circuit connects; input given before that is lost.
    /// Repeats <paramref name="act"/> until <paramref name="outcome"/> shows (a few times at most).
    /// </summary>
    private static async Task UntilInteractiveAsync(IPage page, Func<Task> act, ILocator outcome)
    {
        for (var attempt = 1; ; attempt++)
        {
            await act();
            try
            {
                await outcome.WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.WaitForTimeoutAsync(200);
            }
        }
    }

    private async Task InContextAsync(Func<IPage, Task> steps, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await steps(page);
        }
        catch
        {
            Directory.CreateDirectory(BrowserTest.ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTest.ScreenshotFolder, $"{testName}.png"), FullPage = true });
            throw;
        }
    }
}
