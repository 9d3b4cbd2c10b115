using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Tests.Support;

namespace LibreView.Tests.Captures;

/// <summary>
/// Every simulator answer that a real capture exists for has the capture's keys, with the capture's JSON types, at
/// every depth (reference §9: "copy the bodies from data/").
/// </summary>
public class ConformanceTests
{
    private static JsonElement Capture(string path) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Folder(""), path))).RootElement;

    [Fact]
    public async Task Login_success_redirect_step_and_login_errors_match_their_captures()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("ok@example.org");
        h.AddPatient("gb@example.org", region: "eu2");
        h.AddPatient("pp@example.org", tweak: s => s.PrivacyPolicyAccepted = false);

        AssertConforms(Capture("librelinkup/pylibrelinkup/login_response.json"), await LoginBody(h, "us", "ok@example.org"));
        AssertConforms(Capture("librelinkup/pylibrelinkup/redirect_response.json"), await LoginBody(h, "us", "gb@example.org"));
        AssertConforms(Capture("libreview-web/snippets/diable/login_redirect_fr.json"), await LoginBody(h, "us", "gb@example.org"));
        AssertConforms(Capture("librelinkup/pylibrelinkup/privacy_policy_response.json"), await LoginBody(h, "us", "pp@example.org"));
        AssertConforms(Capture("libreview-web/snippets/diable/login_not_authenticated.json"), await LoginBody(h, "us", "ok@example.org", "wrong"));
        await LoginBody(h, "us", "ok@example.org", "wrong");
        AssertConforms(Capture("libreview-web/snippets/diable/login_locked_429.json"), await LoginBody(h, "us", "ok@example.org", "wrong"));
    }

    [Fact]
    public async Task Data_errors_and_blocks_match_their_captures()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("data@example.org");
        var session = await h.LoginAsync("data@example.org");

        AssertConforms(Capture("libreview-web/snippets/diable/invalid_or_expired_jwt_401.json"), await Get(h, "/us/user", "not-a-ticket"));
        AssertConforms(Capture("libreview-web/snippets/diable/could_not_load_patient.json"), await Get(h, "/us/patients/nobody", session.Token));
        foreach (var (block, capture) in new[]
                 {
                     (Blocks.Status911, "libreview-web/snippets/diable/status_911.json"),
                     (Blocks.ProductMismatch, "libreview-web/snippets/diable/product_mismatch_400.json"),
                 })
        {
            h.State.Faults.Set("us", new FaultSettings { Block = block, BlockNext = 1 });
            AssertConforms(Capture(capture), await Get(h, "/us/user", session.Token));
        }
    }

    private static async Task<JsonElement> LoginBody(SimHarness h, string region, string email, string password = SimHarness.Password)
    {
        var response = await h.Control.PostAsJsonAsync($"/{region}/auth/login", new { email, password });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<JsonElement> Get(SimHarness h, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await h.Control.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Every key of <paramref name="capture"/> is in <paramref name="answer"/> with the same JSON type; arrays compare their first items.</summary>
    internal static void AssertConforms(JsonElement capture, JsonElement answer, string path = "$")
    {
        Assert.True(Kind(capture) == Kind(answer), $"{path}: the capture has {capture.ValueKind}, the simulator {answer.ValueKind}");
        switch (capture.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in capture.EnumerateObject())
                {
                    Assert.True(answer.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing from the simulator's answer");
                    AssertConforms(property.Value, value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array when capture.GetArrayLength() > 0 && answer.GetArrayLength() > 0:
                AssertConforms(capture[0], answer[0], path + "[0]");
                break;
        }
    }

    private static JsonValueKind Kind(JsonElement e) => e.ValueKind == JsonValueKind.False ? JsonValueKind.True : e.ValueKind;
}
