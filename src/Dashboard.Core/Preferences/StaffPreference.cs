using Dashboard.Core.Glucose;
using Dashboard.Core.Teams;

namespace Dashboard.Core.Preferences;

/// <summary>
/// One person's console preferences, kept on the server so they follow the person from browser to browser and are
/// known before the first paint. A person is their normalised e-mail address, the same key as their memberships
/// (<see cref="Access.StaffIdentity.Normalize"/>), so preferences hold across the organisations they belong to.
/// </summary>
public sealed class StaffPreference
{
    public const int MaxTimeZoneLength = 64;

    public required string Email { get; set; }

    /// <summary>The unit glucose is shown in; null: the team's default (<see cref="GlucoseUnitDefaults.For"/>).</summary>
    public GlucoseUnit? GlucoseUnit { get; set; }

    /// <summary>The IANA time zone staff-facing times are shown in, as the person's browser last reported it.</summary>
    public string? TimeZone { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>The unit a team's people read glucose in unless they chose another.</summary>
public static class GlucoseUnitDefaults
{
    /// <summary>mmol/L for teams deployed in the EU, where it is the clinical unit; mg/dL in the US.</summary>
    public static GlucoseUnit For(DeploymentRegion region) => region == DeploymentRegion.Eu ? GlucoseUnit.MmolPerL : GlucoseUnit.MgPerDl;

    /// <summary>The person's own choice, else their team's default.</summary>
    public static GlucoseUnit Resolve(GlucoseUnit? chosen, DeploymentRegion region) => chosen ?? For(region);
}
