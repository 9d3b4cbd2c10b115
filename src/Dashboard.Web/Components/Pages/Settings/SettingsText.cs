using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Settings;

/// <summary>
/// An organisation's plan and a team's environment on the settings page, in the console's language (in English the
/// enums' own names in lower case, as the page wrote them before).
/// </summary>
public static class SettingsText
{
    public static string Plan(IStringLocalizer<ConsoleText> L, Plan plan) => plan switch
    {
        Dashboard.Core.Organizations.Plan.Launch => L["Settings.Plan.Launch"],
        Dashboard.Core.Organizations.Plan.Grow => L["Settings.Plan.Grow"],
        _ => L["Settings.Plan.Scale"],
    };

    public static string Environment(IStringLocalizer<ConsoleText> L, TeamEnvironment environment) => environment switch
    {
        TeamEnvironment.Sandbox => L["Settings.Environment.Sandbox"],
        _ => L["Settings.Environment.Production"],
    };
}
