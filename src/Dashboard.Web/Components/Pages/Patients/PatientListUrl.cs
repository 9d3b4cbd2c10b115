using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>The patient list's filters as URL query values, so a view can be bookmarked and shared.</summary>
public static class PatientListUrl
{
    public static string For(string path, PatientListFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Health is { } h ? ConnectionHealthRules.Slug(h) : null,
            ["error"] = filter.ErrorType,
            ["provider"] = filter.Provider,
            ["team"] = filter.TeamId?.ToString(),
            ["region"] = filter.Region,
            ["q"] = filter.Search,
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    public static PatientListFilter Parse(string? status, string? error, string? provider, string? team, string? region, string? search) => new(
        ConnectionHealthRules.FromSlug(status),
        FormText.OrNull(error),
        FormText.OrNull(provider),
        Guid.TryParse(team, out var teamId) ? teamId : null,
        FormText.OrNull(region)?.ToLowerInvariant(),
        FormText.OrNull(search));

}
