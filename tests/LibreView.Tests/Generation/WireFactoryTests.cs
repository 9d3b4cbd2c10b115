using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Endpoints;
using LibreView.Simulator.Generation;
using Microsoft.Extensions.Time.Testing;

namespace LibreView.Tests.Generation;

/// <summary>Generated readings in the real wire shape: LO/HI flags, units, both timestamps.</summary>
public class WireFactoryTests
{
    private static readonly SimulatorState State = new(new SimulatorOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));

    private static SimAccount Patient(string email, string unit) =>
        State.CreateAccount(new AccountSeed { Email = email, Password = "pw", Region = "ca", Unit = unit });

    [Theory]
    [InlineData(500, true, false, 27.7, 3)]
    [InlineData(40, false, true, 2.2, 4)]
    [InlineData(100, false, false, 5.5, 1)]
    [InlineData(200, false, false, 11.1, 2)]
    public void Readings_carry_lo_hi_flags_colour_and_the_mmol_value(int mgPerDl, bool high, bool low, double mmol, int colour)
    {
        var patient = Patient($"wire{mgPerDl}@example.org", "mmol/L");
        var reading = new GeneratedReading(new DateTimeOffset(2026, 3, 8, 6, 30, 5, TimeSpan.Zero), new DateTime(2026, 3, 8, 1, 30, 5), mgPerDl, false, 3);

        var item = WireFactory.Glucose(reading, patient, withTrend: false);

        Assert.Equal((high, low, mmol, 0, colour), (item.IsHigh, item.IsLow, item.Value, item.GlucoseUnits, item.MeasurementColor));
        Assert.Equal(mgPerDl, item.ValueInMgPerDl);
        Assert.Equal("3/8/2026 6:30:05 AM", item.FactoryTimestamp);
        Assert.Equal("3/8/2026 1:30:05 AM", item.Timestamp);
        Assert.Null(item.TrendArrow);
    }

    [Fact]
    public void Mg_per_dl_accounts_send_the_same_number_twice()
    {
        var item = WireFactory.Glucose(new GeneratedReading(DateTimeOffset.UnixEpoch.AddDays(20000), new DateTime(2024, 10, 4, 13, 0, 0), 123, true, 5),
            Patient("mg@example.org", "mg/dL"), withTrend: true);
        Assert.Equal((123.0, 1, 1, 5), (item.Value, item.GlucoseUnits, item.Type, item.TrendArrow));
        Assert.Equal("10/4/2024 1:00:00 PM", item.Timestamp);
    }
}
