using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>Development seed: "Demo Health" on the scale plan with a US sandbox team and an EU production team.</summary>
internal sealed class DemoOrganizationSeeder(TimeProvider time) : IStoreSeeder
{
    public const string OrganizationName = "Demo Health";

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(o => o.Name == OrganizationName, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.Organizations.Add(new Organization
        {
            Name = OrganizationName,
            Plan = Plan.Scale,
            CreatedAt = now,
            Teams =
            [
                new Team { Name = "Sandbox US", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now },
                new Team { Name = "Production EU", Environment = TeamEnvironment.Production, DeploymentRegion = DeploymentRegion.Eu, CreatedAt = now },
            ],
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
