using Dashboard.Core.Organizations;
using Dashboard.Core.Practices;
using Dashboard.Core.Teams;
using Dashboard.Web.Components.Pages.Settings;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Practices;

/// <summary>
/// What Core says about practices, bindings and practice accounts, in the console's language, worded from Core's codes
/// and facts (Core's own messages are invariant English, for the API and logs). In English it is Core's text exactly.
/// </summary>
public static class PracticeText
{
    /// <summary>Why an organisation on <paramref name="current"/> cannot add practices or bindings, naming the plan that can.</summary>
    public static string PlanExplanation(IStringLocalizer<ConsoleText> L, Plan current) =>
        L["Practices.PlanExplanation", PracticePlan.NameOf(PracticePlan.Required), PracticePlan.NameOf(current)];

    /// <summary>Where new patients of the team are searched for.</summary>
    public static string BindingSummary(IStringLocalizer<ConsoleText> L, TeamPractices team) => team.Binding is { } binding
        ? L["Practices.BindingSummary.Bound", binding.PracticeId]
        : L["Practices.BindingSummary.NotBound", team.BuiltInPractice];

    /// <summary>What a binding change does, with the count of connections it leaves alone.</summary>
    public static string NewConnectionsOnlyNote(IStringLocalizer<ConsoleText> L, TeamPractices team) => team.ExistingConnections switch
    {
        // The count is of practice-shared connections only: a team with many LibreView-password connections read
        // "no existing connections" before.
        0 => L["Practices.NewConnectionsNote.None"],
        1 => L["Practices.NewConnectionsNote.One"],
        var count => L["Practices.NewConnectionsNote.Many", count],
    };

    public static string Refusal(IStringLocalizer<ConsoleText> L, PracticeRefusalReason why) => why.Problem switch
    {
        PracticeProblem.OrganizationNotFound => L["Practices.Refused.OrganizationNotFound"],
        PracticeProblem.PracticeNotFound => L["Practices.Refused.PracticeNotFound"],
        PracticeProblem.TeamNotFound => L["Practices.Refused.TeamNotFound"],
        PracticeProblem.PlanRequired => PlanExplanation(L, why.Plan ?? default),
        PracticeProblem.PracticeIdInvalid => L["Practices.Refused.PracticeIdInvalid", CustomPracticeService.MaxPracticeIdLength],
        PracticeProblem.NoTeamInEnvironment => L["Practices.Refused.NoTeamInEnvironment", Environment(L, why.Environment)],
        PracticeProblem.RegionNotServed => L["Practices.Refused.RegionNotServed", why.Region ?? "", Environment(L, why.Environment), string.Join(", ", why.Regions ?? [])],
        PracticeProblem.NoPracticeAccountYet => L["Practices.Refused.NoPracticeAccountYet", Environment(L, why.Environment), why.ApiRegion ?? ""],
        PracticeProblem.NoPracticeAccount => L["Practices.Refused.NoPracticeAccount", Environment(L, why.Environment), why.ApiRegion ?? ""],
        PracticeProblem.PracticeAccountCannotSignIn when why.AccountProblem is { } problem => AccountProblem(L, problem),
        PracticeProblem.LibreViewNotAnswering => L["Practices.Refused.LibreViewNotAnswering"],
        PracticeProblem.NotVisibleYet => L["Practices.Refused.NotVisibleYet", why.PracticeId ?? "", why.Email ?? "", PracticeSetupSteps.Role],
        PracticeProblem.DuplicatePractice => L["Practices.Refused.DuplicatePractice", why.PracticeId ?? ""],
        PracticeProblem.InUse when why.Teams is { Count: 1 } teams => L["Practices.Refused.InUse.One", why.PracticeId ?? "", teams[0]],
        PracticeProblem.InUse => L["Practices.Refused.InUse.Many", why.PracticeId ?? "", string.Join(", ", why.Teams ?? [])],
        PracticeProblem.BindingPracticeIdMissing => L["Practices.Refused.BindingPracticeIdMissing"],
        PracticeProblem.NotACustomPractice => L["Practices.Refused.NotACustomPractice", why.PracticeId ?? ""],
        PracticeProblem.PracticeNotActive => L["Practices.Refused.PracticeNotActive", why.PracticeId ?? "", PracticeSetupSteps.Role],
        PracticeProblem.EnvironmentMismatch => L["Practices.Refused.EnvironmentMismatch", why.PracticeId ?? "", Environment(L, why.Environment), Environment(L, why.TeamEnvironment)],
        PracticeProblem.RegionMismatch => L["Practices.Refused.RegionMismatch", why.PracticeId ?? "", why.Region ?? "", why.Deployment?.ToString().ToUpperInvariant() ?? ""],
        _ => why.Message,
    };

    /// <summary>Why a practice account cannot sign in to LibreView.</summary>
    public static string AccountProblem(IStringLocalizer<ConsoleText> L, PracticeAccountProblem problem) => problem.Kind switch
    {
        PracticeAccountProblemKind.CodeRequired => L["PracticeAccounts.Problem.CodeRequired"],
        PracticeAccountProblemKind.CredentialsRejected => L["PracticeAccounts.Problem.CredentialsRejected"],
        PracticeAccountProblemKind.LockedOut => L["PracticeAccounts.Problem.LockedOut"],
        PracticeAccountProblemKind.RegionBlocked => L["PracticeAccounts.Problem.RegionBlocked"],
        _ => L["PracticeAccounts.Problem.Other", problem.LibreViewMessage ?? ""],
    };

    /// <summary>Where LibreView sent a sign-in code ("email to p***@example.org").</summary>
    public static string CodeHint(IStringLocalizer<ConsoleText> L, PracticeCodeHint? code) => code is null ? "" : L["PracticeAccounts.CodeHint", code.Method switch
    {
        "email" => L["PracticeAccounts.Method.Email"],
        "sms" => L["PracticeAccounts.Method.Sms"],
        var other => other,
    }, code.Destination];

    /// <summary>Why a step of an admin's sign-in did not go on; null when it did.</summary>
    public static string? SignInError(IStringLocalizer<ConsoleText> L, PracticeSignInStep step) => step.Outcome switch
    {
        PracticeSignInOutcome.SignedIn or PracticeSignInOutcome.AwaitingCode => null,
        PracticeSignInOutcome.NoSuchAccount => L["PracticeAccounts.SignIn.NoSuchAccount"],
        PracticeSignInOutcome.NothingWaiting => L["PracticeAccounts.SignIn.NothingWaiting"],
        PracticeSignInOutcome.CodeMalformed => L["PracticeAccounts.SignIn.CodeMalformed"],
        PracticeSignInOutcome.CodeRejected => L["PracticeAccounts.SignIn.CodeRejected"],
        PracticeSignInOutcome.ResendFailed => L["PracticeAccounts.SignIn.ResendFailed", step.LibreViewMessage ?? ""],
        PracticeSignInOutcome.CannotSignIn when step.Problem is { } problem => AccountProblem(L, problem),
        _ => step.Error,
    };

    private static string Environment(IStringLocalizer<ConsoleText> L, TeamEnvironment? environment) =>
        environment is { } e ? SettingsText.Environment(L, e) : "";
}
