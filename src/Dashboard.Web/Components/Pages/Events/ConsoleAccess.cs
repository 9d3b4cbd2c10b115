using Dashboard.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>Who is looking at the events page: their organisation's scope, and whether they may administer webhooks.</summary>
public sealed record ConsoleAccess(StaffScope Scope, bool IsAdmin)
{
    public const string EmailClaim = "email";

    public static async Task<ConsoleAccess> ResolveAsync(AuthenticationStateProvider authentication, StaffScopeResolver scopes, CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var scope = await scopes.ForEmailAsync(user.FindFirst(EmailClaim)?.Value, cancellationToken);
        return new ConsoleAccess(scope, user.IsInRole(ConsoleRoles.Admin));
    }
}
