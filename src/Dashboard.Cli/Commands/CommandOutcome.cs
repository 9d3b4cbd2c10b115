using System.CommandLine;

namespace Dashboard.Cli.Commands;

/// <summary>Exit codes and the one-line reason every command prints on bad input.</summary>
public static class CommandOutcome
{
    public const int Success = 0;
    public const int BadInput = 1;

    public static int Fail(ParseResult parseResult, string reason)
    {
        parseResult.InvocationConfiguration.Error.WriteLine($"error: {reason}");
        return BadInput;
    }
}
