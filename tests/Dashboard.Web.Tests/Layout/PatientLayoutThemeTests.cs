using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Time;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Tests.Layout;

/// <summary>
/// The patient pages (invitation landing, Link widget) in the dark theme too: a theme stored in the browser's cookie
/// wins; without one the browser's prefers-color-scheme picks it through CSS, in the first render, with no script.
/// </summary>
public sealed class PatientLayoutThemeTests : ConsoleTestContext, IAsyncLifetime
{
    private const string DarkPrimary = "90,169,230"; // #5aa9e6, the console's dark primary
    private const string LightPrimary = "27,110,194"; // #1b6ec2

    private readonly TestStore _store = new();

    public PatientLayoutThemeTests()
    {
        Services.TryAddScoped<Dashboard.Web.Access.CurrentStaff>();
        Services.AddScoped<ThemePreference>();
        Services.AddScoped<TimeZonePreference>();
        AddAuthorization(); // a patient: nobody signed in
    }

    public Task InitializeAsync() => _store.AddToAsync(Services, seedDemo: true);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private IRenderedComponent<PatientLayout> RenderWithCookie(string? cookie)
    {
        Services.GetRequiredService<ThemePreference>().FromCookie = ThemePreference.Parse(cookie);
        return Render<PatientLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "invitation"))));
    }

    private static string Css(IRenderedComponent<PatientLayout> layout) => string.Concat(layout.FindAll("style").Select(s => s.TextContent)).Replace(" ", "");

    [Fact]
    public void Without_a_stored_theme_the_dark_palette_applies_when_the_browser_prefers_dark()
    {
        var layout = RenderWithCookie(null);

        var media = layout.Find("style[data-prefers-dark]").TextContent;
        Assert.StartsWith("@media (prefers-color-scheme: dark)", media.Trim());
        Assert.Contains(DarkPrimary, media.Replace(" ", ""));
        Assert.DoesNotContain("<style>", media);
        // Outside the media block the page is light, so a browser that prefers light (or says nothing) reads it light.
        var plain = string.Concat(layout.FindAll("style:not([data-prefers-dark])").Select(s => s.TextContent)).Replace(" ", "");
        Assert.Contains(LightPrimary, plain);
        Assert.DoesNotContain(DarkPrimary, plain);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.Contains("matchMedia", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stored_dark_theme_renders_dark_whatever_the_browser_prefers()
    {
        var layout = RenderWithCookie("dark");

        Assert.Empty(layout.FindAll("style[data-prefers-dark]"));
        Assert.Contains(DarkPrimary, Css(layout));
        Assert.DoesNotContain(LightPrimary, Css(layout));
    }

    [Fact]
    public void A_stored_light_theme_stays_light_whatever_the_browser_prefers()
    {
        var layout = RenderWithCookie("light");

        Assert.Empty(layout.FindAll("style[data-prefers-dark]"));
        Assert.Contains(LightPrimary, Css(layout));
        Assert.DoesNotContain(DarkPrimary, Css(layout));
    }

    [Fact]
    public void The_layout_gives_its_pages_the_browsers_time_zone_from_the_cookie()
    {
        Services.GetRequiredService<TimeZonePreference>().FromCookie = "Europe/Berlin";
        StaffClock? seen = null;
        var layout = Render<PatientLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<CascadingClockProbe>(0);
            b.AddAttribute(1, nameof(CascadingClockProbe.Seen), (Action<StaffClock?>)(clock => seen = clock));
            b.CloseComponent();
        })));

        Assert.Equal("Europe/Berlin", seen?.Zone.Id);
        Assert.Single(layout.FindAll("main"));
    }

    private sealed class CascadingClockProbe : ComponentBase
    {
        [CascadingParameter] public StaffClock? Clock { get; set; }
        [Parameter] public Action<StaffClock?> Seen { get; set; } = _ => { };
        protected override void OnParametersSet() => Seen(Clock);
    }
}
