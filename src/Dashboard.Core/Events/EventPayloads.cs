using System.Globalization;
using Dashboard.Core.Connections;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Events;

/// <summary>The <c>Events</c> configuration section.</summary>
public sealed class EventPayloadOptions
{
    public const string Section = "Events";

    /// <summary>Where the app is reached from outside: webhook payloads name the provider logo under it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>
/// The <c>data</c> of every event, as Junction's event catalog (<c>x-webhook-events</c>) shapes it: the one place
/// payloads are built, for the link flows, the sync and the demo connection alike. Times are DESIGN §7's wire format.
/// </summary>
public sealed class EventPayloads(IOptions<EventPayloadOptions> options)
{
    /// <summary>The app's own drawing of a LibreView sensor, served at this path.</summary>
    public const string LogoPath = "/img/providers/libre.svg";

    /// <summary>The resources a LibreView connection delivers, in Junction's names.</summary>
    public static readonly IReadOnlyList<string> Resources = ["glucose", "note", "carbohydrates", "insulin_injection"];

    private static readonly HashSet<string> JunctionConnectionErrors =
    [
        "token_refresh_failed", "webhook_registration_failed", "user_not_found", "deregistered_per_provider",
        "required_scopes_not_granted", "provider_credential_error", "provider_password_expired", "unknown",
    ];

    public string LogoUrl => options.Value.PublicBaseUrl.TrimEnd('/') + LogoPath;

    /// <summary>A connection error type as Junction names it: ours beyond its list are <c>unknown</c> (the message keeps the detail).</summary>
    public static string JunctionErrorType(string? errorType) =>
        errorType is not null && JunctionConnectionErrors.Contains(errorType) ? errorType : "unknown";

    /// <summary>Junction's <c>ClientFacingProvider</c>.</summary>
    public object Provider(string slug) => new { name = Providers.DisplayName(slug), slug, logo = LogoUrl };

    /// <summary><c>provider.connection.created</c>: Junction's <c>ProviderConnectionCreated</c>.</summary>
    public object ConnectionCreated(Guid userId, string provider, string? externalUserId) => new
    {
        user_id = userId,
        source = Provider(provider),
        provider = Provider(provider),
        external_user_id = externalUserId,
        resource_availability = Resources.ToDictionary(r => r, _ => new { status = "available" }),
    };

    /// <summary><see cref="EventTypes.LibreViewDocumentsAccepted"/>: which documents (<c>tou</c>, <c>pp</c>) and a sentence for the history.</summary>
    public object LibreViewDocumentsAccepted(Guid userId, string provider, IReadOnlyList<string> documents) => new
    {
        user_id = userId,
        provider = Provider(provider),
        documents,
        message = $"While linking, the patient accepted LibreView's {string.Join(" and ", documents.Select(DocumentName))}.",
    };

    private static string DocumentName(string document) => document switch
    {
        "tou" => "terms of use",
        "pp" => "privacy policy",
        _ => $"'{document}' document",
    };

    /// <summary><c>provider.connection.error</c>: Junction's <c>ProviderConnectionError</c>; <c>error_details</c> is a sentence.</summary>
    public static object ConnectionError(Guid userId, string provider, string? errorType, string? message)
    {
        var text = string.IsNullOrWhiteSpace(message) ? "The connection failed." : message;
        return new
        {
            provider,
            user_id = userId,
            message = text,
            error_type = JunctionErrorType(errorType),
            error_details = errorType is null ? text : $"{errorType}: {text}",
        };
    }

    /// <summary><c>historical.data.{resource}.created</c>: Junction's <c>HistoricalPullCompleted</c>.</summary>
    public static object HistoricalPullCompleted(Guid userId, string provider, DateTime rangeStartUtc, DateTime rangeEndUtc) => new
    {
        user_id = userId,
        start_date = Wire(rangeStartUtc),
        end_date = Wire(rangeEndUtc),
        is_final = true,
        provider,
    };

    public static string DailyType(string resource, bool created) => $"daily.data.{resource}.{(created ? "created" : "updated")}";

    /// <summary>
    /// <c>daily.data.{resource}.created|updated</c> for one device-local day of a connection: Junction's <c>Grouped…</c>
    /// with every sample of that day as the API answers it; null when the day holds nothing of the resource.
    /// </summary>
    public static async Task<object?> DailyAsync(DashboardDbContext db, Guid userId, Guid connectionId, string provider, string resource, DateOnly day, CancellationToken ct)
    {
        var from = day.ToDateTime(TimeOnly.MinValue);
        var to = from.AddDays(1);
        var source = new { provider, type = "unknown" };
        if (resource == "glucose")
        {
            var readings = await db.Readings.AsNoTracking()
                .Where(r => r.UserId == userId && r.ConnectionId == connectionId && r.Timestamp >= from && r.Timestamp < to)
                .OrderBy(r => r.Timestamp).ThenBy(r => r.Kind)
                .ToListAsync(ct);
            var unit = GlucoseUnits.Symbol(GlucoseUnit.MmolPerL);
            return readings.Count == 0 ? null : new
            {
                source,
                data = readings.Select(r => new
                {
                    timestamp = Wire(r.Timestamp),
                    timezone_offset = (int?)null,
                    type = r.Kind == ReadingKind.Automatic ? "automatic" : "manual_scan",
                    unit,
                    value = new TimeseriesReading(r.Timestamp, r.Kind, r.ValueMgdl, r.MeasuredValue, r.MeasuredUnit).ValueIn(GlucoseUnit.MmolPerL),
                }).ToList(),
            };
        }
        var noteResource = resource switch
        {
            "carbohydrates" => NoteResource.Carbohydrates,
            "insulin_injection" => NoteResource.InsulinInjection,
            _ => NoteResource.Note,
        };
        var kinds = HourlyNoteSamples.KindsOf(noteResource);
        var entries = await db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && n.ConnectionId == connectionId && n.Timestamp >= from && n.Timestamp < to && kinds.Contains(n.Kind))
            .ToListAsync(ct);
        var samples = HourlyNoteSamples.Group(entries, noteResource);
        return samples.Count == 0 ? null : new
        {
            source,
            data = samples.Select(s => new
            {
                timestamp = Wire(s.Start),
                start = Wire(s.Start),
                end = Wire(s.Start.AddHours(1)),
                timezone_offset = (int?)null,
                type = s.Type,
                unit = noteResource switch { NoteResource.Carbohydrates => "g", NoteResource.InsulinInjection => "unit", _ => "text" },
                value = noteResource == NoteResource.Note ? (object)(s.Text ?? "") : s.Amount ?? 0,
            }).ToList(),
        };
    }

    /// <summary>DESIGN §7 wire format; for UTC instants and floating device times alike (the offset is a formality).</summary>
    public static string Wire(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
