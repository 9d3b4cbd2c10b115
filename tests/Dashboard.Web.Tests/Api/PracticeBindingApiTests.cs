using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Custom practices and team practice bindings (DESIGN §3) through Junction's Org Management API,
/// <c>/v1/org/{org_id}/team_custom_credentials/{env}/{region}</c> with an organisation management key,
/// verified against the simulator over loopback HTTP.
/// </summary>
public sealed class PracticeBindingApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string SandboxPracticeAccount = "practice.sandbox.us@tryvital.example";
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);
    private static readonly Dashboard.Core.Audit.AuditActor TestActor = new("tests", "admin", null);
    private HttpClient? _org;
    private SimulatorState Sim => factory.Simulator.State;

    [Fact]
    public async Task A_verified_practice_binds_with_any_letter_case_and_serves_its_own_spelling()
    {
        var practiceId = await ActivePracticeAsync();

        var bound = await BindAsync(new { provider = "freestyle_libre", client_id = practiceId.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        var body = await bound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("freestyle_libre", body.GetProperty("source").GetString());
        Assert.Equal(practiceId, body.GetProperty("client_id").GetString());
        Assert.Equal((await SandboxTeamIdAsync()).ToString(), body.GetProperty("team_id").GetString());
        Assert.EndsWith("+00:00", body.GetProperty("created_at").GetString());

        var listed = Assert.Single(await CredentialsAsync());
        Assert.Equal(practiceId, listed.GetProperty("client_id").GetString());
        Assert.Equal(body.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        var practices = await (await OrgAsync()).GetFromJsonAsync<JsonElement>($"/v1/org/{await OrganizationIdAsync()}/custom_practices");
        Assert.Contains(practices.EnumerateArray(), p => p.GetProperty("practice_id").GetString() == practiceId
                                                         && p.GetProperty("status").GetString() == "active");
    }

    [Fact]
    public async Task Verify_says_not_visible_until_our_account_is_a_member_then_turns_the_practice_active()
    {
        var practiceId = "Clinic-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AddPracticeAsync(practiceId);

        var early = await VerifyAsync(added.Id);
        Assert.Equal(PracticeRefusal.NotVisibleYet, early.Refusal);
        Assert.Contains(SandboxPracticeAccount, early.Reason);

        Sim.CreatePractice(new PracticeSeed { PracticeId = practiceId, Name = "Clinic", Region = "us", Members = [SandboxPracticeAccount] });
        var verified = await VerifyAsync(added.Id);

        Assert.True(verified.Succeeded, verified.Reason);
        Assert.Equal(PracticeStatus.Active, verified.Value!.Status);
        Assert.NotNull(verified.Value.VerifiedAt);
    }

    [Fact]
    public async Task Binding_a_practice_that_is_not_active_or_not_ours_is_refused_and_stores_nothing()
    {
        var invited = await AddPracticeAsync("Pending-" + Guid.NewGuid().ToString("N")[..8]);
        await UnbindAllAsync();

        var notActive = await BindAsync(new { provider = "freestyle_libre", client_id = invited.PracticeId });
        var unknown = await BindAsync(new { provider = "freestyle_libre", client_id = "nobody-knows-this" });
        var builtIn = await BindAsync(new { provider = "freestyle_libre", client_id = BuiltInPractices.Sandbox });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notActive.StatusCode);
        Assert.Contains("not active", await notActive.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("not a custom practice", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, builtIn.StatusCode);
        Assert.Empty(await CredentialsAsync());
    }

    [Theory]
    [InlineData("client_secret", "x")]
    [InlineData("client_secret", null)]
    [InlineData("details", "x")]
    [InlineData("redirect_url_override", "https://example.org/back")]
    public async Task Each_field_a_practice_binding_does_not_take_is_a_422_naming_it(string field, string? value)
    {
        var practiceId = await ActivePracticeAsync();
        await UnbindAllAsync();
        var body = new Dictionary<string, object?> { ["team_id"] = await SandboxTeamIdAsync(), ["provider"] = "freestyle_libre", ["client_id"] = practiceId, [field] = value };

        var response = await (await OrgAsync()).PostAsJsonAsync(await CredentialsPathAsync(), body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").EnumerateArray());
        Assert.Equal(["body", field], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("extra_forbidden", error.GetProperty("type").GetString());
        Assert.Empty(await CredentialsAsync());
    }

    [Fact]
    public async Task A_team_key_or_another_organisations_management_key_is_refused()
    {
        var organizationId = await OrganizationIdAsync();
        var path = await CredentialsPathAsync();

        using var teamKeyOnly = factory.ClientFor(ApiFactory.SandboxUsKey);
        var withTeamKey = await teamKeyOnly.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, withTeamKey.StatusCode);
        Assert.Contains("team API key", await withTeamKey.Content.ReadAsStringAsync());
        using var teamKeyAsManagementKey = ManagementClient(ApiFactory.SandboxUsKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await teamKeyAsManagementKey.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync(path)).StatusCode);

        var otherOrganization = await NewOrganizationAsync();
        using var otherKey = ManagementClient(await IssueKeyAsync(otherOrganization));
        Assert.Equal(HttpStatusCode.NotFound, (await otherKey.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherKey.GetAsync($"/v1/org/{organizationId}/custom_practices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherKey.GetAsync($"/v1/org/{otherOrganization}/team_custom_credentials/sandbox/us")).StatusCode);

        var revoked = await IssueKeyAsync(organizationId);
        using (var scope = factory.Services.CreateScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ManagementKeys>();
            var id = (await keys.ListAsync(organizationId)).First(k => revoked.StartsWith(k.Prefix, StringComparison.Ordinal)).Id;
            Assert.True(await keys.RevokeAsync(organizationId, id, TestActor));
        }
        using var revokedKey = ManagementClient(revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revokedKey.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Bad_names_are_422_and_a_team_outside_the_route_is_a_404()
    {
        var organizationId = await OrganizationIdAsync();
        var org = await OrgAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await org.GetAsync("/v1/org/not-a-guid/team_custom_credentials/sandbox/us")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await org.GetAsync($"/v1/org/{organizationId}/team_custom_credentials/staging/us")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await org.GetAsync($"/v1/org/{organizationId}/team_custom_credentials/sandbox/asia")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await BindAsync(new { provider = "abbott_libreview", client_id = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.PostAsJsonAsync($"/v1/org/{organizationId}/team_custom_credentials/production/eu",
            new { team_id = await SandboxTeamIdAsync(), provider = "freestyle_libre", client_id = "x" })).StatusCode);
        var prepared = await (await org.PostAsJsonAsync($"/v1/org/{organizationId}/prepare_team_custom_credentials/sandbox/us",
            new { team_id = await SandboxTeamIdAsync(), provider = "freestyle_libre" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no_action_needed", prepared.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_malformed_or_incomplete_body_is_a_422_and_stores_nothing()
    {
        await UnbindAllAsync();
        var org = await OrgAsync();

        var malformed = await org.PostAsync(await CredentialsPathAsync(), new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        var noClientId = await BindAsync(new { provider = "freestyle_libre" });
        var noProvider = await BindAsync(new { client_id = "x" });
        var noTeam = await org.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = "x" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noClientId.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noProvider.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTeam.StatusCode);
        Assert.Empty(await CredentialsAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_binding_calls()
    {
        var document = await factory.AnonymousClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/org/{org_id}/team_custom_credentials/{env}/{region}", document);
    }

    [Fact]
    public async Task Binding_and_unbinding_through_the_API_are_each_audited_once_as_the_management_key()
    {
        var practiceId = await ActivePracticeAsync();
        await UnbindAllAsync();
        var key = await IssueKeyAsync(await OrganizationIdAsync());
        using var org = ManagementClient(key);
        var teamId = await SandboxTeamIdAsync();
        var actor = Dashboard.Core.Audit.AuditActor.ForManagementKey(key, null).Name;
        var since = Dashboard.TestSupport.AuditAssert.Now();

        var bound = await org.PostAsJsonAsync(await CredentialsPathAsync(), new { team_id = teamId, provider = "freestyle_libre", client_id = practiceId });
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        var credential = (await bound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await org.DeleteAsync($"{await CredentialsPathAsync()}?credential_id={credential}")).StatusCode);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var role = Dashboard.Core.Audit.AuditActor.ManagementKeyRole;
        var boundEntry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.ChangeBinding, actor, role, since,
            e => e.Details!.EndsWith($" bound to {practiceId}", StringComparison.Ordinal));
        var unboundEntry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.ChangeBinding, actor, role, since,
            e => e.Details!.EndsWith($" unbound from {practiceId}", StringComparison.Ordinal));
        var organizationId = await OrganizationIdAsync();
        Assert.All([boundEntry, unboundEntry], e => Assert.Equal(((Guid?)teamId, (Guid?)organizationId), (e.TeamId, e.OrganizationId)));
    }

    [Fact]
    public async Task Unbinding_removes_the_binding_once()
    {
        var practiceId = await ActivePracticeAsync();
        var credential = (await (await BindAsync(new { provider = "freestyle_libre", client_id = practiceId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var delete = $"{await CredentialsPathAsync()}?credential_id={credential}";

        var first = await (await (await OrgAsync()).DeleteAsync(delete)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await (await OrgAsync()).DeleteAsync(delete)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([credential], first.GetProperty("success").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([credential], second.GetProperty("not_found").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await (await OrgAsync()).DeleteAsync(await CredentialsPathAsync())).StatusCode);
        Assert.Empty(await CredentialsAsync());
    }

    [Fact]
    public async Task A_binding_affects_new_connections_only_and_new_email_links_search_only_the_bound_practice()
    {
        await UnbindAllAsync();
        var builtInPatient = NewPatientSharingWith(BuiltInPractices.Sandbox);
        var existingUser = await NewUserAsync();
        Assert.True((await EmailLinkAsync(existingUser, builtInPatient)).GetProperty("connected").GetBoolean());

        var practiceId = await ActivePracticeAsync();
        var rebound = await BindAsync(new { provider = "freestyle_libre", client_id = practiceId.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, rebound.StatusCode);

        var existing = await ConnectionAsync(existingUser);
        Assert.Equal("connected", existing.GetProperty("status").GetString());
        Assert.Equal(BuiltInPractices.Sandbox, existing.GetProperty("practice_id").GetString());

        var otherBuiltInPatient = NewPatientSharingWith(BuiltInPractices.Sandbox);
        var newUser = await NewUserAsync();
        var notFound = await EmailLinkAsync(newUser, otherBuiltInPatient);
        Assert.False(notFound.GetProperty("connected").GetBoolean());
        Assert.Contains(practiceId, notFound.GetProperty("message").GetString());

        var boundPatient = NewPatientSharingWith(practiceId);
        var anotherUser = await NewUserAsync();
        Assert.True((await EmailLinkAsync(anotherUser, boundPatient)).GetProperty("connected").GetBoolean());
        Assert.Equal(practiceId, (await ConnectionAsync(anotherUser)).GetProperty("practice_id").GetString());
    }

    private async Task<Guid> OrganizationIdAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Organizations
            .Where(o => o.Teams.Any()).OrderBy(o => o.CreatedAt).Select(o => o.Id).FirstAsync();
    }

    private async Task<string> CredentialsPathAsync() => $"/v1/org/{await OrganizationIdAsync()}/team_custom_credentials/sandbox/us";

    private HttpClient ManagementClient(string key)
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Management-Key", key);
        return client;
    }

    /// <summary>A client with a management key of the seeded organisation, issued as an admin would in the console.</summary>
    private async Task<HttpClient> OrgAsync() => _org ??= ManagementClient(await IssueKeyAsync(await OrganizationIdAsync()));

    private async Task<string> IssueKeyAsync(Guid organizationId)
    {
        using var scope = factory.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ManagementKeys>().IssueAsync(organizationId, "tests", TestActor);
        return issued!.Secret;
    }

    private async Task<Guid> NewOrganizationAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var organization = new Dashboard.Core.Organizations.Organization { Name = "Other " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTime.UtcNow };
        db.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    private async Task<Guid> SandboxTeamIdAsync()
    {
        using var scope = factory.Services.CreateScope();
        var organizationId = await OrganizationIdAsync();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Teams
            .Where(t => t.OrganizationId == organizationId && t.Environment == TeamEnvironment.Sandbox && t.DeploymentRegion == DeploymentRegion.Us)
            .Select(t => t.Id).SingleAsync();
    }

    /// <summary>Binds the sandbox US team: the body gets its <c>team_id</c>.</summary>
    private async Task<HttpResponseMessage> BindAsync(object fields)
    {
        var body = JsonSerializer.SerializeToNode(fields)!.AsObject();
        body["team_id"] = (await SandboxTeamIdAsync()).ToString();
        return await (await OrgAsync()).PostAsJsonAsync(await CredentialsPathAsync(), body);
    }

    private async Task<List<JsonElement>> CredentialsAsync() =>
        (await (await OrgAsync()).GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).GetProperty("credentials").EnumerateArray().ToList();

    private async Task UnbindAllAsync()
    {
        foreach (var credential in await CredentialsAsync())
        {
            await (await OrgAsync()).DeleteAsync($"{await CredentialsPathAsync()}?credential_id={credential.GetProperty("id").GetString()}");
        }
    }

    private async Task<CustomPracticeView> AddPracticeAsync(string practiceId)
    {
        using var scope = factory.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<CustomPracticeService>()
            .AddAsync(await OrganizationIdAsync(), new AddCustomPractice(practiceId, TeamEnvironment.Sandbox, "us"), new Dashboard.Core.Audit.AuditActor("admin@example.org", Dashboard.Core.Access.ConsoleRoles.Admin, null));
        Assert.True(added.Succeeded, added.Reason);
        return added.Value!;
    }

    private async Task<PracticeResult<CustomPracticeView>> VerifyAsync(Guid practiceId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustomPracticeService>().VerifyAsync(await OrganizationIdAsync(), practiceId, new Dashboard.Core.Audit.AuditActor("admin@example.org", Dashboard.Core.Access.ConsoleRoles.Admin, null));
    }

    /// <summary>A custom practice in LibreView with our sandbox account as Care Team Admin, added and verified.</summary>
    private async Task<string> ActivePracticeAsync()
    {
        var practiceId = "Acme-Clinic-" + Guid.NewGuid().ToString("N")[..8];
        Sim.CreatePractice(new PracticeSeed { PracticeId = practiceId, Name = "Acme Clinic", Region = "us", Members = [SandboxPracticeAccount] });
        var added = await AddPracticeAsync(practiceId);
        var verified = await VerifyAsync(added.Id);
        Assert.True(verified.Succeeded, verified.Reason);
        return practiceId;
    }

    private string NewPatientSharingWith(string practiceId)
    {
        var email = $"p{Guid.NewGuid().ToString("N")[..12]}@example.org";
        Sim.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us" });
        Sim.AddShare(new ShareSeed { Patient = email, PracticeId = practiceId, Region = "us" });
        return email;
    }

    private async Task<string> NewUserAsync()
    {
        var user = await (await _us.PostAsJsonAsync("/v2/user", new { client_user_id = "p-" + Guid.NewGuid().ToString("N")[..10] }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return user.GetProperty("user_id").GetString()!;
    }

    private async Task<JsonElement> EmailLinkAsync(string userId, string email)
    {
        var token = (await (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/email/freestyle_libre")
        {
            Content = JsonContent.Create(new { email, region = "us" }),
        };
        request.Headers.Add("x-vital-link-token", token);
        var response = await factory.AnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ConnectionAsync(string userId) =>
        Assert.Single((await _us.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}")).GetProperty("providers").EnumerateArray());
}
