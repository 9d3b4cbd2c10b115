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
}
