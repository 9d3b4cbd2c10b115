using System.Globalization;

namespace LibreView.Csv;

/// <summary>
/// Reads the data rows under a header into readings, note entries and rejected rows. A row is either
/// taken whole or rejected with its line number and reason; it never becomes a guessed value.
/// </summary>
internal sealed class ExportRows(ExportHeader header)
{
    private readonly Dictionary<RecordType, int> _rowsPerType = Enum.GetValues<RecordType>().ToDictionary(t => t, _ => 0);
    private readonly List<CsvReading> _readings = [];
    private readonly List<CsvNoteEntry> _notes = [];
    private readonly List<CsvRejectedRow> _rejected = [];
    private readonly List<CsvDevice> _devices = [];
    private readonly Dictionary<string, string> _serials = [];
    private int _rejectedCount;
    private DateTime? _first, _last;

    public IReadOnlyList<CsvRejectedRow> Rejected => _rejected;

    /// <summary>The timestamp cell of a row, split into its numbers (false when it is no date and time).</summary>
    public bool TryReadTimestamp(CsvRecord row, out TimestampText text) => TimestampText.TryRead(row[header.Timestamp], out text);

    public int AcceptedCount => _rowsPerType.Values.Sum();

    /// <summary>Checks the shape of a row before its timestamp is looked at; false when it was rejected.</summary>
    public bool CheckShape(CsvRecord row) => ShapeProblem(row) is not { } problem || Reject(row, problem);

    /// <summary>What is wrong with a row's shape, or null; records nothing.</summary>
    public string? ShapeProblem(CsvRecord row)
    {
        if (row.UnterminatedQuote) return "a quoted field is never closed";
        if (row.Fields.Count < header.RequiredFieldCount)
        {
            return $"row has {row.Fields.Count} fields, at least {header.RequiredFieldCount} are needed";
        }

        if (row.FilledFieldCount > header.FieldCount)
        {
            return $"row has values beyond the header's {header.FieldCount} columns (unquoted comma?)";
        }

        return TryReadTimestamp(row, out _) ? null : $"timestamp '{row[header.Timestamp]}' is not a date and time";
    }

    /// <summary>Reads a row whose shape passed <see cref="CheckShape"/>.</summary>
    public void Add(CsvRecord row, TimestampFormat format)
    {
        TryReadTimestamp(row, out var text);
        if (!format.TryBuild(text, out var timestamp, out var reason))
        {
            Reject(row, reason!);
            return;
        }

        var typeCell = row[header.RecordType];
        if (!int.TryParse(typeCell, NumberStyles.None, CultureInfo.InvariantCulture, out var typeNumber) || !Enum.IsDefined((RecordType)typeNumber))
        {
            Reject(row, $"record type '{typeCell}' is not one of 0–6");
            return;
        }

        var type = (RecordType)typeNumber;
        var serial = Shared(header.SerialNumber >= 0 ? row[header.SerialNumber] : "");
        var ok = type switch
        {
            RecordType.Historic => AddGlucose(row, timestamp, type, serial, header.Historic, "historic glucose"),
            RecordType.Scan => AddGlucose(row, timestamp, type, serial, header.Scan, "scan glucose"),
            RecordType.Strip => AddGlucose(row, timestamp, type, serial, header.Strip, "strip glucose"),
            RecordType.Ketone => AddKetone(row, timestamp, serial),
            _ => AddNote(row, timestamp, type, serial),
        };
        if (!ok) return;

        _rowsPerType[type]++;
        var device = new CsvDevice(row[header.Device], serial);
        if (!_devices.Contains(device)) _devices.Add(device);
        _first = _first is null || timestamp < _first ? timestamp : _first;
        _last = _last is null || timestamp > _last ? timestamp : _last;
    }

    public LibreViewCsvParseResult ToResult(string encoding, TimestampFormat format) => new()
    {
        Encoding = encoding,
        Layout = header.Layout,
        Device = _devices.FirstOrDefault()?.Name ?? "",
        SerialNumber = _devices.FirstOrDefault()?.SerialNumber ?? "",
        Devices = _devices,
        Unit = header.Historic.Unit,
        DateFormat = format,
        RowsPerRecordType = _rowsPerType,
        Readings = _readings,
        Notes = _notes,
        RejectedRows = _rejected.OrderBy(r => r.LineNumber).ToList(),
        RejectedRowCount = _rejectedCount,
        First = _first,
        Last = _last,
    };

    private bool AddGlucose(CsvRecord row, DateTime timestamp, RecordType type, string serial, GlucoseColumn? column, string what)
    {
        if (column is null) return Reject(row, $"record type {(int)type} but the header has no {what} column");
        if (!CsvValues.TryReadGlucose(row[column.Index], column.Unit, what, out var value, out var reason)) return Reject(row, reason!);
        _readings.Add(new CsvReading(timestamp, value, column.Unit, type, serial));
        return true;
    }

    /// <summary>Blood ketone, always mmol/L; 0.0 is a real reading, so it is not judged like glucose.</summary>
    private bool AddKetone(CsvRecord row, DateTime timestamp, string serial)
    {
        if (header.Ketone < 0) return Reject(row, "record type 3 but the header has no ketone column");
        if (!TryAmount(row, header.Ketone, AmountKind.KetoneMmolPerL, out var value, out var reason)) return Reject(row, reason!);
        if (value is not { } ketone) return Reject(row, "ketone is empty");
        _readings.Add(new CsvReading(timestamp, ketone, GlucoseUnit.MmolPerL, RecordType.Ketone, serial));
        return true;
    }

    private bool AddNote(CsvRecord row, DateTime timestamp, RecordType type, string serial)
    {
        if (!TryAmount(row, header.Carbohydrates, AmountKind.CarbohydrateGrams, out var carbs, out var reason)
            || !TryAmount(row, header.CarbohydrateServings, AmountKind.CarbohydrateServings, out var servings, out reason)
            || !TryAmount(row, header.RapidInsulin, AmountKind.InsulinUnits, out var rapid, out reason)
            || !TryAmount(row, header.LongInsulin, AmountKind.InsulinUnits, out var longActing, out reason))
        {
            return Reject(row, reason!);
        }

        var food = Cell(row, header.NonNumericFood);
        var entry = new CsvNoteEntry(timestamp, type, serial, carbs, servings, rapid, longActing,
            FoodDescription: food is null or "1" ? null : food, // "1" only flags a food entry without amount
            Text: Cell(row, header.Notes));
        if (entry.HasContent)
        {
            _notes.Add(entry);
        }

        return true;
    }

    private static bool TryAmount(CsvRecord row, int column, AmountKind kind, out double? value, out string? reason)
    {
        value = null;
        reason = null;
        return column < 0 || CsvValues.TryReadAmount(row[column], kind, out value, out reason);
    }

    private static string? Cell(CsvRecord row, int column) =>
        column >= 0 && row[column].Length > 0 ? row[column] : null;

    private bool Reject(CsvRecord row, string reason)
    {
        if (_rejectedCount++ < LibreViewCsvParser.MaxRejectedRowsKept)
        {
            _rejected.Add(new CsvRejectedRow(row.LineNumber, reason));
        }
        return false;
    }

    /// <summary>One string per serial number (an export has a handful), not one per row.</summary>
    private string Shared(string serial)
    {
        if (_serials.TryGetValue(serial, out var shared)) return shared;
        if (_serials.Count < 1000) _serials[serial] = serial;
        return serial;
    }
}
