namespace LibreView.Csv;

/// <summary>
/// The column positions of an export, found by name in its header row so that both the current
/// ("Device, Serial Number, Device Timestamp, …, Historic Glucose mmol/L, …") and the 2018–19 legacy
/// header ("Meter, Serial Number, Meter Timestamp, …, Historic Glucose(mg/dL), …") are read, whatever
/// the column order and spacing.
/// </summary>
internal sealed class ExportHeader
{
    private const int Missing = -1;

    public required ExportLayout Layout { get; init; }
    /// <summary>Columns named by the header (trailing empty names left out).</summary>
    public required int FieldCount { get; init; }

    /// <summary>Fields a row needs to reach every column this parser reads.</summary>
    public int RequiredFieldCount =>
        new[] { Device, SerialNumber, Timestamp, RecordType, Historic.Index, Scan?.Index ?? 0, Strip?.Index ?? 0, Ketone,
            RapidInsulin, LongInsulin, Carbohydrates, CarbohydrateServings, NonNumericFood, Notes }.Max() + 1;
    public required int Device { get; init; }
    public required int SerialNumber { get; init; }
    public required int Timestamp { get; init; }
    public required int RecordType { get; init; }
    public required GlucoseColumn Historic { get; init; }
    public GlucoseColumn? Scan { get; init; }
    public GlucoseColumn? Strip { get; init; }
    public int Ketone { get; init; } = Missing;
    public int RapidInsulin { get; init; } = Missing;
    public int LongInsulin { get; init; } = Missing;
    public int Carbohydrates { get; init; } = Missing;
    public int CarbohydrateServings { get; init; } = Missing;
    public int NonNumericFood { get; init; } = Missing;
    public int Notes { get; init; } = Missing;

    /// <summary>True for a row that names the columns: it has "Serial Number" and "Record Type".</summary>
    public static bool LooksLikeHeader(CsvRecord record) =>
        IndexOf(record, "Serial Number") != Missing && IndexOf(record, "Record Type") != Missing;

    public static bool TryRead(CsvRecord record, out ExportHeader header, out string? error)
    {
        header = null!;
        var device = IndexOf(record, "Device");
        var layout = ExportLayout.Current;
        if (device == Missing)
        {
            device = IndexOf(record, "Meter");
            layout = ExportLayout.Legacy;
        }

        var timestamp = IndexOf(record, layout == ExportLayout.Current ? "Device Timestamp" : "Meter Timestamp");
        var historic = GlucoseColumn.Find(record, "Historic Glucose");
        if (device == Missing || timestamp == Missing || historic is null)
        {
            error = "not a LibreView Glucose Data export: the header lacks the device, timestamp or historic glucose column";
            return false;
        }

        header = new ExportHeader
        {
            Layout = layout,
            FieldCount = record.FilledFieldCount,
            Device = device,
            SerialNumber = IndexOf(record, "Serial Number"),
            Timestamp = timestamp,
            RecordType = IndexOf(record, "Record Type"),
            Historic = historic,
            Scan = GlucoseColumn.Find(record, "Scan Glucose"),
            Strip = GlucoseColumn.Find(record, "Strip Glucose"),
            Ketone = IndexOfPrefix(record, "Ketone"),
            RapidInsulin = IndexOf(record, "Rapid-Acting Insulin (units)"),
            LongInsulin = IndexOfAny(record, "Long-Acting Insulin Value (units)", "Long-Acting Insulin (units)"),
            Carbohydrates = IndexOf(record, "Carbohydrates (grams)"),
            CarbohydrateServings = IndexOf(record, "Carbohydrates (servings)"),
            NonNumericFood = IndexOf(record, "Non-numeric Food"),
            Notes = IndexOf(record, "Notes"),
        };
        error = null;
        return true;
    }

    private static int IndexOfAny(CsvRecord record, params string[] names) =>
        names.Select(name => IndexOf(record, name)).FirstOrDefault(i => i != Missing, Missing);

    private static int IndexOf(CsvRecord record, string name) => Find(record, f => Normalize(f) == Normalize(name));

    private static int IndexOfPrefix(CsvRecord record, string prefix) =>
        Find(record, f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    internal static int Find(CsvRecord record, Func<string, bool> match)
    {
        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (match(record.Fields[i])) return i;
        }

        return Missing;
    }

    /// <summary>Case and spacing do not matter: "Historic Glucose(mg/dL)" equals "historic glucose (mg/dl)".</summary>
    internal static string Normalize(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
}

/// <summary>A glucose column and the unit its header names ("mg/dL" or "mmol/L", with or without parentheses).</summary>
internal sealed record GlucoseColumn(int Index, GlucoseUnit Unit)
{
    public static GlucoseColumn? Find(CsvRecord record, string prefix)
    {
        var normalizedPrefix = ExportHeader.Normalize(prefix);
        var index = ExportHeader.Find(record, f => ExportHeader.Normalize(f).StartsWith(normalizedPrefix, StringComparison.Ordinal));
        if (index < 0) return null;
        var name = ExportHeader.Normalize(record.Fields[index]);
        if (name.Contains("mg/dl", StringComparison.Ordinal)) return new GlucoseColumn(index, GlucoseUnit.MgPerDl);
        if (name.Contains("mmol/l", StringComparison.Ordinal)) return new GlucoseColumn(index, GlucoseUnit.MmolPerL);
        return null;
    }
}
