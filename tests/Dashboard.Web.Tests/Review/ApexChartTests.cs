using System.Text.Json;
using Bunit;
using Dashboard.Core.Glucose.Review;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Review;

public sealed class ApexChartTests : BunitContext
{
    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        _module = JSInterop.SetupModule(ApexChart.ModulePath);
        Services.AddLocalization(); // every console component injects the console's texts
    }

    private static ApexChartOptions Line(params double[] values) => new()
    {
        Chart = new ChartSettings { Type = "line", Height = 200 },
        Series = [new ApexSeries("Glucose", values.Select((v, i) => new SeriesPoint(i * 5, v)).ToArray())],
        Xaxis = new XAxis { Type = "numeric", Labels = new AxisLabels { Formatter = Formatters.MinutesOfDay } },
    };

    [Fact]
    public void Creates_the_chart_once_with_the_options_as_ApexCharts_JSON()
    {
        _module.SetupVoid("create", _ => true).SetVoidResult();

        var chart = Render<ApexChart>(p => p.Add(c => c.Options, Line(100, 120)).Add(c => c.Label, "Glucose").Add(c => c.Name, "test"));

        var call = _module.VerifyInvoke("create");
        call.Arguments[0].ShouldBeElementReferenceTo(chart.Find("[data-chart=test]"));
        using var json = JsonDocument.Parse((string)call.Arguments[1]!);
        var root = json.RootElement;
        Assert.Equal("line", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(200, root.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.False(root.GetProperty("chart").TryGetProperty("stacked", out _)); // unset options are left out: ApexCharts' defaults apply
        Assert.Equal("Glucose", root.GetProperty("series")[0].GetProperty("name").GetString());
        Assert.Equal("[[0,100],[5,120]]", root.GetProperty("series")[0].GetProperty("data").GetRawText());
        Assert.Equal("minutesOfDay", root.GetProperty("xaxis").GetProperty("labels").GetProperty("formatter").GetString());
        Assert.Equal("Glucose", chart.Find("[data-chart=test]").GetAttribute("aria-label"));
    }

    [Fact]
    public void New_options_update_the_chart_in_place_and_the_same_options_do_nothing()
    {
        _module.SetupVoid("create", _ => true).SetVoidResult();
        _module.SetupVoid("update", _ => true).SetVoidResult();
        var chart = Render<ApexChart>(p => p.Add(c => c.Options, Line(100)).Add(c => c.Label, "Glucose"));

        chart.Render(p => p.Add(c => c.Options, Line(100)));
        chart.Render(p => p.Add(c => c.Options, Line(100, 180)));

        _module.VerifyInvoke("create", calledTimes: 1);
        var update = _module.VerifyInvoke("update", calledTimes: 1)[0];
        Assert.Contains("[[0,100],[5,180]]", (string)update.Arguments[1]!);
    }

    [Fact]
    public void The_cascaded_dark_theme_gives_light_text_and_series_and_a_theme_switch_updates_the_chart_in_place()
    {
        _module.SetupVoid("create", _ => true).SetVoidResult();
        _module.SetupVoid("update", _ => true).SetVoidResult();
        var options = Line(100) with { Colors = ["#0D47A1"] };
        var host = Render<CascadingValue<ChartTheme>>(p => p.Add(c => c.Value, ChartTheme.Dark)
            .AddChildContent<ApexChart>(c => c.Add(x => x.Options, options).Add(x => x.Label, "Glucose")));

        using (var dark = JsonDocument.Parse((string)_module.VerifyInvoke("create").Arguments[1]!))
        {
            var root = dark.RootElement;
            Assert.False(root.TryGetProperty("theme", out _), "ApexCharts' theme.mode would put its own text colour over foreColor");
            Assert.Equal(ChartTheme.Dark.TextColor, root.GetProperty("chart").GetProperty("foreColor").GetString());
            Assert.Equal(ChartTheme.Dark.TextColor, root.GetProperty("legend").GetProperty("labels").GetProperty("colors").GetString());
            Assert.Equal("dark", root.GetProperty("tooltip").GetProperty("theme").GetString());
            Assert.Equal("#E3F2FD", root.GetProperty("colors")[0].GetString()); // the navy median, lightened
        }

        host.Render(p => p.Add(c => c.Value, ChartTheme.Light)
            .AddChildContent<ApexChart>(c => c.Add(x => x.Options, options).Add(x => x.Label, "Glucose")));

        _module.VerifyInvoke("create", calledTimes: 1);
        using var light = JsonDocument.Parse((string)_module.VerifyInvoke("update", calledTimes: 1)[0].Arguments[1]!);
        Assert.Equal(ChartTheme.Light.TextColor, light.RootElement.GetProperty("chart").GetProperty("foreColor").GetString());
        Assert.Equal("#0D47A1", light.RootElement.GetProperty("colors")[0].GetString());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void The_chart_is_given_the_consoles_culture_for_its_numbers_and_the_JSON_stays_invariant(string culture) => InCulture.Run(culture, () =>
    {
        _module.SetupVoid("create", _ => true).SetVoidResult();
        _module.SetupVoid("update", _ => true).SetVoidResult();
        var chart = Render<ApexChart>(p => p.Add(c => c.Options, Line(5.5)).Add(c => c.Label, "Glucose"));

        chart.Render(p => p.Add(c => c.Options, Line(5.5, 12.25)));

        var create = _module.VerifyInvoke("create", calledTimes: 1)[0];
        Assert.Equal(culture, create.Arguments[2]);
        Assert.Contains("\"data\":[[0,5.5]]", (string)create.Arguments[1]!);
        var update = _module.VerifyInvoke("update", calledTimes: 1)[0];
        Assert.Equal(culture, update.Arguments[2]);
        Assert.Contains("\"data\":[[0,5.5],[5,12.25]]", (string)update.Arguments[1]!);
    });

    [Fact]
    public async Task Disposing_destroys_the_chart_and_a_gone_circuit_is_no_error()
    {
        _module.SetupVoid("create", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        Render<ApexChart>(p => p.Add(c => c.Options, Line(100)).Add(c => c.Label, "Glucose"));

        await DisposeComponentsAsync();

        _module.VerifyInvoke("destroy");
    }

    [Fact]
    public void A_gone_circuit_while_creating_is_no_error()
    {
        _module.SetupVoid("create", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));

        var chart = Render<ApexChart>(p => p.Add(c => c.Options, Line(100)).Add(c => c.Label, "Glucose"));

        Assert.NotNull(chart.Find(".apex-chart"));
    }
}
