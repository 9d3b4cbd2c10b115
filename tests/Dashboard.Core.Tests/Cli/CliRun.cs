using Dashboard.Cli;

namespace Dashboard.Core.Tests.Cli;

/// <summary>Runs the command line in process and captures what it printed.</summary>
public static class CliRun
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
