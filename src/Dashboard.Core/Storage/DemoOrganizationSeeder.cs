using Dashboard.Core.ApiKeys;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Storage;

/// <summary>Development seed settings (<c>Seed</c> section).</summary>
public sealed class DemoSeedOptions
{
    public bool DemoData { get; set; }

    /// <summary>Team name → API key, e.g. <c>"Sandbox US": "dev_sandbox_us_key"</c>.</summary>
    public Dictionary<string, string> TeamApiKeys { get; set; } = [];
}

/// <summary>Development seed: "Demo Health" on the scale plan with a US sandbox team and an EU production team.</summary>
internal sealed class DemoOrganizationSeeder(TimeProvider time, IOptions<DemoSeedOptions> options) : IStoreSeeder
{
    public const string OrganizationName = "Demo Health";

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(o => o.Name == OrganizationName, cancellationToken))
        {
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
        await db.SaveChangesAsync(cancellationToken);
    }
}
