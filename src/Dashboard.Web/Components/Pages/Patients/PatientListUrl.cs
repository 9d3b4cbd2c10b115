using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>The sort of the patient list: a column and a direction.</summary>
public sealed record PatientListSort(PatientListColumn Column, bool Descending)
{
    public static PatientListSort Default { get; } = new(PatientListColumns.Patient, false);

    /// <summary>Pressing a header: the same column flips direction, another starts ascending.</summary>
    public PatientListSort Toggle(PatientListColumn column) => column == Column ? this with { Descending = !Descending } : new(column, false);
}

/// <summary>
/// The patient list's view as URL query values (filters, sort, chosen columns), so a view can be bookmarked and shared.
/// </summary>
public static class PatientListUrl
{
    public static string For(string path, PatientListFilter filter, PatientListSort? sort = null, IEnumerable<PatientListColumn>? columns = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Health is { } h ? ConnectionHealthRules.Slug(h) : null,
            ["error"] = filter.ErrorType,
            ["provider"] = filter.Provider,
            ["team"] = filter.TeamId?.ToString(),
            ["region"] = filter.Region,
            ["q"] = filter.Search,
            ["tag"] = filter.Tag,
            ["sort"] = sort is null || sort == PatientListSort.Default ? null : sort.Column.Key,
            ["desc"] = sort is { Descending: true } ? "1" : null,
            ["cols"] = columns is null ? null : PatientListColumns.Format(columns),
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    /// <summary>The filter of a URL's values; a tag is compared as tags are stored (trimmed, lower-case).</summary>
    public static PatientListFilter Parse(string? status, string? error, string? provider, string? team, string? region, string? search,
        string? tag = null) => new(
        ConnectionHealthRules.FromSlug(status),
        FormText.OrNull(error),
        FormText.OrNull(provider),
        Guid.TryParse(team, out var teamId) ? teamId : null,
        FormText.OrNull(region)?.ToLowerInvariant(),
        FormText.OrNull(search),
        FormText.OrNull(tag)?.ToLowerInvariant());

    /// <summary>An unknown column key sorts by the patient, as the list does without one.</summary>
    public static PatientListSort ParseSort(string? key, string? descending) =>
        PatientListColumns.ByKey(key) is { } column ? new(column, descending == "1") : PatientListSort.Default with { Descending = descending == "1" };
}
