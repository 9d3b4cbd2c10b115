using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>The Junction-shaped API of the app under test, as a customer's backend would call it.</summary>
public sealed class ConsoleApi(ConsoleAppFixture app, string apiKey = ConsoleApi.SandboxUsKey)
{
    public const string SandboxUsKey = "dev_sandbox_us_key";
    public const string ProductionEuKey = "dev_production_eu_key";

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("x-vital-api-key", apiKey);
        return client;
    }

    public async Task<string> CreateUserAsync(string clientUserId)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;
    }

    public async Task<string> LinkWidgetUrlAsync(string userId, string? provider = null)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_web_url").GetString()!;
    }

    public async Task<JsonElement> ProvidersAsync(string userId)
    {
        using var client = Client();
        return await client.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}");
    }

    /// <summary>Links a user's LibreView account through the link API, answering the two-factor step when asked.</summary>
    public async Task LinkWithPasswordAsync(string userId, string email, string password, Func<string> mfaCode)
    {
        var widgetUrl = await LinkWidgetUrlAsync(userId, "abbott_libreview");
        var token = Uri.UnescapeDataString(widgetUrl[(widgetUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("x-vital-link-token", token);
        var first = await (await client.PostAsJsonAsync("/v2/link/provider/password/abbott_libreview", new { username = email, password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var state = first.GetProperty("state").GetString();
        if (state == "pending_provider_mfa")
        {
            var done = await (await client.PostAsJsonAsync("/v2/link/provider/password/abbott_libreview/complete_mfa", new { mfa_code = mfaCode() }))
                .Content.ReadFromJsonAsync<JsonElement>();
            state = done.GetProperty("state").GetString();
        }
        if (state != "success")
        {
            throw new InvalidOperationException($"Linking {email} ended in state {state}: {first}");
        }
    }

    /// <summary>The last two-factor code the in-process simulator sent to <paramref name="email"/>.</summary>
    public async Task<string> LastMfaCodeAsync(string email)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var json = await client.GetFromJsonAsync<JsonElement>($"/_libreview/_sim/mfa/{Uri.EscapeDataString(email)}");
        return json.GetProperty("code").GetString()!;
    }
}
