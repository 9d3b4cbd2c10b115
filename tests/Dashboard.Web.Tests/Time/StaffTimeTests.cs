using System.Globalization;
using Bunit;
using Dashboard.Core.Time;
using Dashboard.Web.Components.Time;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Time;

/// <summary>Staff times in the person's zone with UTC on hover, one format per language, device times labelled and never converted.</summary>
public sealed class StaffTimeTests : BunitContext
{
    private static readonly DateTime Instant = new(2026, 12, 2, 10, 5, 0, DateTimeKind.Utc);

    public StaffTimeTests() => Services.AddLocalization(); // every console component injects the console's texts

    private IRenderedComponent<CascadingValue<StaffClock>> RenderIn<T>(string zone, string culture, DateTime value) where T : IComponent =>
        Render<CascadingValue<StaffClock>>(p => p
            .Add(c => c.Value, new StaffClock(TimeZoneInfo.FindSystemTimeZoneById(zone), CultureInfo.GetCultureInfo(culture)))
            .AddChildContent(builder =>
            {
                builder.OpenComponent<T>(0);
                builder.AddAttribute(1, "Value", value);
                builder.CloseComponent();
            }));

    [Theory]
    [InlineData("Europe/Berlin", "en", "2 Dec 2026 11:05")]
    [InlineData("America/New_York", "en", "2 Dec 2026 05:05")]
    [InlineData("Asia/Kolkata", "en", "2 Dec 2026 15:35")]
    [InlineData("Europe/Berlin", "de", "02.12.2026 11:05")]
    public void An_instant_shows_in_the_persons_zone_with_the_UTC_instant_on_hover(string zone, string culture, string shown)
    {
        var time = RenderIn<StaffTime>(zone, culture, Instant).Find("time");

        Assert.Equal(shown, time.TextContent);
        Assert.Equal("2026-12-02 10:05:00 UTC", time.GetAttribute("title"));
        Assert.Equal("2026-12-02T10:05:00Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void A_summer_instant_uses_the_zones_summer_offset()
    {
        var july = new DateTime(2026, 7, 1, 10, 5, 0, DateTimeKind.Utc);

        Assert.Equal("1 Jul 2026 12:05", RenderIn<StaffTime>("Europe/Berlin", "en", july).Find("time").TextContent); // CEST, UTC+2
    }

    [Fact]
    public void An_instant_read_back_from_the_store_unspecified_is_taken_as_UTC()
    {
        var stored = DateTime.SpecifyKind(Instant, DateTimeKind.Unspecified);

        Assert.Equal("2 Dec 2026 11:05", RenderIn<StaffTime>("Europe/Berlin", "en", stored).Find("time").TextContent);
    }

    [Fact]
    public void Without_a_known_zone_times_are_UTC()
    {
        var time = Render<StaffTime>(p => p.Add(c => c.Value, Instant)).Find("time");

        Assert.Equal("2 Dec 2026 10:05", time.TextContent);
        Assert.Equal("UTC", time.GetAttribute("data-time-zone"));
    }

    [Fact]
    public void A_device_time_is_the_meters_clock_unconverted_and_labelled()
    {
        var floating = new DateTime(2026, 12, 2, 7, 30, 0, DateTimeKind.Unspecified);

        var text = RenderIn<DeviceTime>("America/New_York", "en", floating).Find(".device-time").TextContent;

        Assert.Equal("2 Dec 2026 07:30 (device time)", text);
    }

    [Fact]
    public void The_zone_a_browser_names_is_used_and_an_unknown_one_falls_back_to_UTC()
    {
        Assert.Equal("Europe/Berlin", StaffTimeFormat.ZoneOf("Europe/Berlin").Id);
        Assert.Equal(TimeZoneInfo.Utc, StaffTimeFormat.ZoneOf("Not/AZone"));
        Assert.Equal(TimeZoneInfo.Utc, StaffTimeFormat.ZoneOf(null));
    }
}
