using System.Globalization;
using Dashboard.Core.Events;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>
/// The event list's filters as the form edits them and as the URL carries them
/// (<c>/events?type=…&amp;team=…&amp;patient=…&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>), so a view can be bookmarked.
/// </summary>
public sealed class EventFilterForm
{
    private const string DayFormat = "yyyy-MM-dd";

    public string Type { get; set; } = "";
    public string Team { get; set; } = "";
    public string Patient { get; set; } = "";
    public DateRange Days { get; set; } = new();

    public static EventFilterForm FromQuery(string? type, string? team, string? patient, string? from, string? to) => new()
    {
        Type = type ?? "",
        Team = Guid.TryParse(team, out var teamId) ? teamId.ToString() : "",
        Patient = patient ?? "",
        Days = new DateRange(ParseDay(from), ParseDay(to)),
    };

    public EventFilter ToFilter() =>
        EventFilter.ForDays(Type, Guid.TryParse(Team, out var teamId) ? teamId : null, Patient, Days.Start, Days.End);

    public bool IsEmpty => ToFilter() == new EventFilter();

    public string ToUrl(string path)
    {
        var query = new Dictionary<string, string?>
        {
            ["type"] = Blank(Type),
            ["team"] = Blank(Team),
            ["patient"] = Blank(Patient?.Trim()),
            ["from"] = Days.Start?.ToString(DayFormat, CultureInfo.InvariantCulture),
            ["to"] = Days.End?.ToString(DayFormat, CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime? ParseDay(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
