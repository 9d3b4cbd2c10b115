using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Components render in the thread's culture (a circuit's is its first request's). Tests assert the default, English,
/// whatever the machine's own culture is; a test of another language sets the thread's culture around what it renders.
/// </summary>
internal static class EnglishByDefault
{
    [ModuleInitializer]
    internal static void Set()
    {
        var english = CultureInfo.GetCultureInfo("en");
        CultureInfo.DefaultThreadCurrentCulture = english;
        CultureInfo.DefaultThreadCurrentUICulture = english;
        CultureInfo.CurrentCulture = english;
        CultureInfo.CurrentUICulture = english;
    }
}
