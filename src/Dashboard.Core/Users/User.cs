using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Teams;

namespace Dashboard.Core.Users;

/// <summary>A patient as the customer knows them: <see cref="ClientUserId"/> is theirs, unique per team, never PII.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string ClientUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Junction's fallback time zone (an IANA id) and when it was last set; LibreView times are floating, so it is only kept.</summary>
    [MaxLength(64)]
    public string? FallbackTimeZone { get; set; }
    public DateTime? FallbackTimeZoneUpdatedAt { get; set; }
    public DateOnly? FallbackBirthDate { get; set; }
    public DateTime? FallbackBirthDateUpdatedAt { get; set; }

    /// <summary>Junction's data ingestion bounds, as the customer set them.</summary>
    public DateOnly? IngestionStart { get; set; }
    public DateOnly? IngestionEnd { get; set; }

    /// <summary>When the user was deleted; within <see cref="PatientDirectory.DeletionGrace"/> the deletion can be undone.</summary>
    public DateTime? DeletedAt { get; set; }
}
