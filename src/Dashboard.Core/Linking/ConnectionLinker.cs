using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Linking;

/// <summary>What a successful provider sign-in or search found for the token's user.</summary>
public sealed record LinkedAccount(
    string Provider,
    string ExternalUserId,
    string Region,
    string? PracticeId,
    StoredCredentials? Credentials,
    ConnectionStatus Status = ConnectionStatus.Connected,
    string? ErrorType = null,
    string? ErrorMessage = null,
    IReadOnlyList<string>? AcceptedDocuments = null,
    LibreView.Client.LibreViewPerson? SharedPerson = null);

/// <summary>
/// Turns a found account into the user's connection: refuses duplicates, creates or re-connects the one
/// connection per (user, provider), consumes the token, raises the event and schedules its sync — in one transaction
/// that starts by consuming the token, so concurrent uses of one token link (and raise the event) once.
/// </summary>
public sealed class ConnectionLinker(IDbContextFactory<DashboardDbContext> contexts, CredentialVault vault, EventRecorder events, EventPayloads payloads, TimeProvider time, ISyncScheduler sync)
{
    public async Task<LinkResult> LinkAsync(LinkToken token, LinkedAccount account, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LinkAsync(db, token, account, ct);
    }

    /// <summary>The same on the context the token was checked on (the flows that found the account pass theirs).</summary>
    internal async Task<LinkResult> LinkAsync(DashboardDbContext db, LinkToken token, LinkedAccount account, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Before the transaction: the first secret of a new store writes the key ring, through a connection of its own.
        var protectedCredentials = account.Credentials is null ? null : vault.Protect(account.Credentials);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A write first: the transaction takes the store's write lock before it reads anything.
        if (!await LinkTokenService.TryConsumeAsync(db, token, now, ct))
        {
            return LinkResult.Failed(account.Provider, LinkErrorTypes.TokenConsumed);
        }

        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == token.TeamId, ct);
        if (team.RejectDuplicateConnection && await db.Connections.AnyAsync(c =>
                c.Provider == account.Provider && c.ExternalUserId == account.ExternalUserId &&
                c.UserId != token.UserId && c.User!.TeamId == token.TeamId, ct))
        {
            return LinkResult.Failed(account.Provider, LinkErrorTypes.DuplicateConnection); // rolled back: the token stays usable
        }

        var connection = await db.Connections.FirstOrDefaultAsync(c => c.UserId == token.UserId && c.Provider == account.Provider, ct);
        if (connection is null)
        {
            connection = new Connection { UserId = token.UserId, Provider = account.Provider, CreatedAt = now };
            db.Connections.Add(connection);
        }
        connection.Region = account.Region;
        connection.PracticeId = account.PracticeId;
        connection.ExternalUserId = account.ExternalUserId;
        connection.Status = account.Status;
        connection.ErrorType = account.ErrorType;
        connection.ErrorMessage = account.ErrorMessage;
        connection.ErroredAt = account.Status == ConnectionStatus.Error ? now : null;
        if (protectedCredentials is not null)
        {
            connection.ProtectedCredentials = protectedCredentials;
        }

        token.ConsumedAt = now;
        token.PendingMfa = null;
        var user = token.User ?? await db.Users.FirstAsync(u => u.Id == token.UserId, ct);
        if (account.Status == ConnectionStatus.Connected)
        {
            events.Record(db, EventTypes.ConnectionCreated, token.TeamId, token.UserId, user.ClientUserId,
                payloads.ConnectionCreated(token.UserId, account.Provider, account.ExternalUserId));
        }
        else
        {
            events.Record(db, EventTypes.ConnectionError, token.TeamId, token.UserId, user.ClientUserId,
                EventPayloads.ConnectionError(token.UserId, account.Provider, account.ErrorType, account.ErrorMessage));
        }
        if (account.AcceptedDocuments is { Count: > 0 } documents)
        {
            events.Record(db, EventTypes.LibreViewDocumentsAccepted, token.TeamId, token.UserId, user.ClientUserId,
                payloads.LibreViewDocumentsAccepted(token.UserId, account.Provider, documents));
        }
        if (account.SharedPerson is { } person)
        {
            await Patients.PatientProfiles.AdoptSharedAsync(db, token.UserId, person, now, ct);
        }
        await sync.ConnectionLinkedAsync(db, connection, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new LinkResult(LinkState.Success, account.Provider, account.Status == ConnectionStatus.Connected,
            ProviderId: account.ExternalUserId, RedirectUrl: token.RedirectUrl,
            ErrorType: account.ErrorType, Error: account.ErrorMessage);
    }
}
