using Bunit;
using Dashboard.Core.Linking;
using Dashboard.Web.Components.Pages.Link;
using MudBlazor;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Link;

/// <summary>The link widget's country picker speaks in country names, not LibreView's region codes.</summary>
public sealed class EmailStepTests : ConsoleTestContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void The_default_region_shows_as_its_country_name()
    {
        Render<MudPopoverProvider>();
        var step = Render<EmailStep>(p => p.Add(s => s.RegionCodes, ["hr", "de", "gb"]).Add(s => s.DefaultRegion, "hr"));

        // The closed select shows the chosen item's text in its input.
        Assert.Contains(step.FindAll("input"), input => input.GetAttribute("value") == "Croatia");
        Assert.DoesNotContain(step.FindAll("input"), input => input.GetAttribute("value") == "HR");
        Assert.Contains(step.FindAll("label"), label => label.TextContent.Trim() == "Country");
    }

    [Fact]
    public void Codes_are_ordered_by_the_country_names_and_unknown_codes_stay_readable()
    {
        Assert.Equal(["hr", "de", "gb"], CountryNames.InNameOrder(["gb", "de", "hr"]));
        Assert.Equal("Germany", CountryNames.Of("de"));
        Assert.Equal("United Kingdom", CountryNames.Of("gb"));
        Assert.Equal("EU2", CountryNames.Of("eu2"));
    }
}
