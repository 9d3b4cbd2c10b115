using Dashboard.Core.Validation;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Dashboard.Core.Connections;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>ClientFacingGlucoseTimeseries</c> sample.</summary>
internal sealed record GlucoseSample(string Timestamp, int? TimezoneOffset, string Type, string Unit, double Value);

/// <summary>An hourly note-like sample: [start, end) at the start of the hour (Junction's note, carbohydrates and insulin samples).</summary>
internal sealed record GroupedSample(string Timestamp, string Start, string End, int? TimezoneOffset, string? Type, string Unit, object Value);

/// <summary>Junction's <c>ClientFacingSource</c>.</summary>
internal sealed record SampleSource(string Provider, string Type, string? AppId);

internal sealed record SampleGroup<T>(SampleSource Source, IReadOnlyList<T> Data);

/// <summary>Junction's <c>Grouped…Response</c>; <c>next</c> and <c>next_cursor</c> carry the same cursor (<c>next</c> is the deprecated name).</summary>
internal sealed record GroupedResponse<T>(IReadOnlyDictionary<string, IReadOnlyList<SampleGroup<T>>> Groups, string? Next, string? NextCursor);

/// <summary>
/// <c>GET /v2/timeseries/{user_id}/glucose</c>, <c>/glucose/grouped</c> and <c>/{note|carbohydrates|insulin_injection}/grouped</c>,
/// on floating time (DESIGN §7).
/// </summary>
internal static class TimeseriesEndpoints
{
    public static RouteGroupBuilder MapTimeseriesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/timeseries/{user_id}/glucose", GlucoseAsync).WithName("GlucoseTimeseries")
            .Produces<List<GlucoseSample>>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapGet("/v2/timeseries/{user_id}/glucose/grouped", GroupedGlucoseAsync).WithName("GroupedGlucoseTimeseries")
            .Produces<GroupedResponse<GlucoseSample>>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        foreach (var (resource, kind, name) in NoteResources)
        {
            api.MapGet($"/v2/timeseries/{{user_id}}/{resource}/grouped",
                    ([FromRoute(Name = "user_id")] Guid userId, [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate,
                        string? provider, HttpContext http, TimeseriesQuery query, TimeProvider time, CancellationToken ct) =>
                    GroupedAsync(userId, kind, startDate, endDate, provider, http, query, time, ct))
                .WithName(name)
                .Produces<GroupedResponse<GroupedSample>>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        }
        return api;
    }

    /// <summary>Junction's glucose <c>type</c> of a reading.</summary>
    internal static string TypeOf(ReadingKind kind) => kind == ReadingKind.Automatic ? "automatic" : "manual_scan";

    private static async Task<IResult> GlucoseAsync([FromRoute(Name = "user_id")] Guid userId, [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate, string? provider, string? unit,
        HttpContext http, TimeseriesQuery query, TimeProvider time, CancellationToken ct)
    {
        var (from, to, problem) = ValidateWindow(startDate, endDate, provider, time);
        if (problem is not null) return problem;
        if (UnitOf(unit) is not { } answerUnit) return ApiProblems.BadRequest("unit must be mmol/L (the default) or mg/dL.");
        if (!await query.IsTeamUserAsync(http.ApiTeam().Id, userId, ct)) return UserEndpoints.NoSuchUser();

        return await GlucoseSamplesJson.StartAsync(query.GlucoseAsync(userId, from, to, NoneIfEmpty(provider)), answerUnit, ct);
    }

    /// <summary>Samples per page of <c>glucose/grouped</c>; <c>next_cursor</c> leads to the rest of the window.</summary>
    public const int GlucosePageSize = 1000;

    private static async Task<IResult> GroupedGlucoseAsync([FromRoute(Name = "user_id")] Guid userId, [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate, string? provider, string? unit,
        [FromQuery(Name = "next_cursor")] string? nextCursor, string? cursor, HttpContext http, TimeseriesQuery query, TimeProvider time, CancellationToken ct)
    {
        var (from, to, problem) = ValidateWindow(startDate, endDate, provider, time);
        if (problem is not null) return problem;
        if (UnitOf(unit) is not { } answerUnit) return ApiProblems.BadRequest("unit must be mmol/L (the default) or mg/dL.");
        ReadingPosition? after = null;
        if ((nextCursor ?? cursor) is { } given)
        {
            if (ReadCursor(given) is not { } position) return ApiProblems.Invalid("Not a cursor this API issued.", "value_error", "query", "next_cursor");
            after = position;
        }
        if (!await query.IsTeamUserAsync(http.ApiTeam().Id, userId, ct)) return UserEndpoints.NoSuchUser();

        var page = await query.GlucosePageAsync(userId, from, to, NoneIfEmpty(provider), after, GlucosePageSize, ct);
        var groups = page.Groups.ToDictionary(g => g.Provider, g => (IReadOnlyList<SampleGroup<GlucoseSample>>)
            [new SampleGroup<GlucoseSample>(new SampleSource(g.Provider, "unknown", null), Samples(g.Readings, answerUnit))]);
        var next = page.Next is { } n ? WriteCursor(n) : null;
        return Results.Ok(new GroupedResponse<GlucoseSample>(groups, next, next));
    }

    /// <summary>An opaque cursor: the reading the next page starts after (its floating time and kind).</summary>
    private static string WriteCursor(ReadingPosition position) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"glucose:{position.Timestamp.Ticks}:{(int)position.Kind}"));

    private static ReadingPosition? ReadCursor(string cursor)
    {
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts is ["glucose", var ticks, var kind] && long.TryParse(ticks, out var t) && t is >= 0 && t <= DateTime.MaxValue.Ticks
                   && int.TryParse(kind, out var k) && Enum.IsDefined((ReadingKind)k)
                ? new ReadingPosition(new DateTime(t), (ReadingKind)k)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<GlucoseSample> Samples(IEnumerable<TimeseriesReading> readings, GlucoseUnit unit)
    {
        var symbol = GlucoseUnits.Symbol(unit);
        return readings.Select(r => new GlucoseSample(ApiTime.Floating(r.Timestamp), null, TypeOf(r.Kind), symbol, r.ValueIn(unit))).ToList();
    }

    private static GlucoseUnit? UnitOf(string? unit) => unit switch
    {
        null or "" or "mmol/L" => GlucoseUnit.MmolPerL,
        "mg/dL" => GlucoseUnit.MgPerDl,
        _ => null,
    };

    private static string? NoneIfEmpty(string? provider) => string.IsNullOrEmpty(provider) ? null : provider;

    /// <summary>The note-like resources, each on its own route as Junction documents them.</summary>
    private static readonly (string Resource, NoteResource Kind, string Name)[] NoteResources =
    [
        ("note", NoteResource.Note, "GroupedNoteTimeseries"),
        ("carbohydrates", NoteResource.Carbohydrates, "GroupedCarbohydratesTimeseries"),
        ("insulin_injection", NoteResource.InsulinInjection, "GroupedInsulinInjectionTimeseries"),
    ];

    private static async Task<IResult> GroupedAsync(Guid userId, NoteResource noteResource, string? startDate, string? endDate, string? provider,
        HttpContext http, TimeseriesQuery query, TimeProvider time, CancellationToken ct)
    {
        var (from, to, problem) = ValidateWindow(startDate, endDate, provider, time);
        if (problem is not null) return problem;
        if (!await query.IsTeamUserAsync(http.ApiTeam().Id, userId, ct)) return UserEndpoints.NoSuchUser();

        var groups = (await query.NotesAsync(userId, from, to, HourlyNoteSamples.KindsOf(noteResource), ct))
            .Where(g => NoneIfEmpty(provider) is null || g.Provider == provider)
            .ToDictionary(g => g.Provider, g => (IReadOnlyList<SampleGroup<GroupedSample>>)
                [new SampleGroup<GroupedSample>(new SampleSource(g.Provider, "unknown", null), HourlyNoteSamples.Group(g.Entries, noteResource).Select(s => ToSample(s, noteResource)).ToList())]);
        return Results.Ok(new GroupedResponse<GroupedSample>(groups, null, null));
    }

    /// <summary>Junction's units: grams for carbohydrates, <c>unit</c> for insulin, <c>text</c> for notes.</summary>
    private static GroupedSample ToSample(HourlySample s, NoteResource resource) => new(
        ApiTime.Floating(s.Start), ApiTime.Floating(s.Start), ApiTime.Floating(s.Start.AddHours(1)), null, s.Type,
        resource switch { NoteResource.Carbohydrates => "g", NoteResource.InsulinInjection => "unit", _ => "text" },
        resource == NoteResource.Note ? s.Text ?? "" : s.Amount ?? 0);

    /// <summary>
    /// The floating window [from, to) of <c>start_date</c> and <c>end_date</c>: a date means its whole day; a date-time is
    /// read as the wall-clock time it names (any offset is ignored, as LibreView times have none). Without
    /// <c>end_date</c> the window runs to the end of today. At most a year per call.
    /// </summary>
    internal static (DateTime From, DateTime To, IResult? Problem) ValidateWindow(string? startDate, string? endDate, string? provider, TimeProvider time)
    {
        if (!string.IsNullOrEmpty(provider) && JunctionEnums.ProviderProblem(provider, JunctionEnums.Providers, Providers.All, "query", "provider") is { } providerProblem)
        {
            return (default, default, providerProblem);
        }
        if (startDate is null)
        {
            return (default, default, ApiProblems.Missing("query", "start_date"));
        }
        foreach (var (field, text) in new[] { ("start_date", startDate), ("end_date", endDate) })
        {
            if (ParseDay(text) is { } day && !InputDates.IsPlausible(day))
            {
                return (default, default, ApiProblems.Invalid(InputDates.Message, "value_error", "query", field));
            }
        }
        if (ParseBound(startDate, isEnd: false) is not { } from)
        {
            return (default, default, ApiProblems.BadRequest("start_date is required: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS."));
        }
        var to = endDate is null ? time.GetUtcNow().UtcDateTime.Date.AddDays(1) : ParseBound(endDate, isEnd: true);
        if (to is not { } end)
        {
            return (default, default, ApiProblems.BadRequest("end_date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS."));
        }
        if (end <= from)
        {
            return (default, default, ApiProblems.BadRequest("end_date must not be before start_date."));
        }
        if (end > from.AddYears(1))
        {
            return (default, default, ApiProblems.BadRequest("Ask for at most one year per call."));
        }
        return (from, end, null);
    }

    /// <summary>The day a bound names, whichever form it has; null when it is no date at all.</summary>
    private static DateOnly? ParseDay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? DateOnly.FromDateTime(at.DateTime) : null;
    }

    private static DateTime? ParseBound(string? text, bool isEnd)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (isEnd ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wallClock = DateTime.SpecifyKind(at.DateTime, DateTimeKind.Unspecified);
            return isEnd ? wallClock.AddTicks(1) : wallClock;
        }
        return null;
    }
}
