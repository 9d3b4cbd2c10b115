using Dashboard.Core.Storage;

namespace Dashboard.Core.Patients;

/// <summary>
/// A trigram index over the ids staff search the patient list by (client user id, LibreView id), so a substring
/// search does not scan every patient. Each store engine keeps its own (SQLite: an FTS5 trigram table kept by
/// triggers; PostgreSQL: <c>pg_trgm</c> GIN indexes), made by its migrations, so every write path — the app, the
/// command line, raw bulk loads — keeps it right.
/// </summary>
public abstract class PatientSearchIndex
{
    /// <summary>Trigram matching needs at least this many characters; shorter searches scan.</summary>
    public const int MinimumLength = 3;

    /// <summary>The users whose client or LibreView id contains <paramref name="text"/> (case-insensitive), as a subquery.</summary>
    internal abstract IQueryable<Guid> Matching(DashboardDbContext db, string text);
}
