using System.Globalization;
using Dashboard.Core.Events;

namespace Dashboard.Core.Sync;

/// <summary>The data events a sync raises (DESIGN §6), stored with the sync's unit of work.</summary>
internal sealed class SyncEvents(EventRecorder events)
{
    public static readonly IReadOnlyList<string> HistoricalResources = ["glucose", "note", "carbohydrates", "insulin_injection"];

    public static string HistoricalType(string resource) => $"historical.data.{resource}.created";

    public void PullFinished(SyncWork work, HistoricalPull pull)
    {
        foreach (var resource in HistoricalResources)
        {
            Record(work, HistoricalType(resource), new
            {
                user_id = work.Connection.UserId,
                start_date = Wire(pull.RangeStart),
                end_date = Wire(pull.RangeEnd),
                is_final = true,
                provider = work.Connection.Provider,
            });
        }
    }

    /// <summary>One <c>daily.data.glucose.created</c> per device-local day that got new readings.</summary>
    public void DaysChanged(SyncWork work, IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            Record(work, EventTypes.DailyGlucoseCreated, new
            {
                user_id = work.Connection.UserId,
                date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start_date = Wire(day.ToDateTime(TimeOnly.MinValue)),
                end_date = Wire(day.AddDays(1).ToDateTime(TimeOnly.MinValue)),
                provider = work.Connection.Provider,
            });
        }
    }

    public void ConnectionError(SyncWork work, string errorType, string message) =>
        Record(work, EventTypes.ConnectionError, new
        {
            provider = work.Connection.Provider,
            user_id = work.Connection.UserId,
            message,
            error_type = errorType,
            error_details = new { error_type = errorType, error_message = message, errored_at = Wire(work.Now) },
        });

    public void ConnectionCreated(SyncWork work, object provider) =>
        Record(work, EventTypes.ConnectionCreated, new { user_id = work.Connection.UserId, provider, resource_availability = new { } });

    private void Record(SyncWork work, string type, object data) =>
        events.Record(work.Db, type, work.Team.Id, work.Connection.UserId, work.ClientUserId, data);

    /// <summary>DESIGN §7 wire format; for UTC instants and floating device times alike (the offset is a formality).</summary>
    private static string Wire(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
