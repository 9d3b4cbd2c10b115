namespace Dashboard.Core.Access;

/// <summary>The three roles of DESIGN §9 (who may do what is in <see cref="ConsolePolicies"/>, never checked by role name).</summary>
public static class ConsoleRoles
{
    public const string Admin = "admin";
    public const string Support = "support";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Support, Viewer];
}
