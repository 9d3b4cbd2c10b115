using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Access;

/// <summary>
/// A console sign-in session kept in the store (the cookie holds only its key): signing out, a role change or a member's
/// removal deletes the row, and the cookie stops working on every instance at once.
/// </summary>
public sealed class StaffSession
{
    /// <summary>Random key the session cookie carries.</summary>
    public required string Id { get; set; }

    /// <summary>Normalised email of the person (to end all their sessions when their membership changes).</summary>
    public string? Email { get; set; }
    public string? Issuer { get; set; }
    public string? Subject { get; set; }

    /// <summary>The authentication ticket, serialised and protected with the app's data protection key ring.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> entity)
    {
        entity.Property(s => s.Id).HasMaxLength(64);
        entity.Property(s => s.Email).HasMaxLength(254);
        entity.Property(s => s.Issuer).HasMaxLength(300);
        entity.Property(s => s.Subject).HasMaxLength(200);
        entity.HasIndex(s => s.Email);
        entity.HasIndex(s => new { s.Issuer, s.Subject });
        entity.HasIndex(s => s.ExpiresAt);
    }
}
