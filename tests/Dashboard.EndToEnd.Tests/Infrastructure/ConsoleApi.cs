using System.Net;
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

    /// <summary>
    /// <c>POST /v2/user/refresh/{user_id}</c>: sync this user now. The running engine may already have synced and
    /// found the connection broken, and then refresh answers 400 (nothing left to refresh): that is no failure here,
    /// the caller waits for the connection's state.
    /// </summary>
    public async Task RefreshAsync(string userId)
    {
        using var client = Client();
        using var response = await client.PostAsync($"/v2/user/refresh/{userId}", null);
        var body = await response.Content.ReadAsStringAsync();
        var alreadyBroken = response.StatusCode == HttpStatusCode.BadRequest
            && JsonDocument.Parse(body).RootElement.TryGetProperty("failed_sources", out var failed) && failed.GetArrayLength() > 0;
        if (!response.IsSuccessStatusCode && !alreadyBroken)
        {
            throw new InvalidOperationException($"Refresh of {userId} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Waits (up to 30 s) until the user's first connection reports the error type.</summary>
    public async Task WaitForConnectionErrorAsync(string userId, string errorType)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var connection = (await ProvidersAsync(userId)).GetProperty("providers")[0];
            if (connection.TryGetProperty("error_details", out var details) && details.ValueKind == JsonValueKind.Object &&
                details.GetProperty("error_type").GetString() == errorType)
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The connection of {userId} did not turn {errorType} within 30 s.");
    }

    /// <summary>The last two-factor code the in-process simulator sent to <paramref name="email"/>.</summary>
    public async Task<string> LastMfaCodeAsync(string email)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var json = await client.GetFromJsonAsync<JsonElement>($"/_libreview/_sim/mfa/{Uri.EscapeDataString(email)}");
        return json.GetProperty("code").GetString()!;
    }
}
