using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Notifications;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> entity)
    {
        entity.ToTable("OutgoingMails");
        entity.Property(m => m.To).HasMaxLength(320);
        entity.Property(m => m.Subject).HasMaxLength(300);
        entity.Property(m => m.TextBody).HasMaxLength(64_000);
        entity.Property(m => m.LastError).HasMaxLength(500);
        entity.Property(m => m.LeaseOwner).HasMaxLength(200);
        entity.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        entity.HasIndex(m => m.InvitationId);
    }
}

internal sealed class StaffNotificationConfiguration : IEntityTypeConfiguration<StaffNotification>
{
    public void Configure(EntityTypeBuilder<StaffNotification> entity)
    {
        entity.ToTable("StaffNotifications");
        entity.Property(n => n.ClientUserId).HasMaxLength(200);
        entity.Property(n => n.Provider).HasMaxLength(32);
        entity.Property(n => n.ErrorType).HasMaxLength(64);
        entity.HasIndex(n => new { n.MembershipId, n.ReadAt });
        entity.HasOne<Access.StaffMembership>().WithMany().HasForeignKey(n => n.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationSettingConfiguration : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> entity)
    {
        entity.ToTable("NotificationSettings");
        entity.HasKey(s => s.MembershipId);
        entity.Property(s => s.Delivery).HasMaxLength(16);
        entity.HasOne<Access.StaffMembership>().WithMany().HasForeignKey(s => s.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}
