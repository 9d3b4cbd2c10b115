using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Invitations;

internal sealed class PatientInvitationConfiguration : IEntityTypeConfiguration<PatientInvitation>
{
    public void Configure(EntityTypeBuilder<PatientInvitation> entity)
    {
        entity.ToTable("PatientInvitations");
        entity.Property(i => i.Kind).HasMaxLength(16);
        entity.Property(i => i.Provider).HasMaxLength(32);
        entity.Property(i => i.Email).HasMaxLength(320);
        entity.Property(i => i.SecretHash).HasMaxLength(128);
        entity.Property(i => i.CreatedBy).HasMaxLength(320);
        entity.HasIndex(i => i.SecretHash).IsUnique();
        entity.HasIndex(i => i.UserId);
        entity.HasOne<Users.User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
