using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Linking;

/// <summary>What the Link widget needs to show for a token: providers, the team's region codes, expiry.</summary>
public sealed record LinkWidgetContext(
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> RegionCodes,
    string DefaultRegion,
    string PracticeToShareWith,
    DateTime ExpiresAt,
    string? RedirectUrl);

public sealed class LinkWidgetQuery(IDbContextFactory<DashboardDbContext> contexts, LinkTokenService tokens)
{
    /// <summary>The context, or the error type that makes the token unusable.</summary>
    public async Task<(LinkWidgetContext? Context, string? ErrorType)> DescribeAsync(string? tokenSecret, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var check = await tokens.CheckAsync(db, tokenSecret, null, ct);
        if (!check.IsValid)
        {
            return (null, check.ErrorType);
        }
        var token = check.Token!;
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == token.TeamId, ct);
        var binding = await db.TeamPracticeBindings.AsNoTracking()
            .Where(b => b.TeamId == team.Id).Select(b => b.PracticeId).FirstOrDefaultAsync(ct);
        return (new LinkWidgetContext(
            LinkTokenService.AllowedProviders(token),
            LibreViewCountries.CodesFor(team.DeploymentRegion),
            LibreViewCountries.DefaultFor(team.DeploymentRegion),
            binding ?? BuiltInPractices.For(team.Environment),
            token.ExpiresAt,
            token.RedirectUrl), null);
    }
}
