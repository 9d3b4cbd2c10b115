namespace LibreView.Simulator;

/// <summary>Runs the simulator alone: <c>dotnet run --project src/LibreView.Simulator</c>.</summary>
internal static class SimulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "LibreView simulator");
        app.Run();
    }
}
