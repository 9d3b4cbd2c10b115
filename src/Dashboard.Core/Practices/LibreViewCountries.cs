using Dashboard.Core.Teams;

namespace Dashboard.Core.Practices;

/// <summary>
/// The country codes LibreView calls a patient's "region" (what the patient picks in the app), the ones a team may use
/// by deployment region (DESIGN §3), and which LibreView API region (<see cref="LibreView.Regions.LibreViewApiRegions"/>)
/// serves each. Named for countries so it is not taken for the API regions (issue 20 item 4).
/// </summary>
public static class LibreViewCountries
{
    public static IReadOnlyList<string> Us { get; } = ["ca", "hk", "in", "kr", "ph", "sg", "tw", "us"];

    public static IReadOnlyList<string> Eu { get; } =
    [
        "ar", "at", "au", "be", "bh", "br", "ch", "cl", "co", "cz", "de", "dk", "eg", "es", "fi", "fr", "gb", "gr", "hk",
        "hr", "ie", "il", "in", "it", "jo", "kr", "kw", "lb", "lu", "mx", "nl", "no", "nz", "om", "ph", "pl", "pt", "qa",
        "sa", "se", "sg", "si", "sk", "tr", "tw", "za",
    ];

    public static IReadOnlyList<string> CodesFor(DeploymentRegion deployment) => deployment == DeploymentRegion.Us ? Us : Eu;

    public static string DefaultFor(DeploymentRegion deployment) => deployment == DeploymentRegion.Us ? "us" : "gb";

    /// <summary>The normalised code when it belongs to the deployment (null or blank → the default), else null.</summary>
    public static string? Resolve(string? code, DeploymentRegion deployment)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return DefaultFor(deployment);
        }
        var normalised = code.Trim().ToLowerInvariant();
        return CodesFor(deployment).Contains(normalised) ? normalised : null;
    }

    private static readonly HashSet<string> Asia = ["hk", "in", "kr", "ph", "sg", "tw"];
    private static readonly HashSet<string> MiddleEast = ["bh", "eg", "il", "jo", "kw", "lb", "om", "qa", "sa", "tr"];
    private static readonly HashSet<string> LatinAmerica = ["ar", "br", "cl", "co", "mx"];

    /// <summary>The LibreView API region (first path segment / host part) that serves a country code. GB and IE live on eu2 (reference §1.1).</summary>
    public static string ApiRegionFor(string code) => code switch
    {
        "us" => "us",
        "gb" or "ie" => "eu2",
        "ca" => "ca",
        "de" => "de",
        "fr" => "fr",
        "au" or "nz" => "au",
        _ when Asia.Contains(code) => "ap",
        _ when MiddleEast.Contains(code) => "ae",
        _ when LatinAmerica.Contains(code) => "la",
        _ => "eu",
    };
}
