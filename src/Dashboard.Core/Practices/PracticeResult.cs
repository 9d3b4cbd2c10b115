using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;

namespace Dashboard.Core.Practices;

/// <summary>Why a practice or binding change was refused; the API maps each to an HTTP status.</summary>
public enum PracticeRefusal
{
    None,

    /// <summary>No such organisation, team or practice (for this caller).</summary>
    NotFound,

    /// <summary>The organisation's plan does not allow custom practices or bindings.</summary>
    PlanRequired,

    /// <summary>The request itself is wrong: empty Practice ID, a region the teams do not serve, …</summary>
    Invalid,

    /// <summary>The organisation already has a practice with that id (case-insensitive).</summary>
    Duplicate,

    /// <summary>The practice is not an active custom practice this team can use.</summary>
    NotBindable,

    /// <summary>LibreView does not show the practice to our account yet.</summary>
    NotVisibleYet,

    /// <summary>LibreView could not be asked (no practice account, sign-in failed, upstream error).</summary>
    LibreViewUnavailable,

    /// <summary>A team binding still uses the practice, so it cannot be removed.</summary>
    InUse,
}

/// <summary>
/// Exactly why a practice or binding change was refused (finer than <see cref="PracticeRefusal"/>, which the API maps to
/// a status); the console says each in its own language from the code and the facts of <see cref="PracticeRefusalReason"/>.
/// </summary>
public enum PracticeProblem
{
    /// <summary>No such organisation.</summary>
    OrganizationNotFound,
    /// <summary>No such practice in this organisation.</summary>
    PracticeNotFound,
    /// <summary>No such team.</summary>
    TeamNotFound,
    /// <summary>The organisation's <see cref="PracticeRefusalReason.Plan"/> does not allow it (<see cref="PracticePlan.Required"/> does).</summary>
    PlanRequired,
    /// <summary>The Practice ID is empty, longer than <see cref="CustomPracticeService.MaxPracticeIdLength"/> or has spaces.</summary>
    PracticeIdInvalid,
    /// <summary>The organisation has no team in <see cref="PracticeRefusalReason.Environment"/>.</summary>
    NoTeamInEnvironment,
    /// <summary><see cref="PracticeRefusalReason.Region"/> is not one of the <see cref="PracticeRefusalReason.Regions"/> the environment's teams serve.</summary>
    RegionNotServed,
    /// <summary>Adding: no practice account in <see cref="PracticeRefusalReason.Environment"/> and LibreView region <see cref="PracticeRefusalReason.ApiRegion"/>.</summary>
    NoPracticeAccountYet,
    /// <summary>Verifying: no practice account in <see cref="PracticeRefusalReason.Environment"/> and LibreView region <see cref="PracticeRefusalReason.ApiRegion"/>.</summary>
    NoPracticeAccount,
    /// <summary>The practice account cannot sign in: <see cref="PracticeRefusalReason.AccountProblem"/> says why.</summary>
    PracticeAccountCannotSignIn,
    /// <summary>LibreView did not answer the question.</summary>
    LibreViewNotAnswering,
    /// <summary>LibreView does not show <see cref="PracticeRefusalReason.PracticeId"/> to <see cref="PracticeRefusalReason.Email"/> yet.</summary>
    NotVisibleYet,
    /// <summary>The organisation already has <see cref="PracticeRefusalReason.PracticeId"/>.</summary>
    DuplicatePractice,
    /// <summary><see cref="PracticeRefusalReason.PracticeId"/> is bound to the teams <see cref="PracticeRefusalReason.Teams"/>.</summary>
    InUse,
    /// <summary>No Practice ID was named for a binding.</summary>
    BindingPracticeIdMissing,
    /// <summary><see cref="PracticeRefusalReason.PracticeId"/> (as typed) is not a custom practice of the organisation.</summary>
    NotACustomPractice,
    /// <summary><see cref="PracticeRefusalReason.PracticeId"/> is not active yet.</summary>
    PracticeNotActive,
    /// <summary><see cref="PracticeRefusalReason.PracticeId"/> is in <see cref="PracticeRefusalReason.Environment"/>, the team in <see cref="PracticeRefusalReason.TeamEnvironment"/>.</summary>
    EnvironmentMismatch,
    /// <summary><see cref="PracticeRefusalReason.PracticeId"/> is in <see cref="PracticeRefusalReason.Region"/>, which the team's <see cref="PracticeRefusalReason.Deployment"/> does not serve.</summary>
    RegionMismatch,
}

/// <summary>
/// A refusal's <see cref="Problem"/> with the facts its wording needs (each problem uses some of them), and
/// <see cref="Message"/>, the same in invariant English (for the API, logs and callers without a language).
/// </summary>
public sealed record PracticeRefusalReason(
    PracticeProblem Problem,
    string? PracticeId = null,
    string? Region = null,
    TeamEnvironment? Environment = null,
    string? ApiRegion = null,
    string? Email = null,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? Teams = null,
    Plan? Plan = null,
    TeamEnvironment? TeamEnvironment = null,
    DeploymentRegion? Deployment = null,
    PracticeAccountProblem? AccountProblem = null)
{
    public string Message => Problem switch
    {
        PracticeProblem.OrganizationNotFound => "No such organisation.",
        PracticeProblem.PracticeNotFound => "No such practice in this organisation.",
        PracticeProblem.TeamNotFound => "No such team.",
        PracticeProblem.PlanRequired => PracticePlan.Explanation(Plan ?? default),
        PracticeProblem.PracticeIdInvalid => $"Enter the LibreView Practice ID: 1 to {CustomPracticeService.MaxPracticeIdLength} characters, no spaces.",
        PracticeProblem.NoTeamInEnvironment => $"This organisation has no {Lower(Environment)} team, so it cannot use a {Lower(Environment)} practice.",
        PracticeProblem.RegionNotServed => $"'{Region}' is not a region the {Lower(Environment)} teams serve. Choose one of: {string.Join(", ", Regions ?? [])}.",
        PracticeProblem.NoPracticeAccountYet => $"We have no {Lower(Environment)} practice account in LibreView region {ApiRegion} yet, " +
                                                "so a practice there cannot be connected. Contact support.",
        PracticeProblem.NoPracticeAccount => $"We have no {Lower(Environment)} practice account in LibreView region {ApiRegion}. Contact support.",
        PracticeProblem.PracticeAccountCannotSignIn => AccountProblem?.Message ?? "",
        PracticeProblem.LibreViewNotAnswering => "LibreView could not be asked right now. Try Verify again in a few minutes.",
        PracticeProblem.NotVisibleYet => $"Not visible yet: LibreView does not show practice '{PracticeId}' to {Email}. " +
                                         $"Check that {Email} was invited as {PracticeSetupSteps.Role} and the invitation was accepted, then verify again.",
        PracticeProblem.DuplicatePractice => $"This organisation already has the practice '{PracticeId}' (Practice IDs are compared without regard to letter case).",
        PracticeProblem.InUse => $"{PracticeId} cannot be removed while {string.Join(", ", Teams ?? [])} " +
                                 $"{(Teams?.Count == 1 ? "is" : "are")} bound to it. Unbind {(Teams?.Count == 1 ? "that team" : "those teams")} first.",
        PracticeProblem.BindingPracticeIdMissing => "Name the Practice ID to bind the team to.",
        PracticeProblem.NotACustomPractice => $"'{PracticeId}' is not a custom practice of this organisation. Add it on the Practices page and verify it first.",
        PracticeProblem.PracticeNotActive => $"The practice '{PracticeId}' is not active yet: invite our practice account as {PracticeSetupSteps.Role} in LibreView, then verify it.",
        PracticeProblem.EnvironmentMismatch => $"The practice '{PracticeId}' is a {Lower(Environment)} practice; this team is {Lower(TeamEnvironment)}.",
        PracticeProblem.RegionMismatch => $"The practice '{PracticeId}' is in region {Region}, which the team's {Deployment?.ToString().ToUpperInvariant()} deployment does not serve.",
        _ => Problem.ToString(),
    };

    private static string Lower(TeamEnvironment? environment) => environment?.ToString().ToLowerInvariant() ?? "";
}

/// <summary>
/// The outcome of a practice or binding change: the new state, or a refusal with its <see cref="Why"/> (a code and the
/// facts the console words it from) and <see cref="Reason"/>, the same in invariant English.
/// </summary>
public sealed record PracticeResult<T>(T? Value, PracticeRefusal Refusal, PracticeRefusalReason? Why)
    where T : class
{
    public bool Succeeded => Refusal == PracticeRefusal.None;

    /// <summary>The refusal in invariant English; null when the change was done.</summary>
    public string? Reason => Why?.Message;

    public static PracticeResult<T> Ok(T value) => new(value, PracticeRefusal.None, null);

    public static PracticeResult<T> Refused(PracticeRefusal refusal, PracticeRefusalReason why) => new(null, refusal, why);
}
