namespace LibreView.Simulator;

/// <summary>
/// Runs the simulator alone: <c>dotnet run --project src/LibreView.Simulator</c> (http://localhost:5090).
/// Seeds come from the <c>LibreViewSimulator</c> section of appsettings.json.
/// </summary>
internal static class SimulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddLibreViewSimulator(builder.Configuration.GetSection("LibreViewSimulator"));
        var app = builder.Build();
        app.UseLibreViewSimulator();
        app.Run();
    }
}
