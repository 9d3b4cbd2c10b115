using Dashboard.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary><c>ILIKE '%…%'</c> answered by the <c>pg_trgm</c> GIN indexes on the two id columns (PostgreSQL migrations).</summary>
internal sealed class PostgreSqlPatientSearch : PatientSearchIndex
{
    internal override IQueryable<Guid> Matching(DashboardDbContext db, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        return db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM "Users" WHERE "ClientUserId" ILIKE {pattern}
            UNION SELECT "UserId" FROM "Connections" WHERE "ExternalUserId" ILIKE {pattern}
            """);
    }

    /// <summary>The search text matched literally: LIKE's wildcards and its escape character (backslash) escaped.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
