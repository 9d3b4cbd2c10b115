namespace Dashboard.Web.Api;

/// <summary>
/// Value sets of Junction's schema that requests are checked against: a value outside them is a 422 (as FastAPI
/// answers), a value inside them that this product does not serve is a 400 that says so.
/// </summary>
internal static class JunctionEnums
{
    /// <summary>Junction's <c>Region</c>: where a password provider's account lives (a hint for LibreView).</summary>
    public static readonly HashSet<string> Regions =
    [
        "us", "eu", "de", "fr", "ca", "br", "ar", "cl", "co", "mx", "gb", "ie", "au", "nz", "nl", "at", "be", "bh", "ch", "cz",
        "dk", "eg", "es", "fi", "gr", "hr", "il", "it", "jo", "kw", "lb", "lu", "no", "om", "pl", "pt", "qa", "sa", "se", "si",
        "sk", "tr", "za", "in", "sg", "hk", "kr", "ph", "tw",
    ];

    /// <summary>Junction's <c>PasswordProviders</c>.</summary>
    public static readonly HashSet<string> PasswordProviders =
        ["whoop", "renpho", "peloton", "zwift", "eight_sleep", "beurer_api", "dexcom", "hammerhead", "my_fitness_pal", "kardia", "abbott_libreview", "tandem_source"];

    /// <summary>Junction's <c>Providers</c>.</summary>
    public static readonly HashSet<string> Providers =
    [
        "oura", "fitbit", "garmin", "whoop", "strava", "renpho", "peloton", "wahoo", "zwift", "freestyle_libre", "abbott_libreview",
        "tandem_source", "freestyle_libre_ble", "eight_sleep", "withings", "apple_health_kit", "manual", "ihealth", "google_fit",
        "beurer_api", "beurer_ble", "omron", "omron_ble", "onetouch_ble", "accuchek_ble", "contour_ble", "dexcom", "dexcom_v3",
        "hammerhead", "my_fitness_pal", "health_connect", "samsung_health", "polar", "cronometer", "kardia", "whoop_v2",
        "ultrahuman", "my_fitness_pal_v2", "map_my_fitness", "runkeeper", "google_health",
    ];

    /// <summary>
    /// The provider named in a request: a 422 when Junction has no such provider, a 400 when Junction has it but this
    /// product does not link it, null when it is one of ours.
    /// </summary>
    public static IResult? ProviderProblem(string provider, IReadOnlySet<string> junctionValues, IReadOnlyCollection<string> ours, params object[] loc)
    {
        if (!junctionValues.Contains(provider))
        {
            return ApiProblems.Invalid($"Input should be one of Junction's providers; this product links {string.Join(" and ", ours)}.", "enum", loc);
        }
        return ours.Contains(provider) ? null : ApiProblems.BadRequest($"'{provider}' is not linked here; use {string.Join(" or ", ours)}.");
    }
}
