namespace LibreView.Regions;

/// <summary>The LibreView API regions (the <c>{region}</c> of <c>api-{region}.libreview.io</c>).</summary>
public static class LibreRegions
{
    public static readonly IReadOnlyList<string> All = ["us", "eu", "eu2", "de", "fr", "ca", "au", "ap", "ae", "jp", "la"];

    public static bool IsKnown(string? region) =>
        region is not null && All.Contains(region, StringComparer.OrdinalIgnoreCase);

    public static string Normalize(string region) => region.Trim().ToLowerInvariant();
}
