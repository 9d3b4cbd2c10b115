using Dashboard.Core.Teams;

namespace Dashboard.Core.Organizations;

/// <summary>A customer of the console: owns teams and chooses a plan.</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public Plan Plan { get; set; } = Plan.Launch;
    public DateTime CreatedAt { get; set; }
    public List<Team> Teams { get; set; } = [];
}

/// <summary>Commercial plan; custom practices and practice bindings need <see cref="Scale"/>.</summary>
public enum Plan
{
    Launch,
    Grow,
    Scale,
}
