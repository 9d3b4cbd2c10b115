using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Benchmarks.Runner;

/// <summary>An EF interceptor that records the SQL and parameters of the commands EF sends while capturing is on.</summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _commands = [];
    private bool _capturing;

    public async Task<IReadOnlyList<CapturedCommand>> CaptureAsync(Func<Task> run)
    {
        lock (_commands)
        {
            _commands.Clear();
            _capturing = true;
        }
        try
        {
            await run();
        }
        finally
        {
            _capturing = false;
        }
        lock (_commands)
        {
            return [.. _commands];
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (!_capturing)
        {
            return;
        }
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList();
        lock (_commands)
        {
            _commands.Add(new CapturedCommand(command.CommandText, parameters));
        }
    }
}

public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
