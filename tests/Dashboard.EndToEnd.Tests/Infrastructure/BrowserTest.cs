using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Gives each test a fresh browser context; a failing test leaves a screenshot behind.</summary>
[Collection(EndToEndCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser, ConsoleAppFixture app)
{
    protected ConsoleAppFixture App { get; } = app;

    public static string ScreenshotFolder { get; } =
        Path.Combine(AppContext.BaseDirectory, "playwright-screenshots");

    protected async Task InBrowserAsync(Func<IPage, Task> steps, [CallerMemberName] string testName = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await steps(page);
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var file = Path.Combine(ScreenshotFolder, $"{testName}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.WriteLine($"Screenshot of the failing page: {file}");
            throw;
        }
    }
}
