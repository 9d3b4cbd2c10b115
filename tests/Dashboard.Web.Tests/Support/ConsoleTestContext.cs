using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The bUnit context of a console component: MudBlazor's services, loose JS interop (MudBlazor's own calls need no
/// answers here), the console's texts (<c>IStringLocalizer&lt;ConsoleText&gt;</c>, which every component injects) and
/// the circuit's <see cref="Dashboard.Web.Access.CurrentStaff"/>. A test adds its store and signs its person in
/// (<see cref="ConsoleAuthorization.SetConsolePerson"/>).
/// </summary>
public abstract class ConsoleTestContext : BunitContext
{
    protected ConsoleTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddScoped<Dashboard.Web.Access.CurrentStaff>();
    }
}
