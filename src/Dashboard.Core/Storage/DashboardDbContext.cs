using Dashboard.Core.Connections;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Connection> Connections => Set<Connection>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Plan>().HaveConversion<LowerCaseEnumConverter<Plan>>().HaveMaxLength(16);
        configurationBuilder.Properties<TeamEnvironment>().HaveConversion<LowerCaseEnumConverter<TeamEnvironment>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeploymentRegion>().HaveConversion<LowerCaseEnumConverter<DeploymentRegion>>().HaveMaxLength(8);
        configurationBuilder.Properties<ConnectionStatus>().HaveConversion<LowerCaseEnumConverter<ConnectionStatus>>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
}
