using Dashboard.Core.Access;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components;

/// <summary>A console role (<see cref="ConsoleRoles"/>) as people read it, in the console's language.</summary>
public static class RoleText
{
    public static string Of(IStringLocalizer<ConsoleText> L, string? role) => role switch
    {
        ConsoleRoles.Admin => L["Role.Admin"],
        ConsoleRoles.Support => L["Role.Support"],
        ConsoleRoles.Viewer => L["Role.Viewer"],
        null => L["Role.None"],
        _ => role,
    };
}
