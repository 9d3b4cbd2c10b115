using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Linking;

/// <summary>Section <c>LinkTokens</c>: how often expired link tokens are purged, and how long they are kept after expiry.</summary>
public sealed class LinkTokenPurgeOptions
{
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// An expired token is kept this long (so its patient still reads "this link has expired" rather than "not valid"),
    /// but its pending two-factor login — the encrypted LibreView password — is dropped at the first purge after expiry.
    /// </summary>
    public TimeSpan KeepExpiredFor { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Every <see cref="LinkTokenPurgeOptions.PurgeInterval"/> (on the app's <see cref="TimeProvider"/>): drops the secrets
/// of expired link tokens, then deletes tokens expired longer than <see cref="LinkTokenPurgeOptions.KeepExpiredFor"/>.
/// </summary>
public sealed class LinkTokenPurge(
    IDbContextFactory<DashboardDbContext> contexts,
    TimeProvider time,
    IOptions<LinkTokenPurgeOptions> options,
    ILogger<LinkTokenPurge> logger) : BackgroundService
{
    public async Task<(int SecretsDropped, int TokensDeleted)> RunOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var deleteBefore = now - options.Value.KeepExpiredFor;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dropped = await db.LinkTokens.Where(t => t.ExpiresAt <= now && t.PendingMfa != null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.PendingMfa, (string?)null), ct);
        var deleted = await db.LinkTokens.Where(t => t.ExpiresAt <= deleteBefore).ExecuteDeleteAsync(ct);
        if (dropped + deleted > 0)
        {
            logger.LogInformation("Link token purge: {Dropped} pending logins dropped, {Deleted} expired tokens deleted", dropped, deleted);
        }
        return (dropped, deleted);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The link token purge failed; the next interval tries again");
            }
        }
    }
}
