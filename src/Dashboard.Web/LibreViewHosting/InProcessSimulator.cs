using Dashboard.Web.Configuration;
using LibreView.Client;
using LibreView.Simulator;
using Microsoft.AspNetCore.Hosting.Server;

namespace Dashboard.Web.LibreViewHosting;

/// <summary>
/// In Development with <c>LibreViewSimulator:Enabled</c> (never in another environment) the LibreView simulator runs inside the app under
/// <c>/_libreview</c>, and the LibreView client talks to it over real HTTP at the address the app listens on.
/// </summary>
internal static class InProcessSimulator
{
    public const string PathBase = "/_libreview";
    private const string Section = "LibreViewSimulator";

    public static void AddInProcessSimulator(this WebApplicationBuilder builder)
    {
        if (!DevelopmentFeatures.Simulator(builder.Configuration, builder.Environment))
        {
            return;
        }
        builder.Services.AddLibreViewSimulator(builder.Configuration.GetSection(Section));
        builder.Services.AddHostedService<Demo.DemoPatientsSeeder>();
        builder.Services.AddOptions<LibreViewClientOptions>()
            .Configure<IServer>((options, server) =>
                options.BaseUrlTemplate = ServerAddress.Listening(server, "the in-process LibreView simulator") + PathBase + "/{region}");
    }

    /// <summary>Mapped before authentication: the simulator stands in for an outside service and has no console sign-in.</summary>
    public static void MapInProcessSimulator(this WebApplication app)
    {
        if (DevelopmentFeatures.Simulator(app.Configuration, app.Environment))
        {
            app.Map(PathBase, branch => branch.UseLibreViewSimulator());
        }
    }
}
