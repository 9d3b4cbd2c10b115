using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Connections;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Storage;

/// <summary>Development seed settings (<c>Seed</c> section).</summary>
public sealed class DemoSeedOptions
{
    public bool DemoData { get; set; }

    /// <summary>Team name → API key, e.g. <c>"Sandbox US": "dev_sandbox_us_key"</c>.</summary>
    public Dictionary<string, string> TeamApiKeys { get; set; } = [];

    /// <summary>
    /// An <c>abbott_libreview</c> connection the organisation already had before the provider closed to new
    /// connections, so the gate is open in the demo. Its LibreView login must exist in the simulator.
    /// </summary>
    public FoundingConnectionSeed? FoundingConnection { get; set; }

    /// <summary>
    /// The console people of the demo organisation: <c>"email"</c> (an admin) or <c>"email as role"</c>,
    /// e.g. <c>"support@example.org as support"</c>.
    /// </summary>
    public List<string> StaffMembers { get; set; } = [];

    /// <summary>Email and role of a <see cref="StaffMembers"/> entry.</summary>
    public static (string Email, string Role) ParseStaffMember(string entry)
    {
        var parts = entry.Split(" as ", 2, StringSplitOptions.TrimEntries);
        var role = parts.Length == 2 ? parts[1].ToLowerInvariant() : ConsoleRoles.Admin;
        if (!ConsoleRoles.All.Contains(role))
        {
            throw new InvalidOperationException($"Seed:StaffMembers has an unknown role in '{entry}' (roles: {string.Join(", ", ConsoleRoles.All)}).");
        }
        return (StaffIdentity.Normalize(parts[0]) ?? throw new InvalidOperationException("Seed:StaffMembers has an empty entry."), role);
    }
}

public sealed class FoundingConnectionSeed
{
    public string Team { get; set; } = "";
    public string ClientUserId { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string Region { get; set; } = "us";
}

/// <summary>Development seed: "Demo Health" on the scale plan with a US sandbox team and an EU production team.</summary>
internal sealed class DemoOrganizationSeeder(TimeProvider time, IOptions<DemoSeedOptions> options, CredentialVault vault) : IStoreSeeder
{
    public const string OrganizationName = "Demo Health";

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organizations.FirstOrDefaultAsync(o => o.Name == OrganizationName, cancellationToken) is { } seeded)
        {
            await KeepSeededStaffAsync(db, seeded.Id, cancellationToken);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organization = new Organization
        {
            Name = OrganizationName,
            Plan = Plan.Scale,
            CreatedAt = now,
            Teams =
            [
                new Team { Name = "Sandbox US", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now },
                new Team { Name = "Production EU", Environment = TeamEnvironment.Production, DeploymentRegion = DeploymentRegion.Eu, CreatedAt = now },
            ],
        };
        db.Organizations.Add(organization);
        foreach (var (teamName, key) in options.Value.TeamApiKeys)
        {
            var team = organization.Teams.FirstOrDefault(t => t.Name == teamName)
                ?? throw new InvalidOperationException($"Seed:TeamApiKeys names a team that is not seeded: '{teamName}'.");
            db.TeamApiKeys.Add(new TeamApiKey { TeamId = team.Id, KeyHash = SecretHash.Of(key), Label = "development key", CreatedAt = now });
        }
        foreach (var (email, role) in options.Value.StaffMembers.Select(DemoSeedOptions.ParseStaffMember))
        {
            db.StaffMemberships.Add(new StaffMembership { Email = email, Role = role, OrganizationId = organization.Id, CreatedAt = now, InvitedBy = "seed" });
        }
        if (options.Value.FoundingConnection is { } founding)
        {
            var team = organization.Teams.First(t => t.Name == founding.Team);
            var user = new User { TeamId = team.Id, ClientUserId = founding.ClientUserId, CreatedAt = now };
            db.Users.Add(user);
            db.Connections.Add(new Connection
            {
                UserId = user.Id,
                Provider = Providers.AbbottLibreView,
                Region = founding.Region,
                Status = ConnectionStatus.Connected,
                CreatedAt = now,
                ProtectedCredentials = vault.Protect(new StoredCredentials(founding.Email, founding.Password, null)),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A development store made before roles lived in the store gets the seeded people back with their roles.</summary>
    private async Task KeepSeededStaffAsync(DashboardDbContext db, Guid organizationId, CancellationToken ct)
    {
        var existing = await db.StaffMemberships.Where(m => m.OrganizationId == organizationId).ToListAsync(ct);
        foreach (var (email, role) in options.Value.StaffMembers.Select(DemoSeedOptions.ParseStaffMember))
        {
            if (existing.FirstOrDefault(m => m.Email == email) is { } member)
            {
                if (member.InvitedBy is null)
                {
                    member.Role = role; // a membership from before this seed kept roles: give it the seeded one once
                    member.InvitedBy = "seed";
                }
            }
            else
            {
                db.StaffMemberships.Add(new StaffMembership { Email = email, Role = role, OrganizationId = organizationId, CreatedAt = time.GetUtcNow().UtcDateTime, InvitedBy = "seed" });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
