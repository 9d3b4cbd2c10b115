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

/// <summary>What a membership change came to: done, or refused with a reason a person can act on.</summary>
public sealed record MembershipResult(bool Succeeded, string Message)
{
    public static MembershipResult Done(string message) => new(true, message);
    public static MembershipResult Refused(string message) => new(false, message);
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
            return MembershipResult.Refused("Enter the person's email address, e.g. name@example.org.");
        }
        if (role is null || !ConsoleRoles.All.Contains(role))
        {
            return MembershipResult.Refused($"Choose a role: {string.Join(", ", ConsoleRoles.All)}.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.StaffMemberships.AnyAsync(m => m.OrganizationId == organizationId && m.Email == address, ct))
        {
            return MembershipResult.Refused($"{address} is already a member.");
        }
        db.StaffMemberships.Add(new StaffMembership
        {
            Email = address, OrganizationId = organizationId, Role = role, CreatedAt = time.GetUtcNow().UtcDateTime, InvitedBy = actor.Name,
        });
        audit.Append(db, actor, AuditActions.InviteMember, details: $"{address} as {role}", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return MembershipResult.Done($"{address} may now sign in as {role}.");
    }

    public async Task<MembershipResult> ChangeRoleAsync(AuditActor actor, Guid organizationId, Guid membershipId, string? role, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (role is null || !ConsoleRoles.All.Contains(role))
        {
            return MembershipResult.Refused($"Choose a role: {string.Join(", ", ConsoleRoles.All)}.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.StaffMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct);
        if (member is null)
        {
            return MembershipResult.Refused("That person is not a member of this organisation.");
        }
        if (member.Role == role)
        {
            return MembershipResult.Done($"{member.Email} is already {role}.");
        }
        if (member.Role == ConsoleRoles.Admin && await IsLastAdminAsync(db, member, ct))
        {
            return MembershipResult.Refused($"{member.Email} is the organisation's only admin: make someone else admin first.");
        }
        var before = member.Role;
        member.Role = role;
        audit.Append(db, actor, AuditActions.ChangeMemberRole, details: $"{member.Email}: {before} → {role}", organizationId: organizationId);
        await EndSessionsAsync(db, member, ct);
        await db.SaveChangesAsync(ct);
        return MembershipResult.Done($"{member.Email} is now {role}.");
    }

    public async Task<MembershipResult> RemoveAsync(AuditActor actor, Guid organizationId, Guid membershipId, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.StaffMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct);
        if (member is null)
        {
            return MembershipResult.Refused("That person is not a member of this organisation.");
        }
        if (member.Role == ConsoleRoles.Admin && await IsLastAdminAsync(db, member, ct))
        {
            return MembershipResult.Refused($"{member.Email} is the organisation's only admin and cannot be removed.");
        }
        db.StaffMemberships.Remove(member);
        audit.Append(db, actor, AuditActions.RemoveMember, details: $"{member.Email} ({member.Role})", organizationId: organizationId);
        await EndSessionsAsync(db, member, ct);
        await db.SaveChangesAsync(ct);
        return MembershipResult.Done($"{member.Email} no longer belongs to this organisation.");
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
