using Dashboard.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>The FTS5 trigram table <c>PatientSearch</c> (migration <c>SchemaObjectsInMigrations</c>).</summary>
internal sealed class SqlitePatientSearch : PatientSearchIndex
{
    internal override IQueryable<Guid> Matching(DashboardDbContext db, string text)
    {
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<Guid>($"SELECT UserId AS Value FROM PatientSearch WHERE Text MATCH {phrase}");
    }
}
