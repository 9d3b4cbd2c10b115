namespace Dashboard.Core.Storage.Sqlite;

/// <summary>When a commit of the store's SQLite file is on disk.</summary>
internal enum SqliteCommitMode
{
    /// <summary>
    /// <c>synchronous=FULL</c>: the commit returns after the log is on disk, so what was acknowledged survives a power
    /// cut (docs/durability.md). Every connection commits this way unless it says otherwise.
    /// </summary>
    Durable,

    /// <summary>
    /// <c>synchronous=NORMAL</c>, and no automatic checkpoint inside the commit: the commit returns before the log is on
    /// disk, and becomes durable with the next <see cref="Durable"/> commit of any connection (the log is one file written
    /// in order, so its fsync covers every frame before it). Only for rows that a later durable commit vouches for: a
    /// LibreView pull's readings are followed by the sync's checkpoint (the window it reached, its events); a power cut
    /// between the two loses both, and the next sync reads the same window again. Nothing is acknowledged in between.
    /// </summary>
    DurableWithNextCommit,
}
