using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Web.Tests.Support;

/// <summary>What one API request asked of the store: its SQL commands, its commits, the connections it opened.</summary>
public sealed record StoreCalls(IReadOnlyList<string> Commands, int Commits, int ConnectionsOpened)
{
    /// <summary>Commands that read (SELECT, and EF's existence checks).</summary>
    public int Queries => Commands.Count(c => !IsWrite(c));

    internal static bool IsWrite(string sql)
    {
        var text = sql.TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() =>
        $"{Commits} commit(s), {Commands.Count} command(s), {ConnectionsOpened} connection(s) opened:\n" + string.Join("\n---\n", Commands);
}

/// <summary>
/// An EF interceptor that tallies, per HTTP request (found through <see cref="IHttpContextAccessor"/>, so background
/// services' store work is left out), the commands sent, the commits (an explicit transaction's commit, or a write
/// outside one, which SQLite commits by itself) and the connections opened. Each commit is an fsync under
/// <c>synchronous=FULL</c>, so this is what an API call costs the store's single writer.
/// </summary>
public sealed class StoreCallCounter(IHttpContextAccessor requests) : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>The request header whose value names the calls of a request in <see cref="Of"/>.</summary>
    public const string Header = "x-test-store-calls";

    private sealed class Tally
    {
        public readonly List<string> Commands = [];
        public int Commits;
        public int ConnectionsOpened;
    }

    private readonly ConcurrentDictionary<string, Tally> _tallies = new();

    /// <summary>The store calls of the request sent with <see cref="Header"/> = <paramref name="name"/>.</summary>
    public StoreCalls Of(string name)
    {
        var tally = _tallies.GetValueOrDefault(name) ?? new Tally();
        lock (tally)
        {
            return new StoreCalls([.. tally.Commands], tally.Commits, tally.ConnectionsOpened);
        }
    }

    private void Count(Action<Tally> count)
    {
        var name = requests.HttpContext?.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(name)) return;
        var tally = _tallies.GetOrAdd(name, _ => new Tally());
        lock (tally)
        {
            count(tally);
        }
    }

    private void Command(DbCommand command) => Count(t =>
    {
        t.Commands.Add(command.CommandText);
        if (command.Transaction is null && StoreCalls.IsWrite(command.CommandText)) t.Commits++;
    });

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Command(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Command(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Command(command);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Count(t => t.Commits++);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(t => t.Commits++);
        return Task.CompletedTask;
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count(t => t.ConnectionsOpened++);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(t => t.ConnectionsOpened++);
        return Task.CompletedTask;
    }
}
