using Dashboard.Core.Organizations;

namespace Dashboard.Core.Teams;

/// <summary>A team lives in one environment and one deployment region (DESIGN §3).</summary>
public sealed class Team
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public TeamEnvironment Environment { get; set; }
    public DeploymentRegion DeploymentRegion { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Refuse a link when the same LibreView account is already linked to another user of this team.</summary>
    public bool RejectDuplicateConnection { get; set; } = true;
}

public enum TeamEnvironment
{
    Sandbox,
    Production,
}

public enum DeploymentRegion
{
    Us,
    Eu,
}
