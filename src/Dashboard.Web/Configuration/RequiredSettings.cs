using Dashboard.Core.Storage;

namespace Dashboard.Web.Configuration;

/// <summary>
/// Settings the app cannot serve without in this environment. Checked before anything is built, so a deployment
/// that lacks one stops at once with the keys named, instead of starting and answering 500 on every route.
/// </summary>
internal static class RequiredSettings
{
    public const string OidcAuthority = "Authentication:Oidc:Authority";
    public const string OidcClientId = "Authentication:Oidc:ClientId";

    /// <summary>The keys that are missing, blank or unusable, in the order they are listed in the README.</summary>
    public static IReadOnlyList<string> Missing(IConfiguration configuration, IHostEnvironment environment)
    {
        var required = new List<string>();
        if (!DevelopmentFeatures.DevSignIn(configuration, environment))
        {
            required.AddRange([OidcAuthority, OidcClientId]);
        }
        if (!environment.IsDevelopment())
        {
            required.AddRange([KeyRingProtection.PathKey, PublicLinks.Setting]);
        }
        var missing = required.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToList();
        if (!string.IsNullOrWhiteSpace(configuration[PublicLinks.Setting]) && !PublicLinks.IsValid(configuration[PublicLinks.Setting]))
        {
            missing.Add($"{PublicLinks.Setting} (not an absolute http(s) URL)");
        }
        return missing;
    }

    /// <summary>False, after naming the missing keys on standard error, when the app must not start.</summary>
    public static bool HasRequiredSettings(this WebApplicationBuilder builder)
    {
        var missing = Missing(builder.Configuration, builder.Environment);
        if (missing.Count == 0)
        {
            return true;
        }
        Console.Error.WriteLine(Message(missing, builder.Environment.EnvironmentName));
        return false;
    }

    public static string Message(IReadOnlyList<string> missing, string environment) =>
        $"Cannot start in {environment}: required settings are missing: {string.Join(", ", missing)}. "
        + "Set them in appsettings, environment variables (':' written as '__') or on the command line; see the README's Configuration section.";
}
