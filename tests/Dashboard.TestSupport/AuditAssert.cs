using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Dashboard.TestSupport;

/// <summary>
/// The per-action audit check (issue #15): after performing an action through its real entry point, the store holds
/// exactly one entry of that action, with the acting person, their role and a time inside the test's window. The
/// caller checks the target (team, patient, organisation or details) on the entry returned. On a store that other
/// tests share, <c>about</c> narrows the count to this test's target (a unique name in the details, say).
/// </summary>
public static class AuditAssert
{
    public static async Task<AuditEntry> SingleAsync(DashboardDbContext db, string action, string actor, string role, DateTime since,
        Func<AuditEntry, bool>? about = null)
    {
        Assert.Contains(action, AuditActions.All);
        var entries = (await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync()).Where(about ?? (_ => true)).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal((actor, role), (entry.Actor, entry.ActorRole));
        // Whole seconds either side: SQLite keeps the time as text, and the window is the test's own.
        Assert.InRange(entry.At, since.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        return entry;
    }

    /// <summary>The time to pass as <c>since</c>: taken before the action.</summary>
    public static DateTime Now() => DateTime.UtcNow;
}
