using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
/// Custom practices and team practice bindings (DESIGN §3) through <c>/v1/org/{org_id}/team_custom_credentials/{env}/{region}</c>,
/// verified against the simulator over loopback HTTP.
/// </summary>
public sealed class PracticeBindingApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string SandboxPracticeAccount = "practice.sandbox.us@tryvital.example";
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);
    private SimulatorState Sim => factory.Simulator.State;

    [Fact]
    public async Task A_verified_practice_binds_with_any_letter_case_and_serves_its_own_spelling()
    {
        var practiceId = await ActivePracticeAsync();

        var bound = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = practiceId.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        var body = await bound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("freestyle_libre", body.GetProperty("provider").GetString());
        Assert.Equal(practiceId, body.GetProperty("client_id").GetString());
        Assert.EndsWith("+00:00", body.GetProperty("created_on").GetString());

        var listed = Assert.Single((await _us.GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).EnumerateArray());
        Assert.Equal(practiceId, listed.GetProperty("client_id").GetString());
        var practices = await _us.GetFromJsonAsync<JsonElement>($"/v1/org/{await OrganizationIdAsync()}/custom_practices");
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
        await _us.DeleteAsync(await CredentialsPathAsync());

        var notActive = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = invited.PracticeId });
        var unknown = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = "nobody-knows-this" });
        var builtIn = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = BuiltInPractices.Sandbox });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notActive.StatusCode);
        Assert.Contains("not active", await notActive.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("not a custom practice", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, builtIn.StatusCode);
        Assert.Empty((await _us.GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).EnumerateArray());
    }

    [Theory]
    [InlineData("client_secret", "x")]
    [InlineData("client_secret", null)]
    [InlineData("details", "x")]
    [InlineData("redirect_url_override", "https://example.org/back")]
    public async Task Each_field_a_practice_binding_does_not_take_is_a_422_naming_it(string field, string? value)
    {
        var practiceId = await ActivePracticeAsync();
        await _us.DeleteAsync(await CredentialsPathAsync());
        var body = new Dictionary<string, object?> { ["provider"] = "freestyle_libre", ["client_id"] = practiceId, [field] = value };

        var response = await _us.PostAsJsonAsync(await CredentialsPathAsync(), body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await _us.GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).EnumerateArray());
    }

    [Fact]
    public async Task Another_organisation_or_a_team_that_does_not_exist_is_a_404_and_bad_names_are_400()
    {
        var organizationId = await OrganizationIdAsync();
        var binding = new { provider = "freestyle_libre", client_id = "anything" };

        Assert.Equal(HttpStatusCode.NotFound, (await _us.PostAsJsonAsync($"/v1/org/{Guid.NewGuid()}/team_custom_credentials/sandbox/us", binding)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync("/v1/org/not-a-guid/team_custom_credentials/sandbox/us")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync($"/v1/org/{Guid.NewGuid()}/custom_practices")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.GetAsync($"/v1/org/{organizationId}/team_custom_credentials/production/us")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.GetAsync($"/v1/org/{organizationId}/team_custom_credentials/staging/us")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.GetAsync($"/v1/org/{organizationId}/team_custom_credentials/sandbox/asia")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PostAsJsonAsync($"/v1/org/{organizationId}/team_custom_credentials/sandbox/us",
            new { provider = "abbott_libreview", client_id = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync($"/v1/org/{organizationId}/team_custom_credentials/sandbox/us")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_or_incomplete_body_is_a_400_and_stores_nothing()
    {
        await _us.DeleteAsync(await CredentialsPathAsync());

        var malformed = await _us.PostAsync(await CredentialsPathAsync(), new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        var noClientId = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre" });
        var noProvider = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { client_id = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noClientId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noProvider.StatusCode);
        Assert.Empty((await _us.GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).EnumerateArray());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_binding_calls()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/org/{org_id}/team_custom_credentials/{env}/{region}", document);
    }

    [Fact]
    public async Task Unbinding_removes_the_binding_once()
    {
        var practiceId = await ActivePracticeAsync();
        await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = practiceId });

        Assert.Equal(HttpStatusCode.OK, (await _us.DeleteAsync(await CredentialsPathAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.DeleteAsync(await CredentialsPathAsync())).StatusCode);
        Assert.Empty((await _us.GetFromJsonAsync<JsonElement>(await CredentialsPathAsync())).EnumerateArray());
    }

    [Fact]
    public async Task A_binding_affects_new_connections_only_and_new_email_links_search_only_the_bound_practice()
    {
        await _us.DeleteAsync(await CredentialsPathAsync());
        var builtInPatient = NewPatientSharingWith(BuiltInPractices.Sandbox);
        var existingUser = await NewUserAsync();
        Assert.True((await EmailLinkAsync(existingUser, builtInPatient)).GetProperty("connected").GetBoolean());

        var practiceId = await ActivePracticeAsync();
        var rebound = await _us.PostAsJsonAsync(await CredentialsPathAsync(), new { provider = "freestyle_libre", client_id = practiceId.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, rebound.StatusCode);

        var existing = await ConnectionAsync(existingUser);
        Assert.Equal("connected", existing.GetProperty("status").GetString());
        Assert.Equal(BuiltInPractices.Sandbox, existing.GetProperty("resource_availability").GetProperty("practice_id").GetString());

        var otherBuiltInPatient = NewPatientSharingWith(BuiltInPractices.Sandbox);
        var newUser = await NewUserAsync();
        var notFound = await EmailLinkAsync(newUser, otherBuiltInPatient);
        Assert.False(notFound.GetProperty("connected").GetBoolean());
        Assert.Equal("user_not_found", notFound.GetProperty("error_type").GetString());
        Assert.Contains(practiceId, notFound.GetProperty("error").GetString());

        var boundPatient = NewPatientSharingWith(practiceId);
        var anotherUser = await NewUserAsync();
        Assert.True((await EmailLinkAsync(anotherUser, boundPatient)).GetProperty("connected").GetBoolean());
        Assert.Equal(practiceId, (await ConnectionAsync(anotherUser)).GetProperty("resource_availability").GetProperty("practice_id").GetString());
    }

    private async Task<Guid> OrganizationIdAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Organizations.Select(o => o.Id).SingleAsync();
    }

    private async Task<string> CredentialsPathAsync() => $"/v1/org/{await OrganizationIdAsync()}/team_custom_credentials/sandbox/us";

    private async Task<CustomPracticeView> AddPracticeAsync(string practiceId)
    {
        using var scope = factory.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<CustomPracticeService>()
            .AddAsync(await OrganizationIdAsync(), new AddCustomPractice(practiceId, TeamEnvironment.Sandbox, "us"));
        Assert.True(added.Succeeded, added.Reason);
        return added.Value!;
    }

    private async Task<PracticeResult<CustomPracticeView>> VerifyAsync(Guid practiceId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustomPracticeService>().VerifyAsync(await OrganizationIdAsync(), practiceId);
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
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ConnectionAsync(string userId) =>
        Assert.Single((await _us.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}")).GetProperty("providers").EnumerateArray());
}
