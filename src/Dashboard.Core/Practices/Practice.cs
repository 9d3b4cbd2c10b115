using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;

namespace Dashboard.Core.Practices;

/// <summary>
/// A customer's own LibreView practice (Scale plan). Our practice account is invited to it as Care Team
/// Admin; it turns <see cref="PracticeStatus.Active"/> once that account can see it through LibreView.
/// </summary>
public sealed class Practice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>LibreView's practice id, as typed; compared case-insensitively through <see cref="PracticeIdKey"/>.</summary>
    public required string PracticeId { get; set; }
    public required string PracticeIdKey { get; set; }
    public string? Name { get; set; }

    /// <summary>LibreView region code (e.g. <c>us</c>, <c>de</c>).</summary>
    public required string Region { get; set; }
    public TeamEnvironment Environment { get; set; }
    public PracticeStatus Status { get; set; } = PracticeStatus.Invited;
    public DateTime CreatedAt { get; set; }
    public DateTime? VerifiedAt { get; set; }

    public static string KeyOf(string practiceId) => practiceId.Trim().ToLowerInvariant();
}

public enum PracticeStatus
{
    Invited,
    Active,
}

/// <summary>A team's patient search is restricted to one practice; affects new connections only.</summary>
public sealed class TeamPracticeBinding
{
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Provider { get; set; }
    public required string PracticeId { get; set; }
    public required string PracticeIdKey { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The practices Junction-style integrations offer every customer, per environment, in every region.</summary>
public static class BuiltInPractices
{
    public const string Sandbox = "tryVital-sandbox";
    public const string Production = "tryVital";

    public static string For(TeamEnvironment environment) => environment == TeamEnvironment.Sandbox ? Sandbox : Production;
}
