namespace LibreView.Simulator.Accounts;

/// <summary>What a region implies when an account leaves it open: country, device time zone and glucose unit.</summary>
internal static class RegionDefaults
{
    private static readonly Dictionary<string, (string Country, string Zone, string Unit)> ByRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us"] = ("US", "America/New_York", "mg/dL"),
        ["eu"] = ("GB", "Europe/London", "mmol/L"),
        ["eu2"] = ("GB", "Europe/London", "mmol/L"),
        ["de"] = ("DE", "Europe/Berlin", "mg/dL"),
        ["fr"] = ("FR", "Europe/Paris", "mg/dL"),
        ["ca"] = ("CA", "America/Toronto", "mmol/L"),
        ["au"] = ("AU", "Australia/Sydney", "mmol/L"),
        ["ap"] = ("SG", "Asia/Singapore", "mmol/L"),
        ["ae"] = ("AE", "Asia/Dubai", "mg/dL"),
        ["jp"] = ("JP", "Asia/Tokyo", "mg/dL"),
        ["la"] = ("BR", "America/Sao_Paulo", "mg/dL"),
    };

    public static string Country(string region) => ByRegion.TryGetValue(region, out var d) ? d.Country : "US";
    public static string Zone(string region) => ByRegion.TryGetValue(region, out var d) ? d.Zone : "UTC";
    public static string Unit(string region) => ByRegion.TryGetValue(region, out var d) ? d.Unit : "mg/dL";
}
