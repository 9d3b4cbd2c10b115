using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Sends the outbox. Each mail is claimed in the store (a <see cref="StoreLease{TRow}"/>, as webhook endpoints and
/// sync connections are) before it goes to SMTP, so instances sharing a database never send one mail twice; a mail the
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
    /// <summary>One lease per mail: mails are independent, so instances share one outbox mail by mail.</summary>
    private static readonly LeaseColumns<OutgoingMail> LeaseColumns = new(m => m.LeaseOwner, m => m.LeaseUntil);

    private const int BatchSize = 20;
    private readonly SemaphoreSlim _oneCycleAtATime = new(1, 1);
    private bool _warnedUnconfigured;

    /// <summary>This instance's name in leases.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync("Mail outbox", RunOnceAsync, PollPace.Every(options.CurrentValue.PollInterval, time), logger, stoppingToken);

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
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now).Where(LeaseColumns.Claimable(Instance, now))
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
        var lease = new StoreLease<OutgoingMail>(db.OutgoingMails.Where(m => m.Id == id), LeaseColumns, Instance, options.CurrentValue.LeaseDuration, time);
        if (!await lease.TryClaimAsync(m => m.SentAt == null, ct))
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
            await lease.ReleaseAsync(set => set.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
            logger.LogWarning("Mail {MailId} to {To} was not taken by the SMTP server (attempt {Attempt}): {Error}; retrying at {RetryAt:u}", id, mail.To, attempts, error, retryAt);
            return false;
        }
        var sentAt = time.GetUtcNow().UtcDateTime;
        await lease.ReleaseAsync(set => set.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, mail.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        return true;
    }

    /// <summary>Without jitter: a mail has one recipient, there is no crowd to spread out, and the logged retry time is exact.</summary>
    public static TimeSpan RetryDelay(EmailOptions options, int attempt) =>
        RetryBackoff.Exponential(options.RetryBaseDelay, options.RetryMaxDelay, attempt);
}
