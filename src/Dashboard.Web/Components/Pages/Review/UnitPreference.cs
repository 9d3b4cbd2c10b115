using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Preferences;
using Dashboard.Core.Teams;
using Dashboard.Web.Access;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>
/// The glucose unit the signed-in person reads in: their own choice, kept on the server (<see cref="StaffPreferences"/>),
/// else the default of the patient's team (mmol/L for EU-deployed teams, mg/dL for US ones).
/// </summary>
public sealed class UnitPreference(StaffPreferences preferences, CurrentStaff staff)
{
    /// <summary>The person's own choice; null when they follow their team's default.</summary>
    public async Task<GlucoseUnit?> ChosenAsync(CancellationToken ct = default) =>
        (await preferences.GetAsync(StaffIdentity.EmailOf(await staff.UserAsync()), ct)).GlucoseUnit;

    /// <summary>The unit to show a patient of a team deployed in <paramref name="region"/> in.</summary>
    public async Task<GlucoseUnit> ForTeamAsync(DeploymentRegion region, CancellationToken ct = default) =>
        GlucoseUnitDefaults.Resolve(await ChosenAsync(ct), region);

    /// <summary>Keeps the person's choice (null: back to the team's default); a person without an address keeps nothing.</summary>
    public async Task RememberAsync(GlucoseUnit? unit, CancellationToken ct = default)
    {
        if (StaffIdentity.EmailOf(await staff.UserAsync()) is not { } email) return;
        await preferences.SetGlucoseUnitAsync(email, unit, ct);
    }
}
