using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Patients;

/// <summary>Staff create a fresh link for a patient whose connection broke (DESIGN §5, step 3).</summary>
public sealed class ReconnectLinks(IDbContextFactory<DashboardDbContext> contexts, LinkTokenService tokens, AuditLog audit)
{
    /// <summary>
    /// A new link token for the patient's provider and its audit entry, in one transaction (the token service saves on
    /// the same unit of work); null when the patient is outside the scope.
    /// </summary>
    public async Task<IssuedLinkToken?> CreateAsync(StaffScope scope, AuditActor actor, Guid userId, string provider, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ReconnectPatients, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && teamIds.Contains(u.TeamId), ct);
        if (user is null)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        audit.Append(db, actor, AuditActions.CreateReconnectLink, user.TeamId, user.Id, user.ClientUserId, $"provider={provider}");
        var issued = await tokens.IssueAsync(db, user.TeamId, user.Id, provider, null, ct);
        if (issued is null)
        {
            return null; // rolled back with the entry
        }
        await transaction.CommitAsync(ct);
        return issued;
    }
}
