using System.Net;
using System.Text.RegularExpressions;
using Dashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The whole console in Development on real Kestrel (the development provider's authority is the address the app listens
/// on), on its own store, with extra provider people from <paramref name="settings"/>; <see cref="Browser"/> signs in
/// through the real authorization code flow with cookies, as a browser would.
/// </summary>
public sealed class ConsoleSignInHost(IDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-signin-").FullName;
    private StoreDatabase? _database;
    private WebApplicationFactory<Program>? _factory;

    public Uri Origin { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async Task StartAsync()
    {
        _database = await StoreDatabase.CreateAsync(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Development);
            foreach (var (key, value) in _database.Settings) host.UseSetting(key, value);
            host.UseSetting("Urls", "http://127.0.0.1:0");
            host.UseSetting("Seed:DemoPatients", "0");
            host.UseSetting("Sync:Enabled", "false");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) host.UseSetting(key, value);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Origin = _factory.ClientOptions.BaseAddress;
    }

    public ConsoleBrowser Browser() => new(Origin);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>An HttpClient with a cookie jar that follows redirects one by one (to see where a sign-in ends).</summary>
public sealed partial class ConsoleBrowser(Uri origin) : IDisposable
{
    public CookieContainer Cookies { get; } = new();

    private HttpClient? _client;

    public HttpClient Client => _client ??= new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = Cookies }) { BaseAddress = origin };

    /// <summary>Opens <paramref name="path"/>, signs in on the provider's page and returns the final response and every address visited.</summary>
    public async Task<(HttpResponseMessage Final, List<Uri> Visited)> SignInAsync(string email, string password, string path = "/settings")
    {
        var (page, _) = await FollowAsync(await Client.GetAsync(path));
        var html = await page.Content.ReadAsStringAsync();
        var filled = DevSignInForm.Fill(page.RequestMessage!.RequestUri!, html, email, password);
        Assert.True(filled is not null, "Not the sign-in page: " + html[..Math.Min(html.Length, 500)]);
        return await FollowAsync(await Client.PostAsync(filled.Value.Action, filled.Value.Content));
    }

    /// <summary>Follows redirects with GET; returns the last response and every URI visited.</summary>
    public async Task<(HttpResponseMessage Final, List<Uri> Visited)> FollowAsync(HttpResponseMessage response)
    {
        var visited = new List<Uri>();
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            Assert.True(hops < 20, "Too many redirects: " + string.Join(" -> ", visited));
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            visited.Add(next);
            response = await Client.GetAsync(next);
        }
        return (response, visited);
    }

    /// <summary>The antiforgery field of a console page's sign-out form.</summary>
    public async Task<(string Name, string Value)> AntiforgeryAsync(string path = "/settings")
    {
        var html = await (await Client.GetAsync(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryInput().Match(html);
        Assert.True(token.Success, "No antiforgery field on " + path);
        return (token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value));
    }

    public string? SessionCookie => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == ".Dashboard.Session")?.Value;

    public void Dispose() => _client?.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
