using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 14: no stored field takes more than its limit (a 20 MB <c>redirect_url</c> is refused before it is read,
/// a merely long one with FastAPI's <c>string_too_long</c>, and nothing is stored), and expired link tokens lose their
/// pending login (the encrypted LibreView password) and then themselves on a schedule, on the app's clock.
/// </summary>
public sealed class StoredLimitsTests
{
    [Fact]
    public async Task Over_long_fields_are_refused_in_the_envelope_and_nothing_is_stored()
    {
        await using var factory = new ApiFactory();
        var api = factory.ClientFor(ApiFactory.SandboxUsKey);
        var userId = (await (await api.PostAsJsonAsync("/v2/user", new { client_user_id = "limits-" + Guid.NewGuid().ToString("N")[..8] }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString();
        var tokensBefore = await CountAsync(factory, db => db.LinkTokens.CountAsync());

        var hugeBody = JsonSerializer.Serialize(new { user_id = userId, redirect_url = "https://example.org/?" + new string('a', 20 * 1024 * 1024) });
        var huge = await api.PostAsync("/v2/link/token", new StringContent(hugeBody, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetProperty("error_type").GetString());

        var tooLong = await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId, redirect_url = "https://example.org/?" + new string('a', 5000) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        var item = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")[0];
        Assert.Equal("string_too_long", item.GetProperty("type").GetString());
        Assert.Equal("[\"body\",\"redirect_url\"]", item.GetProperty("loc").GetRawText());
        Assert.Contains("2000", item.GetProperty("msg").GetString());

        var longId = await api.PostAsJsonAsync("/v2/user", new { client_user_id = new string('x', 10_000) });
        Assert.True(longId.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{longId.StatusCode}");
        Assert.Equal(tokensBefore, await CountAsync(factory, db => db.LinkTokens.CountAsync()));
        Assert.Equal(0, await CountAsync(factory, db => db.Users.CountAsync(u => u.ClientUserId.Length > 200)));

        // Below the API too: every save holds every text to its limit, whatever the engine would take.
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        store.Organizations.Add(new Organization { Name = new string('o', 201), CreatedAt = DateTime.UtcNow });
        var refused = await Assert.ThrowsAsync<FieldTooLongException>(() => store.SaveChangesAsync());
        Assert.Equal(("Organization", "Name", 200), (refused.Entity, refused.Field, refused.MaxLength));
    }

    [Fact]
    public async Task Expired_tokens_lose_their_pending_password_then_are_deleted_on_the_schedule()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new FakeClockFactory(clock);
        var api = factory.ClientFor(ApiFactory.SandboxUsKey);
        var email = $"purge{Guid.NewGuid().ToString("N")[..10]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us", Mfa = MfaMethods.Email });
        var userId = Guid.Parse((await (await api.PostAsJsonAsync("/v2/user", new { client_user_id = email })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("user_id").GetString()!);
        var token = (await (await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("link_token").GetString()!;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
        };
        login.Headers.Add("x-vital-link-token", token);
        Assert.Contains("pending_provider_mfa", await (await factory.AnonymousClient().SendAsync(login)).Content.ReadAsStringAsync());
        Assert.NotNull(await PendingMfaAsync(factory, userId));

        // An hour on (the purge interval): the token has expired, and its pending login with the password is gone.
        clock.Advance(TimeSpan.FromMinutes(61));
        await EventuallyAsync(async () => await PendingMfaAsync(factory, userId) is null, "the expired token's pending login should be dropped");
        Assert.Equal(1, await CountAsync(factory, db => db.LinkTokens.CountAsync(t => t.UserId == userId)));

        // A day after expiry the token itself goes.
        await EventuallyAsync(async () =>
        {
            clock.Advance(TimeSpan.FromHours(1));
            return await CountAsync(factory, db => db.LinkTokens.CountAsync(t => t.UserId == userId)) == 0;
        }, "the token should be deleted a day after it expired", attempts: 40);
        Assert.True(clock.GetUtcNow() - DateTimeOffset.UtcNow > TimeSpan.FromHours(24));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int attempts = 50)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        Assert.Fail(what);
    }

    private static async Task<string?> PendingMfaAsync(ApiFactory factory, Guid userId) =>
        await CountAsync(factory, db => db.LinkTokens.Where(t => t.UserId == userId).Select(t => t.PendingMfa).SingleAsync());

    private static async Task<T> CountAsync<T>(ApiFactory factory, Func<DashboardDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    /// <summary>The API test host on a clock the test moves.</summary>
    private sealed class FakeClockFactory(FakeTimeProvider clock) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}
