using Dashboard.EndToEnd.Tests.Infrastructure;
using LibreView.Tests.Csv;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Patients;

public sealed class CsvImportTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public async Task Support_imports_a_real_export_sees_the_preview_then_the_data()
    {
        var api = new ConsoleApi(App);
        var userId = await api.CreateUserAsync("csv-" + Guid.NewGuid().ToString("N")[..8]);
        await InBrowserAsync(async page =>
        {
            await page.SignInAsync(SeededPeople.Support, $"/patients/{userId}");
            await Assertions.Expect(page.GetByTestId("patient-title")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("glucose-review-link")).ToHaveCountAsync(0);

            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("csv-import-choose").ClickAsync());
            await chooser.SetFilesAsync(RealExports.Martynk.Path);

            // SOURCES.md: type 0 ×370, 1 ×119, 5 ×10, 6 ×317; serial MEMB156-J0584; mmol/L.
            await Assertions.Expect(page.GetByTestId("csv-import-preview")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("csv-import-device")).ToContainTextAsync("MEMB156-J0584");
            await Assertions.Expect(page.GetByTestId("csv-import-unit")).ToHaveTextAsync("mmol/L");
            await Assertions.Expect(page.GetByTestId("csv-import-type-0")).ToContainTextAsync("370");
            await Assertions.Expect(page.GetByTestId("csv-import-type-1")).ToContainTextAsync("119");

            await page.GetByTestId("csv-import-confirm").ClickAsync();

            // Three scans share a timestamp with another scan; the store keeps the first of each.
            await Assertions.Expect(page.GetByTestId("csv-import-done")).ToContainTextAsync("370 automatic readings, 116 scans");
            await Assertions.Expect(page.GetByTestId("glucose-review-link")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("486 readings")).ToBeVisibleAsync();
        });
    }
}
