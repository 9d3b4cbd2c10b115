using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Storage;

/// <summary>Where the SQLite file lives: <c>ConnectionStrings:Dashboard</c>, relative paths taken from the content root.</summary>
public static class StoreConnectionString
{
    public const string Name = "Dashboard";
    public const string Default = "Data Source=data/dashboard.db";

    /// <summary>Makes the data source absolute under <paramref name="contentRoot"/> and creates its folder.</summary>
    public static string Resolve(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? Default : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
