using Dashboard.Core.Glucose;
using LibreView.Csv;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Import;

namespace Dashboard.Core.Tests.Glucose;

public class CsvExportReadingsTests
{
    [Fact]
    public void Only_historic_readings_reach_the_metrics_in_their_measured_value_and_unit()
    {
        var export = new LibreViewCsvParseResult
        {
            Readings =
            [
                new CsvReading(T("2024-01-01 08:00"), 100, GlucoseUnit.MgPerDl, RecordType.Historic, "A"),
                new CsvReading(T("2024-01-01 08:05"), 250, GlucoseUnit.MgPerDl, RecordType.Scan, "A"),
                new CsvReading(T("2024-01-01 08:10"), 90, GlucoseUnit.MgPerDl, RecordType.Strip, "A"),
                new CsvReading(T("2024-01-01 08:15"), 0.4, GlucoseUnit.MmolPerL, RecordType.Ketone, "A"),
                new CsvReading(T("2024-01-01 08:20"), 6.1, GlucoseUnit.MmolPerL, RecordType.Historic, "B"),
            ],
        };

        var readings = CsvExportReadings.Automatic(export);

        Assert.Equal([Mg("2024-01-01 08:00", 100), Mmol("2024-01-01 08:20", 6.1)], readings);
    }
}
