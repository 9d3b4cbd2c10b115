using System.Runtime.InteropServices;

namespace Dashboard.Benchmarks.Runner;

/// <summary>What the run ran on: cores, memory, CPU model (from /proc on Linux), runtime.</summary>
public sealed record MachineInfo(int Cores, string Memory, string Cpu, string Runtime, string Os)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        MemTotal(),
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription);

    /// <summary>The 1-, 5- and 15-minute load averages: on a shared machine, how many others wanted the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public override string ToString() => $"{Cores} cores, {Memory} RAM, {Cpu}; {Runtime} on {Os}";

    private static string MemTotal()
    {
        var kb = ProcLine("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.TryParse(kb, out var value) ? $"{value / 1024.0 / 1024.0:0.0} GiB" : "unknown";
    }

    private static string? ProcLine(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
