using System.Collections.Concurrent;

namespace Dashboard.Core.Glucose.Import;

/// <summary>
/// At most one CSV import (reading, preview and storing) per person at a time: each holds up to an export's worth of
/// readings in memory, so a person with many tabs open must not multiply that.
/// </summary>
public sealed class CsvImportGate
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.OrdinalIgnoreCase);

    public const string Busy = "You already have an import under way (in this or another tab); wait for it to finish, then try again.";

    /// <summary>The person's turn, to dispose when done; null while another import of theirs is running.</summary>
    public IDisposable? TryEnter(string person) => _running.TryAdd(person, 0) ? new Turn(this, person) : null;

    private sealed class Turn(CsvImportGate gate, string person) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._running.TryRemove(person, out _);
            }
        }
    }
}
