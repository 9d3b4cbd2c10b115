using System.Text.Json;

namespace Dashboard.Core.Sync;

/// <summary>
/// The historical pull of one connection, as Junction's <c>SingleHistoricalPullStatistics</c>: range, progress
/// (days done of days asked), the checkpoint (start of the next day to fetch), days with data per resource,
/// a timeline of status changes and the last error. Ranges and times are UTC instants.
/// </summary>
public sealed class HistoricalPull
{
    public Guid ConnectionId { get; set; }
    public string Status { get; set; } = PullStatus.Scheduled;
    public DateTime RangeStart { get; set; }
    public DateTime RangeEnd { get; set; }

    /// <summary>The start of the next page to fetch; equals <see cref="RangeEnd"/> when every day is done.</summary>
    public DateTime Checkpoint { get; set; }
    public int DaysAsked { get; set; }
    public int DaysDone { get; set; }
    public int GlucoseDaysWithData { get; set; }
    public int NoteDaysWithData { get; set; }
    public int CarbohydratesDaysWithData { get; set; }
    public int InsulinDaysWithData { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime ScheduledAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>JSON list of <see cref="PullTimelineEntry"/>.</summary>
    public string TimelineJson { get; set; } = "[]";

    public bool IsActive => Status is PullStatus.Scheduled or PullStatus.InProgress or PullStatus.Retrying;

    public bool IsComplete => Checkpoint >= RangeEnd;

    public IReadOnlyList<PullTimelineEntry> Timeline =>
        JsonSerializer.Deserialize<List<PullTimelineEntry>>(TimelineJson, TimelineJsonOptions) ?? [];

    /// <summary>Moves to <paramref name="status"/> and writes the change on the timeline (only when it is a change).</summary>
    public void MoveTo(string status, DateTime at, string? errorType = null, string? errorMessage = null)
    {
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        if (status == Status && Timeline.Count > 0) return;
        Status = status;
        if (status == PullStatus.InProgress) StartedAt ??= at;
        if (status is PullStatus.Success or PullStatus.Failure) EndedAt = at;
        var timeline = Timeline.ToList();
        timeline.Add(new PullTimelineEntry(status, at, errorType));
        TimelineJson = JsonSerializer.Serialize(timeline, TimelineJsonOptions);
    }

    private static readonly JsonSerializerOptions TimelineJsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed record PullTimelineEntry(string Status, DateTime At, string? ErrorType);

public static class PullStatus
{
    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Retrying = "retrying";
}

/// <summary>
/// Every connection of a LibreView API region waits until <see cref="Until"/> after LibreView blocked us there
/// (Cloudflare, 430, 911: reference §6). Each block in a row waits longer (<see cref="Strikes"/>).
/// </summary>
public sealed class RegionBackoff
{
    public required string Region { get; set; }
    public DateTime Until { get; set; }
    public int Strikes { get; set; }
}

internal static class HistoricalPullExtensions
{
    public static void MoveToIfActive(this HistoricalPull pull, string status, DateTime at, string? errorType, string? message)
    {
        if (pull.IsActive) pull.MoveTo(status, at, errorType, message);
    }
}
