using System.Text;
using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Notifications;

public sealed record NotificationView(long Id, Guid UserId, string ClientUserId, string Provider, string ErrorType, DateTime CreatedAt, bool Read)
{
    public string Text => $"{ClientUserId}: {BrokenConnectionNotices.Describe(ErrorType)}";
}

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>
/// A console person's notifications (the app bar's bell), their mail setting, and the daily digests. The
/// notifications themselves are written by <see cref="BrokenConnectionNotices"/> when the sync stops a connection.
/// </summary>
public sealed class StaffNotifications(IDbContextFactory<DashboardDbContext> contexts, MailOutbox outbox, BrokenConnectionNotices notices, TimeProvider time)
{
    public static readonly TimeSpan DigestInterval = TimeSpan.FromDays(1);

    /// <summary>The signed-in person's newest notifications and how many are unread.</summary>
    public async Task<NotificationList> ForPersonAsync(StaffScope scope, string? email, int take = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var membershipId = await MembershipOfAsync(db, scope, email, ct);
        if (membershipId is null)
        {
            return new NotificationList(0, []);
        }
        var mine = db.StaffNotifications.AsNoTracking().Where(n => n.MembershipId == membershipId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var items = await mine.OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationView(n.Id, n.UserId, n.ClientUserId, n.Provider, n.ErrorType, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
        return new NotificationList(unread, items);
    }

    /// <summary>Marks one of the person's own notifications read (null id: all of them).</summary>
    public async Task MarkReadAsync(StaffScope scope, string? email, long? notificationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var membershipId = await MembershipOfAsync(db, scope, email, ct);
        if (membershipId is null)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.StaffNotifications
            .Where(n => n.MembershipId == membershipId && n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<string> DeliveryAsync(StaffScope scope, string? email, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var membershipId = await MembershipOfAsync(db, scope, email, ct);
        return await db.NotificationSettings.AsNoTracking().Where(s => s.MembershipId == membershipId).Select(s => s.Delivery).FirstOrDefaultAsync(ct)
            ?? NotificationDelivery.Immediate;
    }

    /// <summary>Sets how the person gets notification mail; false when they are not a member of the scope's organisation.</summary>
    public async Task<bool> SetDeliveryAsync(StaffScope scope, string? email, string delivery, CancellationToken ct = default)
    {
        if (!NotificationDelivery.All.Contains(delivery))
        {
            throw new ArgumentException($"Unknown delivery '{delivery}'; one of {string.Join(", ", NotificationDelivery.All)}.", nameof(delivery));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await MembershipOfAsync(db, scope, email, ct) is not { } membershipId)
        {
            return false;
        }
        var setting = await db.NotificationSettings.FindAsync([membershipId], ct);
        if (setting is null)
        {
            // A digest starts counting its day now, not at the store's beginning.
            db.NotificationSettings.Add(new NotificationSetting { MembershipId = membershipId, Delivery = delivery, LastDigestAt = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            if (setting.Delivery != delivery && delivery == NotificationDelivery.DailyDigest)
            {
                setting.LastDigestAt = time.GetUtcNow().UtcDateTime;
            }
            setting.Delivery = delivery;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// For each digest member whose day is up and who has notifications not yet mailed: one digest mail listing them.
    /// The day is claimed with a conditional update first, so two instances never queue the same digest.
    /// </summary>
    public async Task<int> QueueDueDigestsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var dueBefore = now - DigestInterval;
        var due = await db.NotificationSettings.AsNoTracking()
            .Where(s => s.Delivery == NotificationDelivery.DailyDigest && (s.LastDigestAt == null || s.LastDigestAt <= dueBefore)
                && db.StaffNotifications.Any(n => n.MembershipId == s.MembershipId && n.MailedAt == null))
            .Select(s => new { s.MembershipId, s.LastDigestAt })
            .ToListAsync(ct);
        var queued = 0;
        foreach (var setting in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.NotificationSettings
                .Where(s => s.MembershipId == setting.MembershipId && s.LastDigestAt == setting.LastDigestAt)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastDigestAt, now), ct);
            if (claimed != 1)
            {
                continue; // another instance took this digest
            }
            var email = await db.StaffMemberships.Where(m => m.Id == setting.MembershipId).Select(m => m.Email).FirstAsync(ct);
            var pending = await db.StaffNotifications.Where(n => n.MembershipId == setting.MembershipId && n.MailedAt == null)
                .OrderBy(n => n.Id).ToListAsync(ct);
            var body = new StringBuilder($"{pending.Count} patient connection(s) broke since your last digest:\n\n");
            foreach (var notification in pending)
            {
                notification.MailedAt = now;
                body.Append($"- {notification.CreatedAt:yyyy-MM-dd HH:mm} UTC · {notification.ClientUserId} · {BrokenConnectionNotices.Describe(notification.ErrorType)} · {notices.PatientPage(notification.UserId)}\n");
            }
            outbox.Enqueue(db, email, $"Daily digest: {pending.Count} broken connection(s)", body.ToString());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            queued++;
        }
        return queued;
    }

    private static async Task<Guid?> MembershipOfAsync(DashboardDbContext db, StaffScope scope, string? email, CancellationToken ct)
    {
        var normalized = StaffIdentity.Normalize(email);
        if (normalized is null)
        {
            return null;
        }
        return await db.StaffMemberships.AsNoTracking()
            .Where(m => m.OrganizationId == scope.OrganizationId && m.Email == normalized)
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
    }
}
