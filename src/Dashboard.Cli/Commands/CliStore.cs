using System.CommandLine;
using Dashboard.Core;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Cli.Commands;

/// <summary>
/// The store as the web app opens it (same services, migrations applied first). Which file: <c>--db PATH</c>;
/// else <c>ConnectionStrings__Dashboard</c>; else the app's default <c>data/dashboard.db</c> under
/// <c>src/Dashboard.Web</c> of the repository the command runs in. Relative paths are taken like the app takes
/// them: from the current folder for <c>--db</c>, from <c>src/Dashboard.Web</c> otherwise.
/// </summary>
public sealed class CliStore : IAsyncDisposable
{
    public const string ConnectionStringVariable = "ConnectionStrings__Dashboard";

    private readonly ServiceProvider _services;

    private CliStore(ServiceProvider services, string dataSource)
    {
        _services = services;
        DataSource = dataSource;
    }

    /// <summary>The absolute path of the store file.</summary>
    public string DataSource { get; }

    public IServiceProvider Services => _services;

    /// <summary>
    /// Locates and opens the store named by <c>--db</c> (or the default), runs <paramref name="use"/> on it and
    /// closes it. A missing file is created unless <paramref name="mustExist"/>; a store that cannot be opened
    /// is a one-line reason and a non-zero exit.
    /// </summary>
    public static async Task<int> UseAsync(ParseResult parseResult, FileInfo? db, Func<CliStore, Task<int>> use, CancellationToken ct, bool mustExist = false)
    {
        var (connectionString, contentRoot, error) = Locate(db);
        if (error is not null) return CommandOutcome.Fail(parseResult, error);

        var path = DataSourceOf(connectionString, contentRoot);
        if (mustExist && !File.Exists(path)) return CommandOutcome.Fail(parseResult, $"store not found: {path}");

        CliStore store;
        try
        {
            store = await OpenAsync(connectionString, contentRoot, ct);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return CommandOutcome.Fail(parseResult, $"cannot open the store {path}: {OneLine(e.Message)}");
        }

        await using (store)
        {
            return await use(store);
        }
    }

    /// <summary>The connection string and the folder relative paths start from; a one-line reason when there is none.</summary>
    private static (string? ConnectionString, string ContentRoot, string? Error) Locate(FileInfo? db)
    {
        if (db is not null)
        {
            return (new SqliteConnectionStringBuilder { DataSource = db.FullName }.ToString(), Environment.CurrentDirectory, null);
        }

        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        var webProject = FindWebProject();
        if (webProject is null && string.IsNullOrWhiteSpace(configured))
        {
            return (null, "", "no store given: pass --db PATH or set ConnectionStrings__Dashboard (no Dashboard.sln above this folder to find the app's default store)");
        }

        return (configured, webProject ?? Environment.CurrentDirectory, null);
    }

    /// <summary>The file a connection string points at, made absolute as <see cref="StoreConnectionString.Resolve"/> does.</summary>
    private static string DataSourceOf(string? connectionString, string contentRoot) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? StoreConnectionString.Default : connectionString).DataSource, contentRoot);

    /// <summary>Opens (creating when missing) the store and applies its migrations.</summary>
    private static async Task<CliStore> OpenAsync(string? connectionString, string contentRoot, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{StoreConnectionString.Name}"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddDashboardCore(configuration, contentRoot).BuildServiceProvider();
        var store = new CliStore(services, DataSourceOf(connectionString, contentRoot));
        try
        {
            await services.InitializeStoreAsync(ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>A team by id, or by name (exact, else ignoring case); a one-line reason when none or several match.</summary>
    public async Task<(Team? Team, string? Error)> FindTeamAsync(string team, CancellationToken ct)
    {
        await using var db = await NewContextAsync(ct);
        if (Guid.TryParse(team, out var id))
        {
            var byId = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            return byId is null ? (null, $"no team with id {id} in {DataSource}") : (byId, null);
        }

        var teams = await db.Teams.AsNoTracking().ToListAsync(ct);
        var named = teams.Where(t => t.Name == team).ToList();
        if (named.Count == 0) named = [.. teams.Where(t => string.Equals(t.Name, team, StringComparison.OrdinalIgnoreCase))];
        return named.Count switch
        {
            0 => (null, $"no team named '{team}' in {DataSource}"),
            1 => (named[0], null),
            _ => (null, $"{named.Count} teams are named '{team}'; pass the team's id instead"),
        };
    }

    public async Task<PatientUser?> FindUserAsync(Guid teamId, string clientUserId, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PatientDirectory>().ResolveAsync(teamId, clientUserId, ct);
    }

    public async Task<(CreateUserOutcome Outcome, PatientUser? User)> CreateUserAsync(Guid teamId, string clientUserId, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PatientDirectory>().CreateAsync(teamId, clientUserId, ct: ct);
    }

    public Task<DashboardDbContext> NewContextAsync(CancellationToken ct) =>
        _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools(); // let the file go: the command line is done with it
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary><c>src/Dashboard.Web</c> of the repository above the current folder (or above this program).</summary>
    private static string? FindWebProject()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
                {
                    return Path.Combine(dir.FullName, "src", "Dashboard.Web");
                }
            }
        }

        return null;
    }
}
