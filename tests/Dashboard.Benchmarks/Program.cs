using System.Diagnostics;
using Dashboard.Benchmarks.Runner;

// dotnet run -c Release --project tests/Dashboard.Benchmarks -- [--quick] [--out FILE.json] [--only NAME,…]
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var machine = MachineInfo.Current();
Console.WriteLine($"Libre Connect Dashboard benchmarks ({options.Mode}) on {machine}");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var started = Stopwatch.GetTimestamp();
var rows = new List<Result>();
var loads = new Dictionary<string, string>();
foreach (var measurement in MeasurementCatalog.All.Where(m => options.Runs(m.Name)))
{
    var step = Stopwatch.GetTimestamp();
    loads[measurement.Name] = MachineInfo.LoadAverage();
    Console.WriteLine($"[{measurement.Name}] running… (load average {loads[measurement.Name]})");
    try
    {
        rows.AddRange(await measurement.RunAsync(options, cancel.Token));
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        rows.Add(new Result(measurement.Name, double.NaN, "", null, null, "runs", false, $"failed: {e.GetType().Name}: {e.Message}"));
    }
    Console.WriteLine($"[{measurement.Name}] done in {Stopwatch.GetElapsedTime(step).TotalSeconds:0.0} s");
}

var elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine();
Console.Write(ResultTable.Format(rows));
await ResultTable.WriteJsonAsync(options.OutFile, options, machine, loads, elapsed, rows);
Console.WriteLine();
var markdown = Path.ChangeExtension(options.OutFile, ".md");
await File.WriteAllTextAsync(markdown, $"Run: {options.Mode}, {elapsed.TotalSeconds:0} s, on {machine}\n\n{ResultTable.Markdown(rows)}");
Console.WriteLine($"Total {elapsed.TotalSeconds:0} s. JSON written to {options.OutFile} (Markdown table: {markdown})");
return 0;
