using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Simulator.Endpoints;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LibreView.Simulator;

public static class SimulatorHostingExtensions
{
    /// <summary>Registers the simulator, configured from a section such as <c>LibreViewSimulator</c>.</summary>
    public static IServiceCollection AddLibreViewSimulator(this IServiceCollection services, IConfiguration section) =>
        services.AddLibreViewSimulator(section.Bind);

    /// <summary>Registers the simulator's in-memory state (a singleton <see cref="SimulatorState"/>) and its services.</summary>
    public static IServiceCollection AddLibreViewSimulator(this IServiceCollection services, Action<SimulatorOptions>? configure = null) =>
        services.AddLibreViewSimulator(configure, time: null);

    internal static IServiceCollection AddLibreViewSimulator(this IServiceCollection services, Action<SimulatorOptions>? configure, TimeProvider? time)
    {
        var options = services.AddOptions<SimulatorOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddRouting();
        services.TryAddSingleton(sp => new SimulatorState(
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value,
            time ?? sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp => new AuthFlow(sp.GetRequiredService<SimulatorState>()));
        return services;
    }

    /// <summary>
    /// Serves the simulator on this (branch of the) pipeline with its own routing, e.g.
    /// <c>app.Map("/_libreview", b => b.UseLibreViewSimulator())</c>: the LibreView web/Pro API at <c>/{region}/...</c>
    /// and the control API at <c>/_sim/...</c>, relative to the branch.
    /// </summary>
    public static IApplicationBuilder UseLibreViewSimulator(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            // A host's own routing may already have picked an endpoint (a fallback page); this branch routes itself.
            context.SetEndpoint(null);
            context.Request.RouteValues.Clear();
            return next(context);
        });
        app.UseRouting();
        app.UseMiddleware<ApiGate>();
        app.UseEndpoints(e =>
        {
            ControlEndpoints.Map(e);
            AuthEndpoints.Map(e);
            DataEndpoints.Map(e);
            ProEndpoints.Map(e);
            GlucoseHistoryEndpoints.Map(e);
            ExportEndpoints.Map(e);
            // Everything else is a path the reference does not list: counted, then 404.
            e.Map("/{**path}", () => Results.NotFound()).WithMetadata(new ApiGate.UnlistedPath()).WithOrder(int.MaxValue);
        });
        return app;
    }
}
