using Bunit;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Web.Components.Pages.Review;
using MudBlazor;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Review;

public sealed class ReviewToolbarTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly List<ReviewPeriod> _periods = [];
    private readonly List<GlucoseUnit> _units = [];

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's pickers hold services that only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private IRenderedComponent<ReviewToolbar> RenderToolbar() => Render<ReviewToolbar>(p => p
        .Add(c => c.Period, ReviewPeriod.Default)
        .Add(c => c.PeriodChanged, period => _periods.Add(period))
        .Add(c => c.Unit, GlucoseUnit.MgPerDl)
        .Add(c => c.UnitChanged, unit => _units.Add(unit)));

    private static void Choose(IRenderedComponent<ReviewToolbar> toolbar, string text) =>
        toolbar.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Offers_7_14_30_and_90_days_and_a_custom_period()
    {
        var toolbar = RenderToolbar();

        Assert.Equal(["7 days", "14 days", "30 days", "90 days", "Custom", "mg/dL", "mmol/L"],
            toolbar.FindAll(".mud-toggle-item").Select(b => b.TextContent.Trim()));
        Choose(toolbar, "90 days");
        Choose(toolbar, "mmol/L");

        Assert.Equal([ReviewPeriod.LastDays(90)], _periods);
        Assert.Equal([GlucoseUnit.MmolPerL], _units);
    }

    [Fact]
    public async Task A_custom_period_is_the_whole_days_picked()
    {
        var toolbar = RenderToolbar();
        Assert.Empty(toolbar.FindComponents<MudDateRangePicker>());

        Choose(toolbar, "Custom");
        var picker = toolbar.FindComponent<MudDateRangePicker>();
        await toolbar.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2025, 3, 3), new DateTime(2025, 3, 9))));

        Assert.Equal([ReviewPeriod.Custom(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 9))], _periods);
    }
}
