using Dashboard.Core.Events;

namespace Dashboard.Core.Sync;

/// <summary>The data events a sync raises (DESIGN §6), stored with the sync's unit of work.</summary>
internal sealed class SyncEvents(EventRecorder events, EventPayloads payloads)
{
    public static readonly IReadOnlyList<string> HistoricalResources = EventPayloads.Resources;

    public static string HistoricalType(string resource) => $"historical.data.{resource}.created";

    public void PullFinished(SyncWork work, HistoricalPull pull)
    {
        foreach (var resource in HistoricalResources)
        {
            Record(work, HistoricalType(resource), EventPayloads.HistoricalPullCompleted(work.Connection.UserId, work.Connection.Provider, pull.RangeStart, pull.RangeEnd));
        }
    }

    /// <summary>
    /// One <c>daily.data.{resource}</c> event per device-local day that got new readings and per resource it holds, with
    /// the day's samples: <c>.created</c> for a day after the newest reading stored before, <c>.updated</c> for a day that had some.
    /// </summary>
    public async Task DaysChangedAsync(SyncWork work, IEnumerable<DateOnly> days, DateTime? newestBefore, CancellationToken ct)
    {
        var lastKnownDay = newestBefore is { } before ? DateOnly.FromDateTime(before) : DateOnly.MinValue;
        foreach (var day in days.Order())
        {
            foreach (var resource in EventPayloads.Resources)
            {
                if (await EventPayloads.DailyAsync(work.Db, work.Connection.UserId, work.Connection.Id, work.Connection.Provider, resource, day, ct) is { } data)
                {
                    Record(work, EventPayloads.DailyType(resource, created: day > lastKnownDay), data);
                }
            }
        }
    }

    public void ConnectionError(SyncWork work, string errorType, string message) =>
        Record(work, EventTypes.ConnectionError, EventPayloads.ConnectionError(work.Connection.UserId, work.Connection.Provider, errorType, message));

    public void ConnectionCreated(SyncWork work) =>
        Record(work, EventTypes.ConnectionCreated, payloads.ConnectionCreated(work.Connection.UserId, work.Connection.Provider, work.Connection.ExternalUserId));

    private void Record(SyncWork work, string type, object data) =>
        events.Record(work.Db, type, work.Team.Id, work.Connection.UserId, work.ClientUserId, data);
}
