using Dashboard.Web.Resources;
using LibreView.Csv;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>
/// A LibreView record type in the CSV import preview, and what the import does with it, in the console's language
/// (Core's <c>RecordTypeRows.Name</c> and <c>Handling</c> are the same words in English).
/// </summary>
public static class CsvRecordTypeText
{
    public static string Name(IStringLocalizer<ConsoleText> L, RecordType type) => type switch
    {
        RecordType.Historic => L["CsvImport.Type.Historic"],
        RecordType.Scan => L["CsvImport.Type.Scan"],
        RecordType.Strip => L["CsvImport.Type.Strip"],
        RecordType.Ketone => L["CsvImport.Type.Ketone"],
        RecordType.Insulin => L["CsvImport.Type.Insulin"],
        RecordType.Food => L["CsvImport.Type.Food"],
        _ => L["CsvImport.Type.Note"],
    };

    public static string Handling(IStringLocalizer<ConsoleText> L, RecordType type) => type switch
    {
        RecordType.Historic => L["CsvImport.Handling.Historic"],
        RecordType.Scan => L["CsvImport.Handling.Scan"],
        RecordType.Strip => L["CsvImport.Handling.Strip"],
        RecordType.Ketone => L["CsvImport.Handling.Ketone"],
        RecordType.Insulin => L["CsvImport.Handling.Insulin"],
        RecordType.Food => L["CsvImport.Handling.Food"],
        _ => L["CsvImport.Handling.Note"],
    };
}
