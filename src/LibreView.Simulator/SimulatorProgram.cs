namespace LibreView.Simulator;

/// <summary>
/// Runs the simulator alone: <c>dotnet run --project src/LibreView.Simulator</c> (http://localhost:5090).
/// Seeds come from the <c>LibreViewSimulator</c> section of simulator.json. (Not appsettings.json: the web app references
/// this project, and a referenced web project's appsettings.json would be copied over the web app's own.)
/// </summary>
internal static class SimulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "simulator.json"), optional: true);
        builder.Configuration.AddJsonFile(Path.Combine(builder.Environment.ContentRootPath, "simulator.json"), optional: true);
        builder.Configuration.AddCommandLine(args);
        builder.Services.AddLibreViewSimulator(builder.Configuration.GetSection("LibreViewSimulator"));
        var app = builder.Build();
        app.UseLibreViewSimulator();
        app.Run();
    }
}
