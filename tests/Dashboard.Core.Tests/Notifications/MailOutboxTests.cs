using Dashboard.Core.Notifications;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Support;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Notifications;

/// <summary>The outbox over a real SMTP conversation (smtp4dev): nothing lost when the server is away, nothing sent twice.</summary>
public sealed class MailOutboxTests
{
    private static async Task<CoreStore> StoreAsync(int smtpPort, FakeTimeProvider time) =>
        await CoreStore.CreateAsync(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.Configure<EmailOptions>(o =>
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = smtpPort;
                o.Smtp.Security = "none";
                o.Smtp.Timeout = TimeSpan.FromSeconds(5);
            });
        });

    private static async Task QueueAsync(CoreStore store, int count)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        for (var i = 0; i < count; i++)
        {
            store.Get<MailOutbox>().Enqueue(db, $"patient{i}@example.org", $"Message {i}", $"Body {i}");
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Mail_the_server_refuses_stays_in_the_outbox_and_goes_out_once_the_server_is_back()
    {
        var port = LoopbackPort.Free(); // nothing listens here yet
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = await StoreAsync(port, time);
        await QueueAsync(store, 1);
        var sender = store.Get<MailOutboxSender>();

        Assert.Equal(0, await sender.RunOnceAsync());
        var waiting = await store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext().OutgoingMails.AsNoTracking().SingleAsync();
        Assert.Null(waiting.SentAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);
        Assert.Equal(time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(30), waiting.NextAttemptAt);

        await using var mail = await MailSink.StartAsync(port);
        Assert.Equal(0, await sender.RunOnceAsync()); // not due yet: the retry waits
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await sender.RunOnceAsync());

        var message = Assert.Single(await mail.MessagesToAsync("patient0@example.org"));
        Assert.Equal(("Message 0", "Body 0"), (message.Subject, message.Body.Trim()));
        var sent = await store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext().OutgoingMails.AsNoTracking().SingleAsync();
        Assert.Equal((2, (string?)null, (string?)null), (sent.Attempts, sent.LastError, sent.LeaseOwner));
        Assert.NotNull(sent.SentAt);
        Assert.Equal(0, await sender.RunOnceAsync());
    }

    [Fact]
    public async Task Four_instances_sending_one_outbox_at_once_send_each_mail_exactly_once()
    {
        await using var mail = await MailSink.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = await StoreAsync(mail.SmtpPort, time);
        await QueueAsync(store, 12);
        var senders = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<MailOutboxSender>(store.Services)).ToList();
        Assert.Equal(4, senders.Select(s => s.Instance).Distinct().Count());

        var sent = await Task.WhenAll(senders.Select(s => Task.Run(() => s.RunOnceAsync())));

        Assert.Equal(12, sent.Sum());
        var messages = await mail.MessagesAsync();
        Assert.Equal(12, messages.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"Message {i}").Order(), messages.Select(m => m.Subject).Order());
    }
}
