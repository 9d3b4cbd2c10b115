using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Overview;

/// <summary>The figures on the console's front page.</summary>
/// <param name="ConnectionsByHealth">
/// Connections counted by the same grouping as the status chip and the list's status filter, so each figure can link to
/// the list that shows exactly those rows (awaiting share is its own figure, not an error).
/// </param>
public sealed record OverviewCounts(
    int Organizations,
    int Teams,
    int Patients,
    IReadOnlyDictionary<ConnectionHealth, int> ConnectionsByHealth,
    IReadOnlyList<string> OrganizationNames)
{
    public int Count(ConnectionHealth health) => ConnectionsByHealth.GetValueOrDefault(health);
    public int Connections => ConnectionsByHealth.Values.Sum();


    public bool IsEmpty => Organizations == 0 && Teams == 0 && Patients == 0 && Connections == 0;

    /// <summary>The connection figures the front page shows, in order.</summary>
    public static IReadOnlyList<ConnectionHealth> Shown { get; } =
    [
        ConnectionHealth.Connected, ConnectionHealth.AwaitingShare, ConnectionHealth.PasswordExpired,
        ConnectionHealth.CredentialError, ConnectionHealth.OtherError,
    ];
}

public sealed class OverviewQuery(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Counts within the person's organisation (DESIGN §9); nothing for a person with no organisation.</summary>
    public async Task<OverviewCounts> GetAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamIds = scope.TeamIds.ToList();
        var byState = await db.Connections
            .Where(c => teamIds.Contains(c.User!.TeamId))
            .GroupBy(c => new { c.Status, c.ErrorType })
            .Select(g => new { g.Key.Status, g.Key.ErrorType, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byHealth = byState
            .GroupBy(s => ConnectionHealthRules.Classify(s.Status, s.ErrorType))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Count));
        var organizations = await db.Organizations.Where(o => o.Id == scope.OrganizationId).Select(o => o.Name).ToListAsync(cancellationToken);
        return new OverviewCounts(
            organizations.Count,
            teamIds.Count,
            await db.Users.CountAsync(u => teamIds.Contains(u.TeamId), cancellationToken),
            byHealth,
            organizations);
    }
}
