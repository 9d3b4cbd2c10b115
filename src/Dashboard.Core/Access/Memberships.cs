using System.Net.Mail;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Access;

/// <summary>First-admin settings (<c>Bootstrap</c> section): who creates the organisation of an empty store.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>The email whose first sign-in, on a store with no organisation, creates it and makes them its admin.</summary>
    public string? AdminEmail { get; set; }
    public string OrganizationName { get; set; } = "My organisation";
    public Plan Plan { get; set; } = Plan.Launch;
}

/// <summary>A membership as the Members page shows it.</summary>
public sealed record MemberView(Guid Id, string Email, string Role, bool SignedIn, DateTime CreatedAt, string? InvitedBy);

/// <summary>One organisation a person belongs to, with their role there.</summary>
public sealed record PersonMembership(Guid OrganizationId, string OrganizationName, string Role);

/// <summary>What a membership change came to. The console says each in its own language from the code.</summary>
public enum MembershipOutcome
{
    /// <summary>Done: <see cref="MembershipResult.Email"/> may now sign in as <see cref="MembershipResult.Role"/>.</summary>
    Invited,
    /// <summary>Done: the member's role is now <see cref="MembershipResult.Role"/>.</summary>
    RoleChanged,
    /// <summary>Nothing to do: the member already has <see cref="MembershipResult.Role"/>.</summary>
    RoleUnchanged,
    /// <summary>Done: <see cref="MembershipResult.Email"/> no longer belongs to the organisation.</summary>
    Removed,
    /// <summary>Refused: the email is missing or not an address.</summary>
    EmailInvalid,
    /// <summary>Refused: the role is missing or not one of <see cref="ConsoleRoles.All"/>.</summary>
    RoleInvalid,
    /// <summary>Refused: <see cref="MembershipResult.Email"/> is already a member of the organisation.</summary>
    AlreadyMember,
    /// <summary>Refused: the membership is not one of this organisation's.</summary>
    NotAMember,
    /// <summary>Refused: <see cref="MembershipResult.Email"/> is the only admin, so their role cannot change.</summary>
    LastAdminCannotChangeRole,
    /// <summary>Refused: <see cref="MembershipResult.Email"/> is the only admin, so they cannot be removed.</summary>
    LastAdminCannotBeRemoved,
}

/// <summary>
/// What a membership change came to: an <see cref="Outcome"/> code with the <see cref="Email"/> and <see cref="Role"/> it
/// is about, for the console to say in the person's language, and <see cref="Message"/>, the same in invariant English
/// (for logs and callers without a language).
/// </summary>
public sealed record MembershipResult(MembershipOutcome Outcome, string? Email = null, string? Role = null)
{
    /// <summary>Whether the membership is as asked (<see cref="MembershipOutcome.RoleUnchanged"/> included).</summary>
    public bool Succeeded => Outcome is MembershipOutcome.Invited or MembershipOutcome.RoleChanged or MembershipOutcome.RoleUnchanged or MembershipOutcome.Removed;

    public string Message => Outcome switch
    {
        MembershipOutcome.Invited => $"{Email} may now sign in as {Role}.",
        MembershipOutcome.RoleChanged => $"{Email} is now {Role}.",
        MembershipOutcome.RoleUnchanged => $"{Email} is already {Role}.",
        MembershipOutcome.Removed => $"{Email} no longer belongs to this organisation.",
        MembershipOutcome.EmailInvalid => "Enter the person's email address, e.g. name@example.org.",
        MembershipOutcome.RoleInvalid => $"Choose a role: {string.Join(", ", ConsoleRoles.All)}.",
        MembershipOutcome.AlreadyMember => $"{Email} is already a member.",
        MembershipOutcome.NotAMember => "That person is not a member of this organisation.",
        MembershipOutcome.LastAdminCannotChangeRole => $"{Email} is the organisation's only admin: make someone else admin first.",
        MembershipOutcome.LastAdminCannotBeRemoved => $"{Email} is the organisation's only admin and cannot be removed.",
        _ => Outcome.ToString(),
    };
}

/// <summary>What a sign-in came to.</summary>
public enum SignInOutcome
{
    /// <summary>The person belongs to at least one organisation.</summary>
    Member,
    /// <summary>Signed in, but no organisation has them (they see the "not a member" page).</summary>
    NotAMember,
    /// <summary>The provider says the email is not verified: the sign-in is refused.</summary>
    EmailUnverified,
}

/// <summary>
/// An organisation's members and their roles (DESIGN §9), and the rules around them: who matches a membership, binding
/// an invitation to the provider's issuer and subject at first sign-in, the first admin of an empty store, and never
/// leaving an organisation without an admin. Every change is audited in its own transaction and ends the person's
/// sessions, so a new role or a removal applies at once.
/// </summary>
public sealed class Memberships(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time, IOptions<BootstrapOptions> bootstrap)
{
    public const int MaxEmailLength = 254;

    /// <summary>
    /// The memberships a person matches: those bound to their issuer and subject, and open invitations to their email.
    /// A membership bound to someone else is never matched by an email alone.
    /// </summary>
    public static IQueryable<StaffMembership> Matching(IQueryable<StaffMembership> memberships, StaffPerson person)
    {
        var email = person.NormalizedEmail;
        if (person.EmailUnverified)
        {
            email = null;
        }
        if (person is { Issuer: { } issuer, Subject: { } subject })
        {
            return memberships.Where(m => (m.Issuer == issuer && m.Subject == subject) || (m.Subject == null && email != null && m.Email == email));
        }
        return memberships.Where(m => m.Subject == null && email != null && m.Email == email);
    }

    /// <summary>The organisations a person belongs to, by name.</summary>
    public async Task<IReadOnlyList<PersonMembership>> OfPersonAsync(StaffPerson person, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await Matching(db.StaffMemberships.AsNoTracking(), person)
            .Select(m => new PersonMembership(m.OrganizationId, m.Organization!.Name, m.Role))
            .ToListAsync(ct);
        return found.DistinctBy(m => m.OrganizationId).OrderBy(m => m.OrganizationName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// At sign-in: refuse an email the provider marks unverified; bind open invitations to the person's issuer and
    /// subject; on a store with no organisation, let the bootstrap admin create it.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(StaffPerson person, string? clientIp, CancellationToken ct = default)
    {
        if (person.EmailUnverified)
        {
            return SignInOutcome.EmailUnverified;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var email = person.NormalizedEmail;
        if (person is { Issuer: not null, Subject: not null } && email is not null)
        {
            var open = await db.StaffMemberships.Where(m => m.Subject == null && m.Email == email).ToListAsync(ct);
            foreach (var membership in open)
            {
                membership.Issuer = person.Issuer;
                membership.Subject = person.Subject;
                membership.BoundAt = now;
            }
        }

        var admin = StaffIdentity.Normalize(bootstrap.Value.AdminEmail);
        if (admin is not null && admin == email && !await db.Organizations.AnyAsync(ct))
        {
            var organization = new Organization { Name = bootstrap.Value.OrganizationName.Trim(), Plan = bootstrap.Value.Plan, CreatedAt = now };
            db.Organizations.Add(organization);
            db.StaffMemberships.Add(new StaffMembership
            {
                Email = email, OrganizationId = organization.Id, Role = ConsoleRoles.Admin, CreatedAt = now,
                Issuer = person.Issuer, Subject = person.Subject, BoundAt = person.Subject is null ? null : now, InvitedBy = "bootstrap",
            });
            audit.Append(db, new AuditActor(email, ConsoleRoles.Admin, clientIp), AuditActions.CreateOrganization,
                details: $"\"{organization.Name}\" by Bootstrap:AdminEmail", organizationId: organization.Id);
        }
        await db.SaveChangesAsync(ct);
        return await Matching(db.StaffMemberships, person).AnyAsync(ct) ? SignInOutcome.Member : SignInOutcome.NotAMember;
    }

    public async Task<IReadOnlyList<MemberView>> ListAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var members = await db.StaffMemberships.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToListAsync(ct);
        return members.OrderBy(m => m.Email, StringComparer.Ordinal)
            .Select(m => new MemberView(m.Id, m.Email, m.Role, m.Subject is not null, m.CreatedAt, m.InvitedBy)).ToList();
    }

    public async Task<MembershipResult> InviteAsync(AuditActor actor, Guid organizationId, string? email, string? role, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        var address = StaffIdentity.Normalize(email);
        if (address is null || address.Length > MaxEmailLength || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return new(MembershipOutcome.EmailInvalid);
        }
        if (role is null || !ConsoleRoles.All.Contains(role))
        {
            return new(MembershipOutcome.RoleInvalid, address, role);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.StaffMemberships.AnyAsync(m => m.OrganizationId == organizationId && m.Email == address, ct))
        {
            return new(MembershipOutcome.AlreadyMember, address, role);
        }
        db.StaffMemberships.Add(new StaffMembership
        {
            Email = address, OrganizationId = organizationId, Role = role, CreatedAt = time.GetUtcNow().UtcDateTime, InvitedBy = actor.Name,
        });
        audit.Append(db, actor, AuditActions.InviteMember, details: $"{address} as {role}", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new(MembershipOutcome.Invited, address, role);
    }

    public async Task<MembershipResult> ChangeRoleAsync(AuditActor actor, Guid organizationId, Guid membershipId, string? role, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (role is null || !ConsoleRoles.All.Contains(role))
        {
            return new(MembershipOutcome.RoleInvalid, Role: role);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.StaffMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct);
        if (member is null)
        {
            return new(MembershipOutcome.NotAMember);
        }
        if (member.Role == role)
        {
            return new(MembershipOutcome.RoleUnchanged, member.Email, role);
        }
        if (member.Role == ConsoleRoles.Admin && await IsLastAdminAsync(db, member, ct))
        {
            return new(MembershipOutcome.LastAdminCannotChangeRole, member.Email, member.Role);
        }
        var before = member.Role;
        member.Role = role;
        audit.Append(db, actor, AuditActions.ChangeMemberRole, details: $"{member.Email}: {before} → {role}", organizationId: organizationId);
        await EndSessionsAsync(db, member, ct);
        await db.SaveChangesAsync(ct);
        return new(MembershipOutcome.RoleChanged, member.Email, role);
    }

    public async Task<MembershipResult> RemoveAsync(AuditActor actor, Guid organizationId, Guid membershipId, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.StaffMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct);
        if (member is null)
        {
            return new(MembershipOutcome.NotAMember);
        }
        if (member.Role == ConsoleRoles.Admin && await IsLastAdminAsync(db, member, ct))
        {
            return new(MembershipOutcome.LastAdminCannotBeRemoved, member.Email, member.Role);
        }
        db.StaffMemberships.Remove(member);
        audit.Append(db, actor, AuditActions.RemoveMember, details: $"{member.Email} ({member.Role})", organizationId: organizationId);
        await EndSessionsAsync(db, member, ct);
        await db.SaveChangesAsync(ct);
        return new(MembershipOutcome.Removed, member.Email, member.Role);
    }

    private static async Task<bool> IsLastAdminAsync(DashboardDbContext db, StaffMembership member, CancellationToken ct) =>
        !await db.StaffMemberships.AnyAsync(m => m.OrganizationId == member.OrganizationId && m.Role == ConsoleRoles.Admin && m.Id != member.Id, ct);

    /// <summary>Deletes the person's stored sessions (row 13 of #18): their cookie stops working on every instance.</summary>
    private static async Task EndSessionsAsync(DashboardDbContext db, StaffMembership member, CancellationToken ct)
    {
        var sessions = await db.StaffSessions
            .Where(s => s.Email == member.Email || (member.Subject != null && s.Issuer == member.Issuer && s.Subject == member.Subject))
            .ToListAsync(ct);
        db.StaffSessions.RemoveRange(sessions);
    }
}
