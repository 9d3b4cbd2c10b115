using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Notifications;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Layout;

/// <summary>The app bar's bell: the person's unread count, their list, mark read, and the digest setting.</summary>
public sealed class NotificationBellTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Support = "support@example.org";
    private readonly TestStore _store = new();
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public NotificationBellTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Sam Support");
        _auth.SetRoles(ConsoleRoles.Support);
        _auth.SetClaims(new System.Security.Claims.Claim("email", Support));
    }

    public async Task InitializeAsync() => await _store.AddToAsync(Services, seedDemo: true, staffMember: Support + " as support");

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<Guid> NotifyAsync(params string[] clientUserIds)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var membership = await db.StaffMemberships.SingleAsync(m => m.Email == Support);
        var team = await db.Teams.FirstAsync(t => t.OrganizationId == membership.OrganizationId);
        var userId = Guid.NewGuid();
        foreach (var (clientUserId, i) in clientUserIds.Select((c, i) => (c, i)))
        {
            db.StaffNotifications.Add(new StaffNotification
            {
                OrganizationId = membership.OrganizationId, MembershipId = membership.Id, TeamId = team.Id, UserId = userId,
                ClientUserId = clientUserId, Provider = "abbott_libreview", ErrorType = "provider_password_expired",
                CreatedAt = new DateTime(2026, 12, 1, 8, i, 0, DateTimeKind.Utc), MailedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        return userId;
    }

    private IRenderedComponent<NotificationBell> Bell()
    {
        Render<MudPopoverProvider>();
        return Render<NotificationBell>();
    }

    [Fact]
    public void With_nothing_to_tell_the_bell_says_none_unread_and_shows_no_count()
    {
        var bell = Bell();

        Assert.Equal("Notifications, none unread", bell.Find("[data-testid=notification-bell] button").GetAttribute("aria-label"));
        Assert.DoesNotContain("mud-badge-dot", bell.Markup);
        Assert.Empty(bell.FindAll(".mud-badge"));
    }

    [Fact]
    public async Task The_count_is_the_unread_notifications_the_list_shows_them_newest_first_and_mark_all_read_clears_it()
    {
        var userId = await NotifyAsync("older-patient", "newer-patient");
        var popover = Render<MudPopoverProvider>();
        var bell = Render<NotificationBell>();

        Assert.Equal("Notifications, 2 unread", bell.Find("[data-testid=notification-bell] button").GetAttribute("aria-label"));
        Assert.Equal("2", bell.Find(".mud-badge").TextContent.Trim());
        await bell.Find("[data-testid=notification-bell] button").ClickAsync(new());

        var items = popover.WaitForElements("[data-testid=notification-item]");
        Assert.Equal(["newer-patient: the LibreView password has expired", "older-patient: the LibreView password has expired"],
            items.Select(i => i.QuerySelector("div")!.TextContent.Trim()));
        Assert.All(items, i => Assert.Equal("false", i.GetAttribute("data-read")));

        await popover.Find("[data-testid=notifications-mark-all-read]").ClickAsync(new());

        bell.WaitForAssertion(() => Assert.Equal("Notifications, none unread", bell.Find("[data-testid=notification-bell] button").GetAttribute("aria-label")));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.All(await db.StaffNotifications.Where(n => n.UserId == userId).ToListAsync(), n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task The_digest_setting_is_kept_for_the_person_server_side()
    {
        var popover = Render<MudPopoverProvider>();
        var bell = Render<NotificationBell>();
        await bell.Find("[data-testid=notification-bell] button").ClickAsync(new());

        await popover.WaitForElement("[data-testid=notification-delivery]").ClickAsync(new());

        popover.WaitForAssertion(() => Assert.Equal("true", popover.Find("[data-testid=notification-delivery]").GetAttribute("aria-checked")));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var membership = await db.StaffMemberships.SingleAsync(m => m.Email == Support);
        Assert.Equal(NotificationDelivery.DailyDigest, (await db.NotificationSettings.SingleAsync(s => s.MembershipId == membership.Id)).Delivery);
    }
}
