using Dashboard.Core.Patients;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Layout;

/// <summary>Issue 16 item 4 in a real browser: at 1280×800 the patient list needs no horizontal scroll and shows every default column.</summary>
public sealed class PatientListFitTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    /// <summary>The page's and the grid's overflow, and each column header's box against the viewport.</summary>
    private const string Measure = """
        () => {
            const page = document.scrollingElement;
            const grid = document.querySelector('[data-testid=patient-grid] .mud-table-container') ?? document.querySelector('[data-testid=patient-grid]');
            const width = window.innerWidth;
            const headers = [...document.querySelectorAll('[data-testid=patient-grid] thead th')].map(th => {
                const box = th.getBoundingClientRect();
                return { text: th.innerText.trim(), left: box.left, right: box.right };
            });
            return {
                pageOverflow: page.scrollWidth - page.clientWidth,
                gridOverflow: grid.scrollWidth - grid.clientWidth,
                width,
                headers,
            };
        }
        """;

    // Classes with setters: Playwright builds what a script returns through a parameterless constructor.
    private sealed class Header
    {
        public string Text { get; set; } = "";
        public double Left { get; set; }
        public double Right { get; set; }
    }

    private sealed class Fit
    {
        public double PageOverflow { get; set; }
        public double GridOverflow { get; set; }
        public double Width { get; set; }
        public Header[] Headers { get; set; } = [];
    }

    [Fact]
    public Task At_1280_by_800_the_patient_list_has_no_horizontal_scroll_and_every_default_column_is_visible() => InBrowserAsync(async page =>
    {
        await page.SetViewportSizeAsync(1280, 800);
        await page.SignInAsync(SeededPeople.Support, "/patients");
        await Assertions.Expect(page.Locator("[data-testid=patient-grid] tbody tr").First).ToBeVisibleAsync();

        var fit = await page.EvaluateAsync<Fit>(Measure);

        Assert.Equal(1280, fit.Width);
        Assert.True(fit.PageOverflow <= 0, $"the page scrolls sideways by {fit.PageOverflow} px");
        Assert.True(fit.GridOverflow <= 0, $"the grid scrolls sideways by {fit.GridOverflow} px");
        foreach (var column in PatientListColumns.Default)
        {
            var header = Assert.Single(fit.Headers, h => h.Text.StartsWith(column.Header, StringComparison.Ordinal));
            Assert.True(header.Left >= 0 && header.Right <= fit.Width, $"{column.Header} is at {header.Left}–{header.Right} px of {fit.Width}");
        }
    });
}
