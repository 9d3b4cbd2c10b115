using Dashboard.Core.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Sync;

internal sealed class ConnectionSyncStateConfiguration : IEntityTypeConfiguration<ConnectionSyncState>
{
    public void Configure(EntityTypeBuilder<ConnectionSyncState> entity)
    {
        entity.ToTable("SyncStates");
        entity.HasKey(s => s.ConnectionId);
        entity.HasOne(s => s.Connection).WithOne().HasForeignKey<ConnectionSyncState>(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        entity.Property(s => s.LeaseOwner).HasMaxLength(200);
        entity.Property(s => s.LastErrorType).HasMaxLength(64);
        entity.Property(s => s.LastErrorMessage).HasMaxLength(1000);
        entity.HasIndex(s => s.NextDueAt);
    }
}

internal sealed class HistoricalPullConfiguration : IEntityTypeConfiguration<HistoricalPull>
{
    public void Configure(EntityTypeBuilder<HistoricalPull> entity)
    {
        entity.ToTable("HistoricalPulls");
        entity.HasKey(p => p.ConnectionId);
        entity.HasOne<Connection>().WithOne().HasForeignKey<HistoricalPull>(p => p.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        entity.Property(p => p.Status).HasMaxLength(16);
        entity.Property(p => p.ErrorType).HasMaxLength(64);
        entity.Property(p => p.ErrorMessage).HasMaxLength(1000);
        entity.Ignore(p => p.Timeline);
    }
}

internal sealed class RegionBackoffConfiguration : IEntityTypeConfiguration<RegionBackoff>
{
    public void Configure(EntityTypeBuilder<RegionBackoff> entity)
    {
        entity.ToTable("RegionBackoffs");
        entity.HasKey(b => b.Region);
        entity.Property(b => b.Region).HasMaxLength(8);
    }
}
