using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;

namespace Dashboard.Web.Tests.Support;

/// <summary>bUnit's test authorization holding a console role the way the app does: the role, and every named policy that role passes.</summary>
public static class ConsoleAuthorization
{
    /// <summary>Grants <paramref name="role"/> and exactly the policies <see cref="ConsolePolicies.Roles"/> admits it to (components check policies, never roles).</summary>
    public static BunitAuthorizationContext SetConsoleRole(this BunitAuthorizationContext auth, string role)
    {
        auth.SetRoles(role);
        auth.SetPolicies(ConsolePolicies.Roles.Where(p => p.Value.Contains(role)).Select(p => p.Key).ToArray());
        return auth;
    }

    /// <summary>
    /// A console person: <paramref name="role"/> (as <see cref="SetConsoleRole"/>) and then the e-mail claim the store's
    /// memberships match on. In that order: claims set before bUnit's role and policy setters did not reach the principal.
    /// </summary>
    public static BunitAuthorizationContext SetConsolePerson(this BunitAuthorizationContext auth, string role, string email)
    {
        auth.SetConsoleRole(role);
        auth.SetClaims(new System.Security.Claims.Claim(StaffIdentity.EmailClaim, email));
        return auth;
    }
}
