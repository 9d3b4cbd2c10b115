namespace Dashboard.Core.Access;

/// <summary>The three roles of DESIGN §9 and which of them may use each part of the console.</summary>
public static class ConsoleRoles
{
    public const string Admin = "admin";
    public const string Support = "support";
    public const string Viewer = "viewer";

    /// <summary>Comma lists for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string AdminOnly = Admin;
    public const string SupportOrAdmin = Support + "," + Admin;
    public const string Anyone = Viewer + "," + Support + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Admin, Support, Viewer];
}
