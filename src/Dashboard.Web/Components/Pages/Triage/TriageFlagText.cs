using Dashboard.Core.Triage;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Triage;

/// <summary>
/// The triage's flags as people read them, in the console's language. Core's <see cref="TriageWords"/> keeps the words
/// of URLs and the English labels of the CSV export.
/// </summary>
public static class TriageFlagText
{
    public static string Of(IStringLocalizer<ConsoleText> L, TriageFlag flag) => flag switch
    {
        TriageFlag.VeryLowOver1 => L["Triage.Flag.VeryLowOver1"],
        TriageFlag.LowOver4 => L["Triage.Flag.LowOver4"],
        TriageFlag.InRangeUnder70 => L["Triage.Flag.InRangeUnder70"],
        TriageFlag.InRangeDropped15 => L["Triage.Flag.InRangeDropped15"],
        TriageFlag.ActiveUnder70 => L["Triage.Flag.ActiveUnder70"],
        TriageFlag.GriZoneDOrE => L["Triage.Flag.GriZoneDOrE"],
        TriageFlag.NoData3Days => L["Triage.Flag.NoData3Days"],
        TriageFlag.MeetingTargets => L["Triage.Flag.MeetingTargets"],
        _ => TriageWords.LabelOf(flag),
    };
}
