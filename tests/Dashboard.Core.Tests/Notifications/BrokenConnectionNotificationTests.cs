using Dashboard.Core.Connections;
using Dashboard.Core.Notifications;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Sync;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Notifications;

/// <summary>When the sync stops a connection for a login the patient must mend, each support member hears once; nobody else.</summary>
public sealed class BrokenConnectionNotificationTests
{
    private static async Task<(SyncHarness H, StaffPeople People, Guid UserId)> ExpiredPasswordAsync(MailSink mail, string email)
    {
        var h = await SyncHarness.StartAsync(historicalDays: 2, mail.Settings.ToDictionary());
        var people = await StaffPeople.AddToAsync(h);
        var (patient, userId) = await h.LinkedPatientAsync(email);
        await h.RunUntilIdleAsync();
        h.State.SetPassword(patient.Email, SyncHarness.Password, h.Time.GetUtcNow().AddSeconds(-1));
        for (var i = 0; i < 4; i++)
        {
            // More cycles than it takes to notice: the notice must still come once.
            h.Time.Advance(TimeSpan.FromMinutes(20));
            await h.RunUntilIdleAsync();
        }
        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Error, SyncErrorTypes.PasswordExpired), (connection.Status, connection.ErrorType));
        return (h, people, userId);
    }

    [Fact]
    public async Task An_expired_password_mails_each_support_member_once_and_lists_it_for_them_but_not_for_viewers_or_admins()
    {
        await using var mail = await MailSink.StartAsync();
        var (h, people, userId) = await ExpiredPasswordAsync(mail, "expired.notice@example.org");
        await using var _ = h;

        Assert.Equal(2, await h.Services.GetRequiredService<MailOutboxSender>().RunOnceAsync());

        foreach (var support in new[] { people.SupportOne, people.SupportTwo })
        {
            var message = Assert.Single(await mail.MessagesToAsync(support));
            Assert.Equal("Connection broken: expired.notice@example.org", message.Subject);
            Assert.Contains("the LibreView password has expired", message.Body);
            Assert.Contains($"/patients/{userId}", message.Body);
        }
        Assert.Empty(await mail.MessagesToAsync(people.Viewer));
        Assert.Empty(await mail.MessagesToAsync(people.Admin));

        await using var scope = h.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<StaffNotifications>();
        var list = await notifications.ForPersonAsync(people.Scope, people.SupportOne);
        Assert.Equal(1, list.Unread);
        var item = Assert.Single(list.Items);
        Assert.Equal((userId, "expired.notice@example.org: the LibreView password has expired", false), (item.UserId, item.Text, item.Read));
        Assert.Equal(0, (await notifications.ForPersonAsync(people.Scope, people.Viewer)).Unread);
        Assert.Equal(0, (await notifications.ForPersonAsync(people.Scope, people.Admin)).Unread);

        await notifications.MarkReadAsync(people.Scope, people.SupportOne, item.Id);
        Assert.Equal(0, (await notifications.ForPersonAsync(people.Scope, people.SupportOne)).Unread);
        Assert.True(Assert.Single((await notifications.ForPersonAsync(people.Scope, people.SupportOne)).Items).Read);
        Assert.Equal(1, (await notifications.ForPersonAsync(people.Scope, people.SupportTwo)).Unread); // each person reads their own
    }

    [Fact]
    public async Task A_digest_member_gets_no_mail_at_the_break_and_one_digest_a_day_later_and_two_senders_queue_it_once()
    {
        await using var mail = await MailSink.StartAsync();
        await using var h = await SyncHarness.StartAsync(historicalDays: 2, mail.Settings.ToDictionary());
        var people = await StaffPeople.AddToAsync(h);
        await using (var scope = h.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<StaffNotifications>().SetDeliveryAsync(people.Scope, people.SupportTwo, NotificationDelivery.DailyDigest));
        }
        var (patient, _) = await h.LinkedPatientAsync("digest.notice@example.org");
        await h.RunUntilIdleAsync();
        h.State.SetPassword(patient.Email, SyncHarness.Password, h.Time.GetUtcNow().AddSeconds(-1));
        h.Time.Advance(TimeSpan.FromMinutes(20));
        await h.RunUntilIdleAsync();
        h.Time.Advance(TimeSpan.FromMinutes(20));
        await h.RunUntilIdleAsync();

        var senders = new[] { h.Services.GetRequiredService<MailOutboxSender>(), ActivatorUtilities.CreateInstance<MailOutboxSender>(h.Services) };
        await Task.WhenAll(senders.Select(s => s.RunOnceAsync()));
        Assert.Single(await mail.MessagesToAsync(people.SupportOne));
        Assert.Empty(await mail.MessagesToAsync(people.SupportTwo));

        h.Time.Advance(StaffNotifications.DigestInterval);
        await Task.WhenAll(senders.Select(s => s.RunOnceAsync()));
        await Task.WhenAll(senders.Select(s => s.RunOnceAsync()));

        var digest = Assert.Single(await mail.MessagesToAsync(people.SupportTwo));
        Assert.Equal("Daily digest: 1 broken connection(s)", digest.Subject);
        Assert.Contains("digest.notice@example.org · the LibreView password has expired", digest.Body);
        Assert.Single(await mail.MessagesToAsync(people.SupportOne));
    }
}
