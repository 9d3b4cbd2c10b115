using Microsoft.Extensions.Time.Testing;

namespace LibreView.Tests.Support;

/// <summary>
/// A test's fake clock for "now", with real timers: the client's short waits between long-polls pass in real time,
/// while the test moves the date with <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
internal sealed class FakeClockWithRealTimers(FakeTimeProvider time) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
