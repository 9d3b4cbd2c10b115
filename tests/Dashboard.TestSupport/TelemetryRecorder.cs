using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.TestSupport;

/// <summary>
/// Listens to one telemetry source (its <see cref="ActivitySource"/> and <see cref="Meter"/> share a name) the way an
/// OpenTelemetry SDK would, keeping only what happens under the trace <see cref="UnderOwnTraceAsync{T}"/> starts:
/// tests run in parallel in one process, and each must see only its own spans and measurements.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private ActivityTraceId _trace;

    /// <summary>One recorded value of an instrument, with its tags.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
    }

    public TelemetryRecorder(string sourceName)
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _trace) _stopped.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_spans);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == sourceName) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.Start();
    }

    public IReadOnlyList<Activity> Spans => [.. _stopped];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Runs <paramref name="work"/> under a trace of its own; only what it records is kept.</summary>
    public async Task<T> UnderOwnTraceAsync<T>(Func<Task<T>> work)
    {
        using var parent = new Activity("test").Start();
        _trace = parent.TraceId;
        return await work();
    }

    /// <inheritdoc cref="UnderOwnTraceAsync{T}"/>
    public Task UnderOwnTraceAsync(Func<Task> work) => UnderOwnTraceAsync(async () =>
    {
        await work();
        return true;
    });

    // A measurement is recorded on the flow of the code that makes it, where the test's activity is current.
    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Activity.Current?.TraceId != _trace) return;
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _spans.Dispose();
        _meters.Dispose();
    }
}
