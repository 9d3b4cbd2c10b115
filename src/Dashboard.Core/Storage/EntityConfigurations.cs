using Dashboard.Core.Connections;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> entity)
    {
        entity.Property(o => o.Name).HasMaxLength(200);
        entity.HasMany(o => o.Teams).WithOne(t => t.Organization).HasForeignKey(t => t.OrganizationId);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> entity) => entity.Property(t => t.Name).HasMaxLength(200);
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> entity)
    {
        entity.Property(u => u.ClientUserId).HasMaxLength(200);
        entity.HasIndex(u => new { u.TeamId, u.ClientUserId }).IsUnique();
    }
}

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> entity)
    {
        entity.Property(c => c.Provider).HasMaxLength(32);
        entity.Property(c => c.Region).HasMaxLength(8);
        entity.Property(c => c.PracticeId).HasMaxLength(100);
        entity.Property(c => c.ExternalUserId).HasMaxLength(100);
        entity.Property(c => c.ErrorType).HasMaxLength(64);
        entity.HasIndex(c => new { c.UserId, c.Provider }).IsUnique();
        entity.HasIndex(c => c.Status);
    }
}
