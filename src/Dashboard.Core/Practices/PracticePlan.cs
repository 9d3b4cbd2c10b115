using Dashboard.Core.Organizations;

namespace Dashboard.Core.Practices;

/// <summary>Which plan may use custom practices and team practice bindings (DESIGN §3), and how to say so.</summary>
public static class PracticePlan
{
    public const Plan Required = Plan.Scale;

    public static bool Allows(Plan plan) => plan == Required;

    public static string NameOf(Plan plan) => plan.ToString();

    /// <summary>Why an organisation on <paramref name="current"/> cannot add practices or bindings, naming the plan that can.</summary>
    public static string Explanation(Plan current) =>
        $"Custom practices and team practice bindings are part of the {NameOf(Required)} plan. " +
        $"This organisation is on the {NameOf(current)} plan; upgrade to {NameOf(Required)} to use them. " +
        "Until then, patients share with the built-in practice.";
}
