using System.Globalization;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using LibreView.Csv;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Glucose.Import;

public enum CsvImportOutcome
{
    Imported,
    /// <summary>No such user in the team; nothing was stored.</summary>
    UserNotFound,
    /// <summary>The file is not a usable export (see the message); nothing was stored.</summary>
    FileRefused,
}

/// <summary>The outcome of an import and a one-line message for people; <see cref="Written"/> is set when something was stored.</summary>
public sealed record CsvImportResult(CsvImportOutcome Outcome, string Message, CsvImportPlan Plan, WriteSummary? Written = null)
{
    public bool Succeeded => Outcome == CsvImportOutcome.Imported;
}

/// <summary>
/// Stores a parsed LibreView export as one patient's data (source <c>csv_import</c>, floating time, DESIGN §7),
/// following <see cref="CsvImportPlan"/>. Every write is an upsert on (user, timestamp, kind) in one
/// transaction, so importing the same file twice changes nothing and a failed import stores nothing.
/// </summary>
public sealed class CsvImporter(IDbContextFactory<DashboardDbContext> contexts, ReadingWriter writer, Dashboard.Core.Audit.AuditLog audit)
{
    /// <param name="actor">Who imports (console person or command line); a successful import is audited in their name.</param>
    public async Task<CsvImportResult> ImportAsync(Guid teamId, Guid userId, LibreViewCsvParseResult export, CancellationToken ct = default,
        Dashboard.Core.Audit.AuditActor? actor = null)
    {
        string? clientUserId;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            clientUserId = await db.Users.Where(u => u.Id == userId && u.TeamId == teamId).Select(u => u.ClientUserId).FirstOrDefaultAsync(ct);
            if (clientUserId is null)
            {
                return new CsvImportResult(CsvImportOutcome.UserNotFound, "the patient was not found in this team; nothing was stored", CsvImportPlan.Empty);
            }
        }

        var preview = CsvImportPreview.From(export, rejectedRowsShown: 0);
        if (!preview.CanImport)
        {
            return new CsvImportResult(CsvImportOutcome.FileRefused, $"{preview.Error}; nothing was stored", preview.Plan);
        }

        var plan = preview.Plan;
        var message = Describe(plan, export);
        // The entry is committed in the import's own transaction: no stored import without its entry, nor the reverse.
        var written = await writer.WriteAsync(userId, connectionId: null, DataSources.CsvImport, plan.Readings, plan.Notes, ct,
            alongside: (db, _) =>
            {
                audit.Append(db, actor ?? Dashboard.Core.Audit.AuditActor.CommandLine(), Dashboard.Core.Audit.AuditActions.ImportCsv,
                    teamId, userId, clientUserId, message);
                return Task.CompletedTask;
            });
        return new CsvImportResult(CsvImportOutcome.Imported, message, plan, written);
    }

    /// <summary>"Imported 2349 automatic readings, 760 scans and 506 notes (2025-09-01 to 2025-10-11)."</summary>
    public static string Describe(CsvImportPlan plan, LibreViewCsvParseResult export)
    {
        var range = export.First is { } first && export.Last is { } last
            ? $" ({first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
            : "";
        return $"Imported {plan.AutomaticReadings} automatic readings, {plan.ScanReadings} scans and {plan.Notes.Count} notes{range}.";
    }
}
