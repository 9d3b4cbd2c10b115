using Dashboard.DevIdentity;

namespace Dashboard.Web.Configuration;

/// <summary>
/// The development sign-in and the in-process LibreView simulator hand out sessions, passwords and MFA codes to anyone
/// who asks: each is on only when the environment is Development <b>and</b> its own setting is on. Anywhere else
/// (Staging included) the setting is ignored.
/// </summary>
internal static class DevelopmentFeatures
{
    public const string DevSignInSetting = $"{DevIdentityOptions.SectionName}:Enabled";
    public const string SimulatorSetting = "LibreViewSimulator:Enabled";

    public static bool DevSignIn(IConfiguration configuration, IHostEnvironment environment) =>
        IsOn(configuration, environment, DevSignInSetting);

    public static bool Simulator(IConfiguration configuration, IHostEnvironment environment) =>
        IsOn(configuration, environment, SimulatorSetting);

    private static bool IsOn(IConfiguration configuration, IHostEnvironment environment, string setting) =>
        environment.IsDevelopment() && configuration.GetValue<bool>(setting);
}
