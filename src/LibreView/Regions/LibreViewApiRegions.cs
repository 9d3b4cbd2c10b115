namespace LibreView.Regions;

/// <summary>
/// The LibreView API regions (reference §1.1): the <c>{region}</c> of <c>api-{region}.libreview.io</c>, plus ru and cn;
/// not the patients' country codes, which Core's <c>LibreViewCountries</c> maps onto these.
/// </summary>
public static class LibreViewApiRegions
{
    public static readonly IReadOnlyList<string> All = ["us", "eu", "eu2", "de", "fr", "ca", "au", "ap", "ae", "jp", "la", "ru", "cn"];

    public static bool IsKnown(string? region) =>
        region is not null && All.Contains(region.Trim(), StringComparer.OrdinalIgnoreCase);

    public static string Normalize(string region) => region.Trim().ToLowerInvariant();
}
