using Dashboard.Core.Connections;
using Dashboard.Core.Organizations;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Practices;

/// <summary>Arranges the demo store directly: plan, custom practices in a given state, bindings, existing connections.</summary>
internal sealed class PracticeStoreSetup(IServiceProvider services)
{
    public async Task<T> WithStoreAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    public Task<Organization> OrganizationAsync() => WithStoreAsync(db => db.Organizations.Include(o => o.Teams).SingleAsync());

    public async Task<Team> TeamAsync(string name) => (await OrganizationAsync()).Teams.Single(t => t.Name == name);

    public Task SetPlanAsync(Plan plan) => WithStoreAsync(db => db.Organizations.ExecuteUpdateAsync(o => o.SetProperty(x => x.Plan, plan)));

    public async Task AddPracticeAsync(string practiceId, PracticeStatus status, TeamEnvironment environment = TeamEnvironment.Sandbox, string region = "us")
    {
        var organizationId = (await OrganizationAsync()).Id;
        await WithStoreAsync(db =>
        {
            db.Practices.Add(new Practice
            {
                OrganizationId = organizationId, PracticeId = practiceId, PracticeIdKey = Practice.KeyOf(practiceId),
                Region = region, Environment = environment, Status = status, CreatedAt = DateTime.UtcNow,
                VerifiedAt = status == PracticeStatus.Active ? DateTime.UtcNow : null,
            });
            return db.SaveChangesAsync();
        });
    }

    public Task BindAsync(Guid teamId, string practiceId) => WithStoreAsync(db =>
    {
        db.TeamPracticeBindings.Add(new TeamPracticeBinding
        {
            TeamId = teamId, Provider = Providers.FreeStyleLibre, PracticeId = practiceId, PracticeIdKey = Practice.KeyOf(practiceId), CreatedAt = DateTime.UtcNow,
        });
        return db.SaveChangesAsync();
    });

    public Task AddConnectionsAsync(Guid teamId, int count, string provider = Providers.FreeStyleLibre) => WithStoreAsync(db =>
    {
        for (var i = 0; i < count; i++)
        {
            var user = new User { TeamId = teamId, ClientUserId = $"{provider}-{Guid.NewGuid():N}", CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            db.Connections.Add(new Connection
            {
                UserId = user.Id, Provider = provider, Region = "us", PracticeId = BuiltInPractices.Sandbox,
                Status = ConnectionStatus.Connected, CreatedAt = DateTime.UtcNow,
            });
        }
        return db.SaveChangesAsync();
    });
}
