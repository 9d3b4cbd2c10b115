using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Events.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> entity)
    {
        entity.ToTable("WebhookEndpoints");
        entity.Property(e => e.Url).HasMaxLength(WebhookUrlRule.MaxLength);
        entity.Property(e => e.ProtectedSecret).HasMaxLength(2000);
        entity.Property(e => e.ProtectedPreviousSecret).HasMaxLength(2000);
        entity.Property(e => e.LeaseOwner).HasMaxLength(200);
        entity.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId);
        entity.HasIndex(e => new { e.TeamId, e.Enabled });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> entity)
    {
        entity.ToTable("WebhookDeliveries");
        entity.Property(d => d.Status).HasConversion<LowerCaseEnumConverter<WebhookDeliveryStatus>>().HasMaxLength(16);
        entity.Property(d => d.LastError).HasMaxLength(WebhookSender.MaxErrorLength);
        entity.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<StoredEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        entity.HasIndex(d => new { d.EndpointId, d.Status, d.EventId });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> entity)
    {
        entity.ToTable("WebhookAttempts");
        entity.Property(a => a.Error).HasMaxLength(WebhookSender.MaxErrorLength);
        entity.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(a => new { a.DeliveryId, a.Id });
    }
}

/// <summary>The webhook tables, reached from the shared context without adding to its file.</summary>
public static class WebhookStore
{
    extension(DashboardDbContext db)
    {
        public DbSet<WebhookEndpoint> WebhookEndpoints => db.Set<WebhookEndpoint>();
        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();
        public DbSet<WebhookAttempt> WebhookAttempts => db.Set<WebhookAttempt>();
    }
}

/// <summary>
/// Indexes for the console's event list filters (type, patient within a team, newest first). They add to
/// <c>StoredEventConfiguration</c> in Storage, which owns the rest of the events table.
/// </summary>
internal sealed class StoredEventStreamIndexes : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> entity)
    {
        entity.HasIndex(e => new { e.TeamId, e.EventType, e.Id });
        entity.HasIndex(e => new { e.TeamId, e.ClientUserId, e.Id });
    }
}
