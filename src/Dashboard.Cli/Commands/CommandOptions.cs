using System.CommandLine;

namespace Dashboard.Cli.Commands;

/// <summary>
/// Options more than one command takes. Each call makes a new option: an option belongs to the command it is
/// added to, and commands are built anew for every run (tests run them side by side).
/// </summary>
public static class CommandOptions
{
    public static Option<FileInfo> ExportFile() => new("--file")
    {
        Description = "A LibreView \"Glucose Data\" CSV export",
        HelpName = "EXPORT.csv",
    };

    public static Option<string> User() => new("--user")
    {
        Description = "The patient's client_user_id in the team",
        HelpName = "CLIENT_USER_ID",
    };

    public static Option<string> Team() => new("--team")
    {
        Description = "The team, by name or id",
        HelpName = "TEAM",
    };

    public static Option<FileInfo> Db() => new("--db")
    {
        Description = "The SQLite store file; default ConnectionStrings__Dashboard, else src/Dashboard.Web/data/dashboard.db of this repository",
        HelpName = "PATH",
    };
}
