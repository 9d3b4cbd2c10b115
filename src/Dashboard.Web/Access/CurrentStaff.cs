using System.Security.Claims;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Access;

/// <summary>The signed-in person of this circuit: who, which role, and the scope of what they may see.</summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication, StaffScopeResolver scopes, IAuthorizationService authorization)
{
    private StaffScope? _scope;

    /// <summary>The browser's address, captured when the page was first requested (a circuit has no HttpContext).</summary>
    public string? ClientIp { get; set; }

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<StaffScope> ScopeAsync(CancellationToken ct = default) =>
        _scope ??= await scopes.ForUserAsync(await UserAsync(), ct);

    /// <summary>Reads the scope again on next use (after the organisation's teams changed).</summary>
    public void ForgetScope() => _scope = null;

    /// <summary>The person as the audit log records them.</summary>
    public async Task<AuditActor> ActorAsync() => StaffIdentity.ActorOf(await UserAsync(), ClientIp);

    /// <summary>Whether the person passes the named policy (<see cref="ConsolePolicies"/>), as pages and endpoints check it.</summary>
    public async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;
}
