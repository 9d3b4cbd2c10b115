using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Components render in the thread's culture (a circuit's is its first request's). Tests assert the default, English,
/// whatever the machine's own culture is; a test of another language sets it around what it renders (<see cref="InCulture"/>).
/// </summary>
internal static class EnglishByDefault
{
    [ModuleInitializer]
    internal static void Set()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }
}

/// <summary>Sets the current culture and UI culture for a test's lifetime and restores the previous ones on dispose.</summary>
public sealed class InCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public InCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
