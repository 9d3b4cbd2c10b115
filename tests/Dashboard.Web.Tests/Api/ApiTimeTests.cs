using System.Globalization;
using System.Text;
using Dashboard.Web.Api;

namespace Dashboard.Web.Tests.Api;

public sealed class ApiTimeTests
{
    public static TheoryData<DateTime> Times() =>
    [
        new DateTime(2026, 12, 4, 0, 0, 0),
        new DateTime(2026, 1, 9, 23, 59, 59, 999).AddTicks(9999),
        new DateTime(1999, 7, 1, 9, 5, 3, DateTimeKind.Local),
        new DateTime(2030, 3, 31, 12, 0, 1, DateTimeKind.Utc),
        new DateTime(812, 2, 28, 1, 2, 3),
    ];

    [Theory]
    [MemberData(nameof(Times))]
    public void Floating_and_utc_times_are_the_clock_to_the_second_with_a_zero_offset_as_text_and_as_utf8(DateTime time)
    {
        var expected = time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        Span<byte> utf8 = stackalloc byte[ApiTime.FloatingLength];

        var written = ApiTime.FormatFloating(time, utf8);

        Assert.Equal(expected, ApiTime.Floating(time));
        Assert.Equal(expected, ApiTime.Utc(time));
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..written]));
    }
}
