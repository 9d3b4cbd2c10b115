using Dashboard.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.ApiKeys;

/// <summary>
/// An organisation's management key for the Org Management API (<c>X-Management-Key</c>), stored only as a SHA-256
/// hash; an admin creates it in the console (the secret is shown once) and revokes it there.
/// </summary>
public sealed class ManagementKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string KeyHash { get; set; }

    /// <summary>The first characters of the secret, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string Label { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class ManagementKeyConfiguration : IEntityTypeConfiguration<ManagementKey>
{
    public void Configure(EntityTypeBuilder<ManagementKey> entity)
    {
        entity.Property(k => k.KeyHash).HasMaxLength(64);
        entity.Property(k => k.Prefix).HasMaxLength(16);
        entity.Property(k => k.Label).HasMaxLength(100);
        entity.Property(k => k.CreatedBy).HasMaxLength(200);
        entity.HasIndex(k => k.KeyHash).IsUnique();
        entity.HasIndex(k => k.OrganizationId);
    }
}
