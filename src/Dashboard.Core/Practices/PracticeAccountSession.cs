using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Practices;

/// <summary>
/// The one signed-in LibreView session of a practice account, shared by linking, re-checks and sync of every app
/// instance (so LibreView sees one login, not one per search). Secrets are encrypted with Data Protection.
/// </summary>
public sealed class PracticeAccountSession
{
    /// <summary><see cref="PracticeAccount.Key"/>.</summary>
    public required string AccountKey { get; set; }

    /// <summary>The protected <see cref="LibreView.Client.LibreViewSession"/>, or null when signed out.</summary>
    public string? ProtectedSession { get; set; }

    /// <summary>The protected trusted-device token LibreView gave the last sign-in with a code.</summary>
    public string? ProtectedTrustedDevice { get; set; }

    /// <summary>Until when that token is expected to hold (14 days from its issue, reference §2.4).</summary>
    public DateTime? TrustedDeviceExpiresAt { get; set; }

    /// <summary>A protected two-factor challenge waiting for the code an admin reads from the practice mailbox.</summary>
    public string? ProtectedPendingMfa { get; set; }

    public DateTime? SignedInAt { get; set; }

    /// <summary>Why the account cannot sign in unattended, in plain words; null while it can.</summary>
    public string? Problem { get; set; }
    public DateTime? ProblemSince { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class PracticeAccountSessionConfiguration : IEntityTypeConfiguration<PracticeAccountSession>
{
    public void Configure(EntityTypeBuilder<PracticeAccountSession> entity)
    {
        entity.ToTable("PracticeAccountSessions");
        entity.HasKey(s => s.AccountKey);
        entity.Property(s => s.AccountKey).HasMaxLength(400);
        entity.Property(s => s.Problem).HasMaxLength(1000);
    }
}
