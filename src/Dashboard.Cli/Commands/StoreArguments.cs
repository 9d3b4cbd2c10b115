using System.CommandLine;

namespace Dashboard.Cli.Commands;

/// <summary>The options that name a patient in the store, shared by <c>import-csv</c> and <c>metrics --user</c>.</summary>
public static class StoreArguments
{
    public static readonly Option<string> User = new("--user")
    {
        Description = "The patient's client_user_id in the team",
        HelpName = "CLIENT_USER_ID",
    };

    public static readonly Option<string> Team = new("--team")
    {
        Description = "The team, by name or id",
        HelpName = "TEAM",
    };

    public static readonly Option<FileInfo> Db = new("--db")
    {
        Description = "The SQLite store file; default ConnectionStrings__Dashboard, else src/Dashboard.Web/data/dashboard.db of this repository",
        HelpName = "PATH",
    };
}
