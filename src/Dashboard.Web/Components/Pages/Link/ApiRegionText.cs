using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Link;

/// <summary>
/// A LibreView API region (<see cref="LibreView.Regions.LibreViewApiRegions"/>: us, eu, eu2, …) as the area it serves,
/// in the console's language ("Europe 2 (United Kingdom, Ireland)"), instead of the bare code; the code itself, upper
/// case, for one the console has no name for. Country codes are <see cref="CountryText"/>'s.
/// </summary>
public static class ApiRegionText
{
    public static string Of(IStringLocalizer<ConsoleText> L, string region) => region.Trim().ToLowerInvariant() switch
    {
        "us" => L["ApiRegion.us"],
        "eu" => L["ApiRegion.eu"],
        "eu2" => L["ApiRegion.eu2"],
        "de" => L["ApiRegion.de"],
        "fr" => L["ApiRegion.fr"],
        "ca" => L["ApiRegion.ca"],
        "au" => L["ApiRegion.au"],
        "ap" => L["ApiRegion.ap"],
        "ae" => L["ApiRegion.ae"],
        "jp" => L["ApiRegion.jp"],
        "la" => L["ApiRegion.la"],
        "ru" => L["ApiRegion.ru"],
        "cn" => L["ApiRegion.cn"],
        var other => other.ToUpperInvariant(),
    };
}
