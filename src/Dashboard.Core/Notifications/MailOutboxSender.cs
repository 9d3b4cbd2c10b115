using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Sends the outbox. Each mail is claimed in the store (owner + expiry, a conditional update like the webhook
/// endpoints' leases) before it goes to SMTP, so instances sharing a database never send one mail twice; a mail the
/// server refuses stays in the outbox and is tried again later, longer each time, so a failed SMTP loses nothing.
/// Each cycle first turns due daily digests into mail (<see cref="StaffNotifications.QueueDueDigestsAsync"/>).
/// </summary>
public sealed class MailOutboxSender(
    IDbContextFactory<DashboardDbContext> contexts,
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider time,
    ILogger<MailOutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private readonly SemaphoreSlim _oneCycleAtATime = new(1, 1);
    private bool _warnedUnconfigured;

    /// <summary>This instance's name in leases.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(failure, "Mail outbox cycle failed; trying again next cycle");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One cycle: queue due digests, then send every mail that is due. Returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await _oneCycleAtATime.WaitAsync(ct);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<StaffNotifications>().QueueDueDigestsAsync(ct);
            }
            if (!transport.IsConfigured)
            {
                if (!_warnedUnconfigured)
                {
                    logger.LogWarning("No SMTP server is configured (Email:Smtp:Host): mail waits in the outbox");
                    _warnedUnconfigured = true;
                }
                return 0;
            }
            var sent = 0;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.OutgoingMails.AsNoTracking()
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
            foreach (var id in due)
            {
                if (await TrySendAsync(db, id, ct))
                {
                    sent++;
                }
            }
            return sent;
        }
        finally
        {
            _oneCycleAtATime.Release();
        }
    }

    private async Task<bool> TrySendAsync(DashboardDbContext db, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.CurrentValue.LeaseDuration;
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == id && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, Instance).SetProperty(m => m.LeaseUntil, until), ct);
        if (claimed != 1)
        {
            return false; // another instance has it, or sent it
        }
        var mail = await db.OutgoingMails.AsNoTracking().FirstAsync(m => m.Id == id, ct);
        try
        {
            await transport.SendAsync(mail, ct);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            var attempts = mail.Attempts + 1;
            var retryAt = time.GetUtcNow().UtcDateTime + RetryDelay(options.CurrentValue, attempts);
            var error = failure.Message.Length > 500 ? failure.Message[..500] : failure.Message;
            await db.OutgoingMails.Where(m => m.Id == id && m.LeaseOwner == Instance)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LastError, error).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            logger.LogWarning("Mail {MailId} to {To} was not taken by the SMTP server (attempt {Attempt}): {Error}; retrying at {RetryAt:u}", id, mail.To, attempts, error, retryAt);
            return false;
        }
        var sentAt = time.GetUtcNow().UtcDateTime;
        await db.OutgoingMails.Where(m => m.Id == id && m.LeaseOwner == Instance)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, mail.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        return true;
    }

    /// <summary>Base × 2^(attempt − 1), capped: a server that is down for hours is asked about once an hour.</summary>
    public static TimeSpan RetryDelay(EmailOptions options, int attempt)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        return delay < options.RetryMaxDelay ? delay : options.RetryMaxDelay;
    }
}
