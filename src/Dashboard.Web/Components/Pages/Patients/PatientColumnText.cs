using Dashboard.Core.Patients;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>
/// A patient list column's header and its full meaning in the console's language; Core's
/// <see cref="PatientListColumn.Header"/> and <see cref="PatientListColumn.Description"/> are the English of the CSV export.
/// </summary>
public static class PatientColumnText
{
    public static string Header(IStringLocalizer<ConsoleText> L, PatientListColumn column) => column.Key switch
    {
        "patient" => L["Patients.Column.Patient"],
        "team" => L["Patients.Column.Team"],
        "provider" => L["Patients.Column.Provider"],
        "status" => L["Patients.Column.Status"],
        "region" => L["Patients.Column.Region"],
        "practice" => L["Patients.Column.Practice"],
        "reading" => L["Patients.Column.LastReading"],
        "sync" => L["Patients.Column.LastSync"],
        "tir" => L["Patients.Column.TimeInRange"],
        "active" => L["Patients.Column.Active"],
        "pull" => L["Patients.Column.Pull"],
        _ => column.Header,
    };

    public static string Description(IStringLocalizer<ConsoleText> L, PatientListColumn column) => column.Key switch
    {
        "patient" => L["Patients.Column.Patient.Description"],
        "team" => L["Patients.Column.Team.Description"],
        "provider" => L["Patients.Column.Provider.Description"],
        "status" => L["Patients.Column.Status.Description"],
        "region" => L["Patients.Column.Region.Description"],
        "practice" => L["Patients.Column.Practice.Description"],
        "reading" => L["Patients.Column.LastReading.Description"],
        "sync" => L["Patients.Column.LastSync.Description"],
        "tir" => L["Patients.Column.TimeInRange.Description"],
        "active" => L["Patients.Column.Active.Description"],
        "pull" => L["Patients.Column.Pull.Description"],
        _ => column.Description,
    };
}
