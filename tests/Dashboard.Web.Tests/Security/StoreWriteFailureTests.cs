using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Sync;
using Dashboard.TestSupport;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 9: a store that stops taking new rows (here a real PostgreSQL role losing its INSERT right, as a full
/// disk refuses new rows) answers the API with a 503 that says so — not "already exists" — and <c>/health</c> reports
/// it; once the right is back the API works again and the sync takes up the connection it was pulling in the very
/// next cycle, not after its lease runs out.
/// </summary>
public sealed class StoreWriteFailureTests
{
    [Fact]
    public async Task Refused_writes_answer_503_health_reports_them_and_work_resumes_in_the_next_cycle()
    {
        await using var store = await StoreDatabase.CreatePostgreSqlAsync();
        var role = $"lcd_writer_{Guid.NewGuid():N}"[..30];
        var admin = new NpgsqlConnectionStringBuilder(store.ConnectionString).ToString();
        await ExecuteAsync(admin,
            $"CREATE ROLE \"{role}\" LOGIN",
            $"GRANT CREATE, USAGE ON SCHEMA public TO \"{role}\"",
            $"GRANT ALL ON ALL TABLES IN SCHEMA public TO \"{role}\"",
            $"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO \"{role}\"");
        var appConnection = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Username = role, Pooling = true }.ToString();
        try
        {
            await using var factory = new RoleStoreFactory(appConnection);
            var api = factory.ClientFor(ApiFactory.SandboxUsKey);
            Assert.Equal(HttpStatusCode.OK, (await factory.AnonymousClient().GetAsync("/health")).StatusCode);
            var userId = await LinkWithoutSyncAsync(factory, api);

            await ExecuteAsync(admin, $"REVOKE INSERT ON ALL TABLES IN SCHEMA public FROM \"{role}\"");

            var refused = await api.PostAsJsonAsync("/v2/user", new { client_user_id = "while-full-" + Guid.NewGuid().ToString("N")[..8] });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail");
            Assert.Equal("STORE_UNAVAILABLE", detail.GetProperty("error_type").GetString());
            Assert.Contains("nothing was saved", detail.GetProperty("error_message").GetString());
            var health = await factory.AnonymousClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("refused", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("writes").GetString());
            var engine = factory.Services.GetRequiredService<SyncEngine>();
            await Assert.ThrowsAnyAsync<Exception>(() => engine.RunOnceAsync()); // the pull's readings are refused mid-claim

            await ExecuteAsync(admin, $"GRANT INSERT ON ALL TABLES IN SCHEMA public TO \"{role}\"");

            Assert.Equal(HttpStatusCode.OK, (await factory.AnonymousClient().GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/v2/user", new { client_user_id = "after-" + Guid.NewGuid().ToString("N")[..8] })).StatusCode);
            Assert.True(await engine.RunOnceAsync() > 0, "the next cycle should take up the connection whose pull failed");
            await LinkedPatients.SyncUntilIdleAsync(factory);
            var pull = await api.GetFromJsonAsync<JsonElement>($"/v2/introspect/historical_pull?user_id={userId}");
            Assert.Contains("\"success\"", pull.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP OWNED BY \"{role}\"", $"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    /// <summary>A patient linked through the API whose historical pull has not run yet.</summary>
    private static async Task<string> LinkWithoutSyncAsync(ApiFactory factory, HttpClient api)
    {
        var email = $"full{Guid.NewGuid().ToString("N")[..10]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us", Sensor = "libre2" });
        var user = await (await api.PostAsJsonAsync("/v2/user", new { client_user_id = email })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("user_id").GetString()!;
        var token = (await (await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("link_token").GetString()!;
        using var link = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
        };
        link.Headers.Add("x-vital-link-token", token);
        var linked = await (await factory.AnonymousClient().SendAsync(link)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(linked.GetProperty("connected").GetBoolean(), linked.ToString());
        return userId;
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The API test host on a PostgreSQL database it reaches as <paramref name="connectionString"/>'s role.</summary>
    private sealed class RoleStoreFactory(string connectionString) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Store:Provider", "postgresql");
            builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
        }
    }
}
