using System.Globalization;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Runs a test body with the thread's culture (numbers, dates) and UI culture (the console's texts) set to one
/// language, and restores the ones it found whatever happens. Inside the test method, not in a constructor: a culture
/// set in an async set-up does not flow into the test.
/// </summary>
public static class InCulture
{
    public static void Run(string name, Action body) => RunAsync(name, () =>
    {
        body();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    public static async Task RunAsync(string name, Func<Task> body)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            await body();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
