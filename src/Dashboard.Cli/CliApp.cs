using System.CommandLine;
using System.CommandLine.Invocation;
using Dashboard.Cli.Commands;

namespace Dashboard.Cli;

/// <summary>
/// The <c>dashboard</c> command line. Each command lives in its own file under Commands/ and is added
/// here; the output writers are passed in so tests run commands in process.
/// </summary>
public static class CliApp
{
    public static RootCommand CreateRootCommand() =>
        new("Libre Connect Dashboard command line")
        {
            MetricsCommand.Create(),
            ImportCsvCommand.Create(),
            AgpReportCommand.Create(),
        };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false; // bad input gets its reason, not the whole help text (--help shows it)
        }

        return parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    /// <summary>Runs a command to its end (commands that use the store are asynchronous).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error).GetAwaiter().GetResult();
}
