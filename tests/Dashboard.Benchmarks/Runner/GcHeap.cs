using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// The live GC heap of another .NET process, read with dotnet-gcdump (a tool of the repository's tool manifest),
/// which induces a full blocking collection and walks the heap: live objects only, not the process's resident set.
/// </summary>
public static partial class GcHeap
{
    public static async Task<long> BytesAsync(int processId, CancellationToken ct)
    {
        var output = await ReportAsync(processId, ct);
        return HeapLine().Match(output) is { Success: true } match
            ? long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"dotnet-gcdump gave no heap size (run `dotnet tool restore`): {output.Trim()}");
    }

    /// <summary>dotnet-gcdump's report: the heap's total, then its objects by type.</summary>
    public static async Task<string> ReportAsync(int processId, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", "report", "-p", processId.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = Dashboard.TestSupport.RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet-gcdump.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet-gcdump failed (run `dotnet tool restore`): {errors.Trim()}");
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapLine();
}
