using Dashboard.Core.Triage;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Triage;

/// <summary>
/// The triage's flags and periods as people read them, in the console's language. Core's
/// <see cref="Dashboard.Core.Triage.TriageWords"/> keeps the words of URLs and the English labels of the CSV export.
/// </summary>
public static class TriageWords
{
    public static string LabelOf(IStringLocalizer<ConsoleText> L, TriageFlag flag) => flag switch
    {
        TriageFlag.VeryLowOver1 => L["Triage.Flag.VeryLowOver1"],
        TriageFlag.LowOver4 => L["Triage.Flag.LowOver4"],
        TriageFlag.InRangeUnder70 => L["Triage.Flag.InRangeUnder70"],
        TriageFlag.InRangeDropped15 => L["Triage.Flag.InRangeDropped15"],
        TriageFlag.ActiveUnder70 => L["Triage.Flag.ActiveUnder70"],
        TriageFlag.GriZoneDOrE => L["Triage.Flag.GriZoneDOrE"],
        TriageFlag.NoData3Days => L["Triage.Flag.NoData3Days"],
        TriageFlag.MeetingTargets => L["Triage.Flag.MeetingTargets"],
        _ => Dashboard.Core.Triage.TriageWords.LabelOf(flag),
    };

    /// <summary>A period of the picker: "7 days", "14 days", "30 days".</summary>
    public static string PeriodOf(IStringLocalizer<ConsoleText> L, int days) => days switch
    {
        7 => L["Triage.Preset.Days7"],
        14 => L["Triage.Preset.Days14"],
        30 => L["Triage.Preset.Days30"],
        _ => L["Triage.Preset.Days", days],
    };
}
