using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Link;

/// <summary>A LibreView region code as the country a patient recognises, in the console's language; the code itself,
/// upper case, for a code the console has no name for.</summary>
public static class CountryText
{
    public static string Of(IStringLocalizer<ConsoleText> L, string regionCode) => regionCode.ToLowerInvariant() switch
    {
        "ar" => L["Country.ar"],
        "at" => L["Country.at"],
        "au" => L["Country.au"],
        "be" => L["Country.be"],
        "bh" => L["Country.bh"],
        "br" => L["Country.br"],
        "ca" => L["Country.ca"],
        "ch" => L["Country.ch"],
        "cl" => L["Country.cl"],
        "co" => L["Country.co"],
        "cz" => L["Country.cz"],
        "de" => L["Country.de"],
        "dk" => L["Country.dk"],
        "eg" => L["Country.eg"],
        "es" => L["Country.es"],
        "fi" => L["Country.fi"],
        "fr" => L["Country.fr"],
        "gb" => L["Country.gb"],
        "gr" => L["Country.gr"],
        "hk" => L["Country.hk"],
        "hr" => L["Country.hr"],
        "ie" => L["Country.ie"],
        "il" => L["Country.il"],
        "in" => L["Country.in"],
        "it" => L["Country.it"],
        "jo" => L["Country.jo"],
        "kr" => L["Country.kr"],
        "kw" => L["Country.kw"],
        "lb" => L["Country.lb"],
        "lu" => L["Country.lu"],
        "mx" => L["Country.mx"],
        "nl" => L["Country.nl"],
        "no" => L["Country.no"],
        "nz" => L["Country.nz"],
        "om" => L["Country.om"],
        "ph" => L["Country.ph"],
        "pl" => L["Country.pl"],
        "pt" => L["Country.pt"],
        "qa" => L["Country.qa"],
        "sa" => L["Country.sa"],
        "se" => L["Country.se"],
        "sg" => L["Country.sg"],
        "si" => L["Country.si"],
        "sk" => L["Country.sk"],
        "tr" => L["Country.tr"],
        "tw" => L["Country.tw"],
        "us" => L["Country.us"],
        "za" => L["Country.za"],
        _ => Dashboard.Core.Linking.CountryNames.Of(regionCode),
    };

    /// <summary>The codes ordered by the names shown, so a patient finds their country alphabetically in their language.</summary>
    public static IReadOnlyList<string> InNameOrder(IStringLocalizer<ConsoleText> L, IEnumerable<string> regionCodes) =>
        regionCodes.OrderBy(code => Of(L, code), StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true)).ToList();
}
