using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Notifications;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Invitations;

/// <summary>A sent invitation: its link (shown once, as text and QR code; only its hash is kept) and until when it works.</summary>
public sealed record InvitationIssued(Guid InvitationId, Guid UserId, string Url, DateTime ExpiresAt);

/// <summary>What sending an invitation came to: sent, or refused with a reason a person can act on.</summary>
public sealed record InvitationResult(InvitationIssued? Issued, string? Error)
{
    public bool Succeeded => Issued is not null;
    public static InvitationResult Refused(string error) => new(null, error);
}

/// <summary>One invitation as the patient page lists it.</summary>
public sealed record InvitationView(
    Guid Id, string Kind, string Email, string? Provider, DateTime CreatedAt, string CreatedBy, DateTime LastSentAt, int TimesSent,
    DateTime ExpiresAt, DateTime? OpenedAt, DateTime? MailSentAt, string? MailError, InvitationState State);

/// <summary>What the invitation's landing page may tell the anonymous patient.</summary>
public sealed record InvitationLanding(string Kind, string? Provider, InvitationState State, DateTime ExpiresAt);

/// <summary>Opening an invitation: a fresh link token for the Link widget, or why not.</summary>
public sealed record InvitationOpening(IssuedLinkToken? Token, string? Error);

/// <summary>
/// Invitations for a patient to connect, or to re-connect a broken connection (DESIGN §5): sent by mail through the
/// outbox, each action audited in the same transaction as the change. Opening one mints a new one-use link token
/// under the unchanged token rules (<see cref="LinkTokenService.Lifetime"/>), so a patient who first spends a day
/// changing their LibreView password still gets in.
/// </summary>
public sealed class PatientInvitations(
    IDbContextFactory<DashboardDbContext> contexts, LinkTokenService tokens, PatientDirectory patients, AuditLog audit, MailOutbox outbox,
    IConsoleAddresses addresses, IOptions<InvitationOptions> options, TimeProvider time)
{
    public const string SecretPrefix = "inv_";

    /// <summary>"Connect a patient": creates the patient in the team when there is none with that id yet, and invites them.</summary>
    /// <returns>On success also the patient's id (new or existing), through <see cref="InvitationIssued.UserId"/>.</returns>
    public async Task<InvitationResult> ConnectAsync(StaffScope scope, AuditActor actor, Guid teamId, string? clientUserId, string? email,
        string? requestBase, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ReconnectPatients, actor);
        if (!scope.Includes(teamId))
        {
            return InvitationResult.Refused("That team is not one of your organisation's.");
        }
        if (CheckEmail(email) is { } emailError)
        {
            return InvitationResult.Refused(emailError);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var id = clientUserId?.Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.TeamId == teamId && u.ClientUserId == id && u.DeletedAt == null, ct);
        if (user is null)
        {
            var (outcome, created) = await patients.CreateAsync(db, teamId, id, null, ct);
            if (outcome != CreateUserOutcome.Created)
            {
                return InvitationResult.Refused(outcome == CreateUserOutcome.InvalidClientUserId
                    ? $"Give the patient's reference (1–{PatientDirectory.MaxClientUserIdLength} characters, no hidden characters)."
                    : "A deleted patient holds this reference; restore them or choose another.");
            }
            user = await db.Users.FirstAsync(u => u.Id == created!.UserId, ct);
        }
        else if (await db.Connections.AnyAsync(c => c.UserId == user.Id && c.Status == ConnectionStatus.Connected, ct))
        {
            return InvitationResult.Refused("This patient is connected already.");
        }
        var result = Issue(db, actor, user, InvitationKinds.Connect, provider: null, email!, requestBase);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>The teams a patient may be connected to from the console: the scope's, by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TeamsAsync(StaffScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        return (await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => (t.Id, t.Name)).ToList();
    }

    /// <summary>"Send a re-connect invitation" for a connection that broke in a way only the patient can mend.</summary>
    public async Task<InvitationResult> ReconnectAsync(StaffScope scope, AuditActor actor, Guid userId, string provider, string? email,
        string? requestBase, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ReconnectPatients, actor);
        if (CheckEmail(email) is { } emailError)
        {
            return InvitationResult.Refused(emailError);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && teamIds.Contains(u.TeamId) && u.DeletedAt == null, ct);
        if (user is null)
        {
            return InvitationResult.Refused("This patient is not in your organisation's teams.");
        }
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId && c.Provider == provider, ct);
        if (connection is null || !IsBrokenByPatientLogin(connection))
        {
            return InvitationResult.Refused("This connection is not broken: there is nothing to re-connect.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = Issue(db, actor, user, InvitationKinds.Reconnect, provider, email!, requestBase);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Sends the invitation again with a new link valid for the full time; the previous link stops working.</summary>
    public async Task<InvitationResult> ResendAsync(StaffScope scope, AuditActor actor, Guid invitationId, string? requestBase, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ReconnectPatients, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var invitation = await db.PatientInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && teamIds.Contains(i.TeamId), ct);
        var user = invitation is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == invitation.UserId && u.DeletedAt == null, ct);
        if (invitation is null || user is null)
        {
            return InvitationResult.Refused("There is no such invitation in your organisation.");
        }
        if ((await StatesAsync(db, [invitation], ct))[invitation.Id] == InvitationState.Connected)
        {
            return InvitationResult.Refused("The patient connected through this invitation already.");
        }
        if (Url("", requestBase) is null)
        {
            return InvitationResult.Refused(NoAddress);
        }
        var secret = SecretHash.NewSecret(SecretPrefix);
        var now = time.GetUtcNow().UtcDateTime;
        invitation.SecretHash = SecretHash.Of(secret);
        invitation.ExpiresAt = now + options.Value.Validity;
        invitation.LastSentAt = now;
        invitation.TimesSent++;
        invitation.OpenedAt = null;
        var url = Url(secret, requestBase)!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Mail(db, invitation, url);
        audit.Append(db, actor, AuditActions.ResendInvitation, user.TeamId, user.Id, user.ClientUserId, Details(invitation));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new InvitationResult(new InvitationIssued(invitation.Id, invitation.UserId, url, invitation.ExpiresAt), null);
    }

    /// <summary>The patient's invitations, newest first, each with its state.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListAsync(StaffScope scope, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var invitations = await db.PatientInvitations.AsNoTracking().Where(i => i.UserId == userId && teamIds.Contains(i.TeamId))
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        var states = await StatesAsync(db, invitations, ct);
        var ids = invitations.Select(i => i.Id).ToList();
        var mails = (await db.OutgoingMails.AsNoTracking().Where(m => m.InvitationId != null && ids.Contains(m.InvitationId.Value))
                .Select(m => new { m.InvitationId, m.CreatedAt, m.SentAt, m.LastError }).ToListAsync(ct))
            .GroupBy(m => m.InvitationId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CreatedAt).First());
        return invitations.Select(i =>
        {
            var mail = mails.GetValueOrDefault(i.Id);
            return new InvitationView(i.Id, i.Kind, i.Email, i.Provider, i.CreatedAt, i.CreatedBy, i.LastSentAt, i.TimesSent, i.ExpiresAt,
                i.OpenedAt, mail?.SentAt, mail?.SentAt is null ? mail?.LastError : null, states[i.Id]);
        }).ToList();
    }

    /// <summary>The landing page's view of an invitation link; null when the link is unknown (or was replaced by a resend).</summary>
    public async Task<InvitationLanding?> DescribeAsync(string? secret, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await FindAsync(db, secret, ct);
        if (invitation is null)
        {
            return null;
        }
        var state = (await StatesAsync(db, [invitation], ct))[invitation.Id];
        return new InvitationLanding(invitation.Kind, invitation.Provider, state, invitation.ExpiresAt);
    }

    /// <summary>The patient continues from the landing page: a fresh one-use link token, and the invitation marked opened.</summary>
    public async Task<InvitationOpening> OpenAsync(string? secret, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await FindAsync(db, secret, ct);
        if (invitation is null)
        {
            return new(null, UnknownLink);
        }
        switch ((await StatesAsync(db, [invitation], ct))[invitation.Id])
        {
            case InvitationState.Connected:
                return new(null, "You are connected already: there is nothing more to do.");
            case InvitationState.Expired:
                return new(null, Expired);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var issued = await tokens.IssueAsync(db, invitation.TeamId, invitation.UserId, invitation.Provider, null, ct);
        if (issued is null)
        {
            return new(null, UnknownLink);
        }
        var tokenHash = SecretHash.Of(issued.Token);
        invitation.LinkTokenId = await db.LinkTokens.Where(t => t.TokenHash == tokenHash).Select(t => (Guid?)t.Id).FirstAsync(ct);
        invitation.OpenedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(issued, null);
    }

    public const string UnknownLink = "This invitation link is not valid. It may have been replaced by a newer one: use the latest e-mail from your care team, or ask them for a new invitation.";
    public const string Expired = "This invitation has expired. Ask your care team to send you a new one.";
    private const string NoAddress = "The console does not know its public address (PublicBaseUrl), so it cannot build the link.";

    /// <summary>Re-connect invitations are for the breaks a new sign-in mends: a password, or a renewal that met two-factor or new terms.</summary>
    public static bool IsBrokenByPatientLogin(Connection connection) =>
        connection.Status == ConnectionStatus.Error && connection.ErrorType is not LinkErrorTypes.UserNotFound;

    private InvitationResult Issue(DashboardDbContext db, AuditActor actor, User user, string kind, string? provider, string email, string? requestBase)
    {
        var secret = SecretHash.NewSecret(SecretPrefix);
        var url = Url(secret, requestBase);
        if (url is null)
        {
            return InvitationResult.Refused(NoAddress);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new PatientInvitation
        {
            TeamId = user.TeamId,
            UserId = user.Id,
            Kind = kind,
            Provider = provider,
            Email = email.Trim(),
            SecretHash = SecretHash.Of(secret),
            CreatedAt = now,
            CreatedBy = actor.Name,
            ExpiresAt = now + options.Value.Validity,
            LastSentAt = now,
        };
        db.PatientInvitations.Add(invitation);
        Mail(db, invitation, url);
        audit.Append(db, actor, AuditActions.SendInvitation, user.TeamId, user.Id, user.ClientUserId, Details(invitation));
        return new InvitationResult(new InvitationIssued(invitation.Id, invitation.UserId, url, invitation.ExpiresAt), null);
    }

    private static string Details(PatientInvitation invitation) =>
        $"invitation={invitation.Id} kind={invitation.Kind}" + (invitation.Provider is null ? "" : $" provider={invitation.Provider}");

    private void Mail(DashboardDbContext db, PatientInvitation invitation, string url)
    {
        var until = $"{invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC";
        var (subject, body) = invitation.Kind == InvitationKinds.Reconnect
            ? ("Re-connect your FreeStyle Libre data",
               $"""
               Your glucose data no longer reaches your care team: LibreView stopped accepting the password the connection used.

               1. First change your password in the LibreLink app or on the LibreView website (libreview.com).
               2. Then open this link and sign in with your NEW password:
               {url}

               The link works until {until}. If you did not expect this e-mail, you can ignore it.
               """)
            : ("Connect your FreeStyle Libre data",
               $"""
               Your care team invites you to share your FreeStyle Libre glucose data with them through LibreView.

               Open this link and follow the steps (you need your LibreView e-mail and password, or the LibreLink app):
               {url}

               The link works until {until}. If you did not expect this e-mail, you can ignore it.
               """);
        outbox.Enqueue(db, invitation.Email, subject, body, invitation.Id);
    }

    private string? Url(string secret, string? requestBase) =>
        addresses.Absolute("invite?code=" + Uri.EscapeDataString(secret), requestBase);

    private static string? CheckEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Trim().Length > 320 || Validation.InputText.HasHiddenCharacters(email)
            || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim()
            ? "Give the patient's e-mail address (for example name@example.org)."
            : null;

    private static async Task<PatientInvitation?> FindAsync(DashboardDbContext db, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return null;
        }
        var hash = SecretHash.Of(secret.Trim());
        return await db.PatientInvitations.FirstOrDefaultAsync(i => i.SecretHash == hash, ct);
    }

    /// <summary>
    /// Connected: the link token of its latest opening was used and the connection is up now. Otherwise expired once its
    /// date passed, opened once the patient continued from the landing page, else sent.
    /// </summary>
    private async Task<Dictionary<Guid, InvitationState>> StatesAsync(DashboardDbContext db, IReadOnlyList<PatientInvitation> invitations, CancellationToken ct)
    {
        var tokenIds = invitations.Where(i => i.LinkTokenId != null).Select(i => i.LinkTokenId!.Value).ToList();
        var usedTokens = (await db.LinkTokens.AsNoTracking().Where(t => tokenIds.Contains(t.Id) && t.ConsumedAt != null).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var userIds = invitations.Select(i => i.UserId).Distinct().ToList();
        var connected = await db.Connections.AsNoTracking().Where(c => userIds.Contains(c.UserId) && c.Status == ConnectionStatus.Connected)
            .Select(c => new { c.UserId, c.Provider }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return invitations.ToDictionary(i => i.Id, i =>
            i.LinkTokenId is { } tokenId && usedTokens.Contains(tokenId) && connected.Any(c => c.UserId == i.UserId && (i.Provider is null || c.Provider == i.Provider))
                ? InvitationState.Connected
                : now >= i.ExpiresAt ? InvitationState.Expired
                : i.OpenedAt is not null ? InvitationState.Opened
                : InvitationState.Sent);
    }
}
