using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Contract;

/// <summary>
/// A tour of every operation of Junction's subset (both documents) with a demo-connected user: each answer passes
/// the contract handler, and the tour fails when an operation of the subset was never validated.
/// </summary>
public sealed class ContractTourTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly List<string> _validated = [];

    [Fact]
    public async Task Every_operation_of_the_subset_answers_in_the_published_shape()
    {
        var api = factory.ClientFor(ApiFactory.SandboxUsKey, _validated);
        var link = factory.AnonymousClient(_validated);
        var day = DateTime.UtcNow.Date;
        string Q(int from, int to) => $"start_date={day.AddDays(from):yyyy-MM-dd}&end_date={day.AddDays(to):yyyy-MM-dd}";

        var created = await Ok(api.PostAsJsonAsync("/v2/user", new { client_user_id = "tour-" + Guid.NewGuid().ToString("N")[..8], fallback_time_zone = "Europe/London" }));
        var userId = created.GetProperty("user_id").GetString()!;
        await Ok(api.PostAsJsonAsync("/v2/user", new { client_user_id = created.GetProperty("client_user_id").GetString() }), HttpStatusCode.BadRequest);
        await Ok(api.PatchAsJsonAsync($"/v2/user/{userId}", new { fallback_birth_date = "1980-02-03", ingestion_start = "2026-01-01" }), HttpStatusCode.NoContent);
        await Ok(api.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" }));
        await Ok(api.GetAsync("/v2/user?offset=0&limit=5"));
        var user = await Ok(api.GetAsync($"/v2/user/{userId}"));
        Assert.Equal("1980-02-03", user.GetProperty("fallback_birth_date").GetProperty("value").GetString());
        await Ok(api.GetAsync($"/v2/user/resolve/{user.GetProperty("client_user_id").GetString()}"));
        await Ok(api.GetAsync($"/v2/user/providers/{userId}"));
        await Ok(api.PostAsync($"/v2/user/refresh/{userId}", null));
        var unconnected = (await Ok(api.PostAsJsonAsync("/v2/user", new { client_user_id = "tour-" + Guid.NewGuid().ToString("N")[..8] }))).GetProperty("user_id").GetString();
        var refused = await Ok(api.PostAsync($"/v2/user/refresh/{unconnected}", null), HttpStatusCode.BadRequest);
        Assert.Equal("user has no connected sources", refused.GetProperty("error").GetString());
        await Ok(api.GetAsync($"/v2/timeseries/{userId}/glucose?{Q(-2, 0)}"));
        await Ok(api.GetAsync($"/v2/timeseries/{userId}/glucose/grouped?{Q(-2, 0)}"));
        foreach (var resource in new[] { "note", "carbohydrates", "insulin_injection" })
        {
            await Ok(api.GetAsync($"/v2/timeseries/{userId}/{resource}/grouped?{Q(-2, 0)}"));
        }
        await Ok(api.GetAsync($"/v2/introspect/resources?user_id={userId}"));
        await Ok(api.GetAsync($"/v2/introspect/historical_pull?user_id={userId}"));
        await Ok(api.GetAsync("/v2/providers"));
        await Ok(link.GetAsync("/v2/link/providers"));

        var token = (await Ok(api.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider = "abbott_libreview" }))).GetProperty("link_token").GetString()!;
        link.DefaultRequestHeaders.Add("x-vital-link-token", token);
        var pending = await Ok(link.PostAsJsonAsync("/v2/link/provider/password/abbott_libreview", new { username = "patient.us@example.org", password = ApiFactory.PatientPassword, region = "gb" }));
        Assert.Equal("pending_provider_mfa", pending.GetProperty("state").GetString());
        await Ok(link.PostAsJsonAsync("/v2/link/provider/password/abbott_libreview/complete_mfa", new { mfa_code = "000000" }));
        var emailToken = (await Ok(api.PostAsJsonAsync("/v2/link/token", new { user_id = userId }))).GetProperty("link_token").GetString()!;
        link.DefaultRequestHeaders.Remove("x-vital-link-token");
        link.DefaultRequestHeaders.Add("x-vital-link-token", emailToken);
        await Ok(link.PostAsJsonAsync("/v2/link/provider/email/freestyle_libre", new { email = "nobody@example.org", region = "us" }));

        await Ok(api.DeleteAsync($"/v2/user/{userId}/freestyle_libre"));
        await Ok(api.DeleteAsync($"/v2/user/{userId}"));
        await Ok(api.PostAsync($"/v2/user/undo_delete?user_id={userId}", null));

        var (organizationId, teamId) = await SandboxTeamAsync();
        var org = factory.AnonymousClient(_validated);
        org.DefaultRequestHeaders.Add("X-Management-Key", await IssueKeyAsync(organizationId));
        var scope = $"/v1/org/{organizationId}";
        await Ok(org.PostAsJsonAsync($"{scope}/prepare_team_custom_credentials/sandbox/us", new { team_id = teamId, provider = "freestyle_libre" }));
        await Ok(org.PostAsJsonAsync($"{scope}/team_custom_credentials/sandbox/us", new { team_id = teamId, provider = "freestyle_libre", client_id = "not-a-practice-of-ours" }),
            HttpStatusCode.UnprocessableEntity);
        await Ok(org.GetAsync($"{scope}/team_custom_credentials/sandbox/us?team_id={teamId}"));
        await Ok(org.DeleteAsync($"{scope}/team_custom_credentials/sandbox/us?credential_id={Guid.NewGuid()}"));

        var subset = JunctionContract.Api.Operations.Concat(JunctionContract.OrgManagement.Operations).Select(o => $"{o.Method} {o.Template}").ToList();
        var missed = subset.Except(_validated).ToList();
        Assert.True(missed.Count == 0, "Never validated: " + string.Join(", ", missed));
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(Guid Organization, Guid Team)> SandboxTeamAsync()
    {
        using var scope = factory.Services.CreateScope();
        var team = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Teams
            .SingleAsync(t => t.Environment == TeamEnvironment.Sandbox && t.DeploymentRegion == DeploymentRegion.Us);
        return (team.OrganizationId, team.Id);
    }

    private async Task<string> IssueKeyAsync(Guid organizationId)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ManagementKeys>().IssueAsync(organizationId, "tour", new Dashboard.Core.Audit.AuditActor("tests", "admin", null)))!.Secret;
    }
}
