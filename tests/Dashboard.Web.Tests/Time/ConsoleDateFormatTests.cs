using System.Globalization;
using Dashboard.Web.Components.Time;

namespace Dashboard.Web.Tests.Time;

/// <summary>The console's one date format per language (issue 16): the same rule for staff times, device times, dates and the date pickers.</summary>
public sealed class ConsoleDateFormatTests
{
    private static readonly DateTime Evening = new(2026, 12, 4, 21, 31, 0, DateTimeKind.Unspecified);

    [Theory]
    [InlineData("en", "4 Dec 2026 21:31", "22 Jul 1982")]
    [InlineData("en-US", "4 Dec 2026 21:31", "22 Jul 1982")] // no US month-first order
    [InlineData("en-GB", "4 Dec 2026 21:31", "22 Jul 1982")]
    [InlineData("de", "04.12.2026 21:31", "22.07.1982")]
    [InlineData("de-DE", "04.12.2026 21:31", "22.07.1982")]
    public void One_date_and_one_date_time_format_per_language(string culture, string dateTime, string date)
    {
        var language = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(dateTime, ConsoleDateFormat.DateTime(Evening, language));
        Assert.Equal(date, ConsoleDateFormat.Date(new DateOnly(1982, 7, 22), language));
        Assert.Equal(date, ConsoleDateFormat.Date(new DateTime(1982, 7, 22, 23, 59, 0), language));
    }

    [Fact]
    public void A_stored_instant_is_shown_in_the_zone_asked_for()
    {
        var utc = new DateTime(2026, 12, 4, 20, 56, 0, DateTimeKind.Utc);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal("4 Dec 2026 21:56", ConsoleDateFormat.Local(utc, berlin, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("04.12.2026", ConsoleDateFormat.LocalDate(utc, berlin, CultureInfo.GetCultureInfo("de")));
    }

    [Theory]
    [InlineData("en", "4 Dec 2026")]
    [InlineData("de", "04.12.2026")]
    public void The_date_pickers_culture_writes_the_same_date(string culture, string shown)
    {
        var picker = ConsoleDateFormat.PickerCulture(CultureInfo.GetCultureInfo(culture));

        // A MudBlazor picker without a DateFormat writes its culture's short date pattern.
        Assert.Equal(shown, Evening.ToString(picker.DateTimeFormat.ShortDatePattern, picker));
        Assert.Equal(ConsoleDateFormat.Date(Evening, CultureInfo.GetCultureInfo(culture)), Evening.ToString("d", picker));
        Assert.True(picker.IsReadOnly);
    }

    [Fact]
    public void The_current_picker_culture_follows_the_UI_language()
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            Assert.Equal("dd.MM.yyyy", ConsoleDateFormat.CurrentPickerCulture.DateTimeFormat.ShortDatePattern);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("d MMM yyyy", ConsoleDateFormat.CurrentPickerCulture.DateTimeFormat.ShortDatePattern);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
