using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Linking;
using Dashboard.Core.Practices;
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
        // The patient list sorts by these across a whole organisation and pages with the id as tie-breaker.
        entity.HasIndex(u => new { u.ClientUserId, u.Id });
        entity.HasIndex(u => new { u.CreatedAt, u.Id });
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
        entity.HasIndex(c => new { c.Status, c.ErrorType });
        entity.HasIndex(c => new { c.Provider, c.Region });
    }
}

internal sealed class TeamApiKeyConfiguration : IEntityTypeConfiguration<TeamApiKey>
{
    public void Configure(EntityTypeBuilder<TeamApiKey> entity)
    {
        entity.Property(k => k.KeyHash).HasMaxLength(64);
        entity.Property(k => k.Label).HasMaxLength(100);
        entity.Property(k => k.Prefix).HasMaxLength(16);
        entity.Property(k => k.CreatedBy).HasMaxLength(254);
        entity.HasIndex(k => k.KeyHash).IsUnique();
    }
}

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> entity)
    {
        entity.Property(p => p.PracticeId).HasMaxLength(100);
        entity.Property(p => p.PracticeIdKey).HasMaxLength(100);
        entity.Property(p => p.Region).HasMaxLength(8);
        entity.HasIndex(p => new { p.OrganizationId, p.PracticeIdKey, p.Region }).IsUnique();
    }
}

internal sealed class TeamPracticeBindingConfiguration : IEntityTypeConfiguration<TeamPracticeBinding>
{
    public void Configure(EntityTypeBuilder<TeamPracticeBinding> entity)
    {
        entity.HasKey(b => new { b.TeamId, b.Provider });
        entity.Property(b => b.Provider).HasMaxLength(32);
        entity.Property(b => b.PracticeId).HasMaxLength(100);
        entity.Property(b => b.PracticeIdKey).HasMaxLength(100);
    }
}

internal sealed class LinkTokenConfiguration : IEntityTypeConfiguration<LinkToken>
{
    public void Configure(EntityTypeBuilder<LinkToken> entity)
    {
        entity.Property(t => t.TokenHash).HasMaxLength(64);
        entity.Property(t => t.Provider).HasMaxLength(32);
        entity.Property(t => t.RedirectUrl).HasMaxLength(2000);
        entity.HasIndex(t => t.TokenHash).IsUnique();
    }
}

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> entity)
    {
        entity.ToTable("Events");
        entity.Property(e => e.EventType).HasMaxLength(64);
        entity.Property(e => e.ClientUserId).HasMaxLength(200);
        entity.HasIndex(e => new { e.TeamId, e.Id });
        entity.HasIndex(e => new { e.UserId, e.Id });
    }
}

internal sealed class StoredReadingConfiguration : IEntityTypeConfiguration<StoredReading>
{
    public void Configure(EntityTypeBuilder<StoredReading> entity)
    {
        entity.ToTable("Readings");
        entity.Property(r => r.Timestamp).HasConversion(t => StoreTime.ToTicks(t), ticks => StoreTime.FromTicks(ticks));
        entity.Property(r => r.DeviceSerial).HasMaxLength(64);
        entity.Property(r => r.Source).HasMaxLength(16);
        entity.HasIndex(r => new { r.UserId, r.Timestamp, r.Kind }).IsUnique();
    }
}

internal sealed class StoredNoteConfiguration : IEntityTypeConfiguration<StoredNote>
{
    public void Configure(EntityTypeBuilder<StoredNote> entity)
    {
        entity.ToTable("Notes");
        entity.Property(n => n.Timestamp).HasConversion(t => StoreTime.ToTicks(t), ticks => StoreTime.FromTicks(ticks));
        entity.Property(n => n.Text).HasMaxLength(2000);
        entity.Property(n => n.Source).HasMaxLength(16);
        entity.HasIndex(n => new { n.UserId, n.Timestamp, n.Kind }).IsUnique();
    }
}

internal sealed class StaffMembershipConfiguration : IEntityTypeConfiguration<StaffMembership>
{
    public void Configure(EntityTypeBuilder<StaffMembership> entity)
    {
        entity.Property(m => m.Email).HasMaxLength(254);
        entity.Property(m => m.Role).HasMaxLength(16);
        entity.Property(m => m.Issuer).HasMaxLength(300);
        entity.Property(m => m.Subject).HasMaxLength(200);
        entity.Property(m => m.InvitedBy).HasMaxLength(254);
        // One membership per person and organisation; a person may belong to several organisations.
        entity.HasIndex(m => new { m.OrganizationId, m.Email }).IsUnique();
        entity.HasIndex(m => m.Email);
        entity.HasIndex(m => new { m.Issuer, m.Subject });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entity)
    {
        entity.ToTable("AuditLog");
        entity.Property(e => e.Actor).HasMaxLength(254);
        entity.Property(e => e.ActorRole).HasMaxLength(32);
        entity.Property(e => e.Action).HasMaxLength(64);
        entity.Property(e => e.ClientUserId).HasMaxLength(200);
        entity.Property(e => e.ClientIp).HasMaxLength(64);
        entity.Property(e => e.Details).HasMaxLength(2000);
        entity.HasIndex(e => new { e.TeamId, e.Id });
        entity.HasIndex(e => e.At);
        entity.HasIndex(e => new { e.OrganizationId, e.Id });
    }
}

internal sealed class StoreWriteProbeConfiguration : IEntityTypeConfiguration<StoreWriteProbe>
{
    public void Configure(EntityTypeBuilder<StoreWriteProbe> entity)
    {
        entity.Property(p => p.Instance).HasMaxLength(StoreWriteProbeLimits.InstanceLength);
        entity.HasIndex(p => p.Instance);
    }
}

internal sealed class StaffPreferenceConfiguration : IEntityTypeConfiguration<Dashboard.Core.Preferences.StaffPreference>
{
    public void Configure(EntityTypeBuilder<Dashboard.Core.Preferences.StaffPreference> entity)
    {
        entity.HasKey(p => p.Email);
        entity.Property(p => p.Email).HasMaxLength(254);
        entity.Property(p => p.TimeZone).HasMaxLength(Dashboard.Core.Preferences.StaffPreference.MaxTimeZoneLength);
    }
}
