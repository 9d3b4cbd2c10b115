using System.Text.Json;
using Dashboard.Core.Glucose;
using LibreView.Tests.Csv;
using static Dashboard.Core.Tests.Cli.CliRun;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Tests.Cli;

/// <summary><c>dashboard metrics --file</c> run in process on every real export.</summary>
public class MetricsCommandTests
{
    /// <summary>
    /// Expected values from an independent implementation of DESIGN §8 (a short Python script over the
    /// same files, written apart from the C# engine): readings, mean, active %, in range %, GRI.
    /// </summary>
    public static TheoryData<string, int, double, double, double, double, string> Expected => new()
    {
        { RealExports.Glyco.FileName, 8372, 95.46719010989047, 24.23680166990404, 94.2452030149081, 14.03739310312032, "A" },
        { RealExports.Martynk.FileName, 370, 100.01074956756766, 94.87179487179488, 98.92299407646742, 2.5848142164781907, "A" },
        { RealExports.Warren.FileName, 2349, 121.25811376756087, 61.45996860282575, 62.004919006021545, 79.76422695276058, "D" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Json_metrics_of_each_real_export_match_the_independent_computation(
        string fileName, int readings, double mean, double active, double inRange, double gri, string zone)
    {
        var export = RealExports.Named(fileName);

        var (exit, output, error) = Run("metrics", "--file", export.Path, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(GlucoseMetricsJson.DesignFieldNames, root.EnumerateObject().Select(p => p.Name).Take(15));
        Assert.Equal(export.RowsPerRecordType[0], readings); // every historic row counts: no duplicate timestamps in these files
        Assert.Equal(readings, root.GetProperty("readings").GetInt32());
        Assert.Equal(mean, root.GetProperty("mean_mgdl").GetDouble(), 9);
        Assert.Equal(active, root.GetProperty("active_percent").GetDouble(), 9);
        Assert.Equal(inRange, root.GetProperty("time_in_range_percent").GetDouble(), 9);
        Assert.Equal(gri, root.GetProperty("gri").GetDouble(), 9);
        Assert.Equal(zone, root.GetProperty("gri_zone").GetString());
        var bands = new[] { "time_very_low_percent", "time_low_percent", "time_in_range_percent", "time_high_percent", "time_very_high_percent" };
        Assert.Equal(100, bands.Sum(b => root.GetProperty(b).GetDouble()), 9);
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void The_table_shows_the_counts_per_record_type_of_each_real_export(string fileName)
    {
        var export = RealExports.Named(fileName);

        var (exit, output, _) = Run("metrics", "--file", export.Path);

        Assert.Equal(0, exit);
        Assert.Contains($"0 Historic: {export.RowsPerRecordType[0]}", output);
        Assert.Contains($"1 Scan: {export.RowsPerRecordType[1]}", output);
        Assert.Contains($"6 Note: {export.RowsPerRecordType[6]}", output);
        Assert.Contains("Rows rejected         0", output);
        Assert.Contains("In range", output);
    }

    [Fact]
    public void Last_days_uses_the_half_open_window_and_the_period_active_rule()
    {
        var (exit, output, _) = Run("metrics", "--file", RealExports.Warren.Path, "--last-days", "14", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        // Independent computation as above: newest historic reading 2025-10-11 17:06, window (2025-09-27 17:06, 2025-10-11 17:06]
        // holds 1269 readings; dt0 15 → active = 100 × min(1, 1269 × 15 / (14 × 1440)) = 94.419642857143
        Assert.Equal("2025-10-11T17:06:00", root.GetProperty("last").GetString());
        Assert.Equal(1269, root.GetProperty("readings").GetInt32());
        Assert.Equal(121.77122682427104, root.GetProperty("mean_mgdl").GetDouble(), 9);
        Assert.Equal(100.0 * 1269 * 15 / (14 * 1440), root.GetProperty("active_percent").GetDouble(), 9);
        Assert.Equal(63.39159187529523, root.GetProperty("time_in_range_percent").GetDouble(), 9);
    }

    [Theory]
    [InlineData("missing", "error: file not found: ")]
    [InlineData("not-an-export", "error: not-an-export.csv: not a LibreView Glucose Data export")]
    [InlineData("no-file-option", "error: metrics needs --file EXPORT.csv")]
    [InlineData("zero-days", "error: --last-days must be at least 1")]
    public void Bad_input_exits_non_zero_with_a_one_line_reason(string situation, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("metrics-cli-");
        try
        {
            var notAnExport = Path.Combine(folder.FullName, "not-an-export.csv");
            File.WriteAllText(notAnExport, "name,email\nAda,ada@example.org\n");
            string[] args = situation switch
            {
                "missing" => ["metrics", "--file", Path.Combine(folder.FullName, "nothing.csv")],
                "not-an-export" => ["metrics", "--file", notAnExport],
                "no-file-option" => ["metrics", "--json"],
                _ => ["metrics", "--file", RealExports.Martynk.Path, "--last-days", "0"],
            };

            var (exit, output, error) = Run(args);

            Assert.NotEqual(0, exit);
            Assert.Equal("", output);
            Assert.StartsWith(reason, error);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
