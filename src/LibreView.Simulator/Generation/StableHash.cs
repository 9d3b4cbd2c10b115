using System.Text;

namespace LibreView.Simulator.Generation;

/// <summary>Deterministic hashing (string.GetHashCode is randomised per process, so it is never used for data).</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL; // FNV-1a
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>SplitMix64 over the parts: a well-mixed 64-bit value.</summary>
    public static ulong Mix(ulong a, long b, long c = 0)
    {
        var x = a ^ (ulong)b * 0x9E3779B97F4A7C15UL ^ (ulong)c * 0xC2B2AE3D27D4EB4FUL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A uniform value in [0, 1) from the parts.</summary>
    public static double Unit(ulong a, long b, long c = 0) => (Mix(a, b, c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seeded <see cref="Random"/> for the parts, for drawing several related values.</summary>
    public static Random Random(ulong a, long b, long c = 0) => new((int)(Mix(a, b, c) & 0x7FFFFFFF));
}
