using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Bunit;
using Dashboard.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Layout;

/// <summary>The layout's first render is in the theme the request's cookie names, before any script runs.</summary>
public sealed class ThemeFirstPaintTests : ConsoleTestContext, IAsyncLifetime
{
    // The layout's organisation switcher reads the person's memberships from a real store.
    private readonly Support.TestStore _store = new();

    public async Task InitializeAsync() => await _store.AddToAsync(Services, seedDemo: true);

    // MudBlazor's services only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    public ThemeFirstPaintTests()
    {
        Services.TryAddScoped<Dashboard.Web.Access.CurrentStaff>(); // the notification bell's person
        Services.AddScoped<ThemePreference>();
        Services.AddScoped<Dashboard.Web.Components.Time.TimeZonePreference>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole("admin");
    }

    private IRenderedComponent<MainLayout> RenderWithCookie(string? cookie)
    {
        Services.GetRequiredService<ThemePreference>().FromCookie = ThemePreference.Parse(cookie);
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
    }

    [Fact]
    public void A_dark_cookie_renders_the_dark_palette_on_the_first_render()
    {
        var layout = RenderWithCookie("dark");

        Assert.NotNull(layout.Find("[aria-label='Switch to light theme']"));
        Assert.Contains("90,169,230", layout.Markup.Replace(" ", "")); // the dark primary, #5aa9e6
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "localStorage.getItem");
    }

    [Theory]
    [InlineData("light")]
    [InlineData(null)]
    public void A_light_or_missing_cookie_renders_light(string? cookie)
    {
        var layout = RenderWithCookie(cookie);

        Assert.NotNull(layout.Find("[aria-label='Switch to dark theme']"));
        Assert.DoesNotContain("90,169,230", layout.Markup.Replace(" ", ""));
    }

    [Fact]
    public void Every_page_has_one_main_landmark()
    {
        var layout = RenderWithCookie(null);

        Assert.Single(layout.FindAll("main"));
        Assert.Contains("page", layout.Find("main").TextContent);
    }
}
