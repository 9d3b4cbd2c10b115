using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Invitations;
using Dashboard.Core.Linking;
using Dashboard.Core.Notifications;
using Dashboard.Core.Patients;
using Dashboard.Core.Tests.Notifications;
using Dashboard.Core.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Invitations;

/// <summary>Invitation rules on the real store: days of validity, a fresh link token per opening, states, resend, audit.</summary>
public sealed class PatientInvitationTests
{
    private const string ConsoleBase = "https://console.example.org/clinic/";
    private const string NewPassword = "Changed-Passw0rd!";
    private static readonly AuditActor Support = new("support.one@example.org", ConsoleRoles.Support, "203.0.113.7");

    private static async Task<(SyncHarness H, StaffPeople People, Guid UserId, string Email)> BrokenPatientAsync(string email)
    {
        var h = await SyncHarness.StartAsync(historicalDays: 1);
        var people = await StaffPeople.AddToAsync(h);
        var (patient, userId) = await h.LinkedPatientAsync(email);
        await h.RunUntilIdleAsync();
        h.State.SetPassword(patient.Email, NewPassword);
        h.Time.Advance(TimeSpan.FromMinutes(20));
        await h.RunUntilIdleAsync();
        Assert.Equal(ConnectionStatus.Error, (await h.ConnectionOfAsync(userId)).Status);
        return (h, people, userId, email);
    }

    private static async Task<T> InScopeAsync<T>(SyncHarness h, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider);
    }

    private static Task<InvitationView> OnlyInvitationAsync(SyncHarness h, StaffPeople people, Guid userId) =>
        InScopeAsync(h, async s => Assert.Single(await s.GetRequiredService<PatientInvitations>().ListAsync(people.Scope, userId)));

    private static string CodeOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("code=", StringComparison.Ordinal) + 5)..]);

    [Fact]
    public async Task A_reconnect_invitation_is_audited_once_outlives_the_link_token_and_its_opening_mints_a_token_that_reconnects()
    {
        var (h, people, userId, email) = await BrokenPatientAsync("invited.reconnect@example.org");
        await using var _ = h;
        var sentAt = h.Time.GetUtcNow().UtcDateTime;

        var result = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>()
            .ReconnectAsync(people.Scope, Support, userId, Providers.AbbottLibreView, " patient.home@example.org ", ConsoleBase));

        Assert.True(result.Succeeded, result.Error);
        Assert.StartsWith(ConsoleBase + "invite?code=inv_", result.Issued!.Url);
        Assert.Equal(sentAt + TimeSpan.FromDays(7), result.Issued.ExpiresAt);
        var entry = Assert.Single(await h.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SendInvitation).ToListAsync()));
        Assert.Equal((Support.Name, Support.Role, userId, email, sentAt, h.TeamId), (entry.Actor, entry.ActorRole, entry.UserId, entry.ClientUserId, entry.At, entry.TeamId));
        Assert.Contains("kind=reconnect", entry.Details);
        var mail = Assert.Single(await h.WithDbAsync(db => db.OutgoingMails.AsNoTracking().ToListAsync()), m => m.InvitationId == result.Issued.InvitationId);
        Assert.Equal("patient.home@example.org", mail.To);
        Assert.Contains("change your password", mail.TextBody);
        Assert.Contains(result.Issued.Url, mail.TextBody);
        Assert.Equal(InvitationState.Sent, (await OnlyInvitationAsync(h, people, userId)).State);

        // A day later, long past any link token's 10 minutes, the patient opens it.
        h.Time.Advance(TimeSpan.FromDays(1));
        var code = CodeOf(result.Issued.Url);
        var landing = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().DescribeAsync(code));
        Assert.Equal((InvitationKinds.Reconnect, InvitationState.Sent), (landing!.Kind, landing.State));
        var opening = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().OpenAsync(code));
        Assert.NotNull(opening.Token);
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime + LinkTokenService.Lifetime, opening.Token.ExpiresAt);
        Assert.Equal(InvitationState.Opened, (await OnlyInvitationAsync(h, people, userId)).State);

        var relink = await InScopeAsync(h, s => s.GetRequiredService<PasswordLinking>().LinkAsync(opening.Token.Token, email, NewPassword, null, CancellationToken.None));
        Assert.True(relink.Connected, relink.Error);
        Assert.Equal(InvitationState.Connected, (await OnlyInvitationAsync(h, people, userId)).State);
        var again = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().OpenAsync(code));
        Assert.Null(again.Token);
        Assert.Contains("connected already", again.Error);
    }

    [Fact]
    public async Task An_invitation_expires_after_its_validity_and_a_resend_is_audited_once_and_replaces_the_link()
    {
        var (h, people, userId, email) = await BrokenPatientAsync("invited.resend@example.org");
        await using var _ = h;
        var first = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>()
            .ReconnectAsync(people.Scope, Support, userId, Providers.AbbottLibreView, "resend.home@example.org", ConsoleBase));

        h.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(InvitationState.Expired, (await OnlyInvitationAsync(h, people, userId)).State);
        var late = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().OpenAsync(CodeOf(first.Issued!.Url)));
        Assert.Equal(PatientInvitations.Expired, late.Error);

        var resentAt = h.Time.GetUtcNow().UtcDateTime;
        var resent = await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().ResendAsync(people.Scope, Support, first.Issued!.InvitationId, ConsoleBase));
        Assert.True(resent.Succeeded, resent.Error);
        Assert.NotEqual(first.Issued!.Url, resent.Issued!.Url);
        var entry = Assert.Single(await h.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ResendInvitation).ToListAsync()));
        Assert.Equal((Support.Name, Support.Role, userId, email, resentAt), (entry.Actor, entry.ActorRole, entry.UserId, entry.ClientUserId, entry.At));
        var view = await OnlyInvitationAsync(h, people, userId);
        Assert.Equal((InvitationState.Sent, 2, resentAt + TimeSpan.FromDays(7)), (view.State, view.TimesSent, view.ExpiresAt));
        Assert.Equal(2, await h.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.InvitationId == view.Id)));
        Assert.Null(await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().DescribeAsync(CodeOf(first.Issued.Url))));
        Assert.NotNull(await InScopeAsync(h, s => s.GetRequiredService<PatientInvitations>().DescribeAsync(CodeOf(resent.Issued.Url))));
    }

    [Fact]
    public async Task Connect_creates_the_patient_when_needed_and_refuses_bad_input_a_connected_patient_and_a_viewer()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var people = await StaffPeople.AddToAsync(h);
        var invitations = (IServiceProvider s) => s.GetRequiredService<PatientInvitations>();

        var created = await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, h.TeamId, "new-patient-7", "new.patient@example.org", ConsoleBase));
        Assert.True(created.Succeeded, created.Error);
        var user = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.ClientUserId == "new-patient-7"));
        Assert.Equal(user.Id, created.Issued!.UserId);
        var entry = Assert.Single(await h.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SendInvitation).ToListAsync()));
        Assert.Equal((Support.Name, Support.Role, user.Id, "new-patient-7"), (entry.Actor, entry.ActorRole, entry.UserId, entry.ClientUserId));
        Assert.Contains("kind=connect", entry.Details);

        var again = await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, h.TeamId, "new-patient-7", "other@example.org", ConsoleBase));
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(1, await h.WithDbAsync(db => db.Users.CountAsync(u => u.ClientUserId == "new-patient-7"))); // the same patient, not a second

        Assert.Contains("e-mail", (await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, h.TeamId, "p-8", "not an address", ConsoleBase))).Error);
        Assert.Contains("reference", (await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, h.TeamId, "  ", "p8@example.org", ConsoleBase))).Error);
        Assert.Contains("team", (await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, Guid.NewGuid(), "p-8", "p8@example.org", ConsoleBase))).Error);
        var (_, connectedUser) = await h.LinkedPatientAsync("already.connected@example.org");
        Assert.Contains("connected already", (await InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, Support, h.TeamId, "already.connected@example.org", "x@example.org", ConsoleBase))).Error);
        Assert.Contains("not broken", (await InScopeAsync(h, s => invitations(s).ReconnectAsync(people.Scope, Support, connectedUser, Providers.AbbottLibreView, "x@example.org", ConsoleBase))).Error);

        var viewer = new AuditActor(people.Viewer, ConsoleRoles.Viewer, null);
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => InScopeAsync(h, s => invitations(s).ConnectAsync(people.Scope, viewer, h.TeamId, "p-9", "p9@example.org", ConsoleBase)));
        Assert.Equal(2, await h.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.SendInvitation)));
        Assert.False(await h.WithDbAsync(db => db.Users.AnyAsync(u => u.ClientUserId == "p-8" || u.ClientUserId == "p-9")));
    }

    [Fact]
    public async Task A_reconnect_link_and_its_audit_entry_are_written_together_once()
    {
        var (h, people, userId, email) = await BrokenPatientAsync("reconnect.link@example.org");
        await using var _ = h;
        var at = h.Time.GetUtcNow().UtcDateTime;
        var tokensBefore = await h.WithDbAsync(db => db.LinkTokens.CountAsync());

        var issued = await InScopeAsync(h, s => s.GetRequiredService<ReconnectLinks>().CreateAsync(people.Scope, Support, userId, Providers.AbbottLibreView));

        Assert.NotNull(issued);
        Assert.Equal(tokensBefore + 1, await h.WithDbAsync(db => db.LinkTokens.CountAsync()));
        var entry = Assert.Single(await h.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.CreateReconnectLink).ToListAsync()));
        Assert.Equal((Support.Name, Support.Role, userId, email, at), (entry.Actor, entry.ActorRole, entry.UserId, entry.ClientUserId, entry.At));
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => InScopeAsync(h, s =>
            s.GetRequiredService<ReconnectLinks>().CreateAsync(people.Scope, new AuditActor(people.Viewer, ConsoleRoles.Viewer, null), userId, Providers.AbbottLibreView)));
        Assert.Single(await h.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.CreateReconnectLink).ToListAsync()));
    }
}
