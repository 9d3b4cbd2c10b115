using Dashboard.Core.Telemetry;
using LibreView.Client.Http;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Configuration;

/// <summary>
/// OpenTelemetry for the console: traces and metrics of LibreView calls, syncs and webhook deliveries (the
/// <see cref="LibreViewTelemetry"/> and <see cref="DashboardTelemetry"/> sources) plus ASP.NET Core's requests.
/// <c>Telemetry:Console</c> = true prints them (the <c>dotnet run</c> profile turns it on); <c>Telemetry:OtlpEndpoint</c>
/// (with <c>Telemetry:OtlpProtocol</c> = <c>grpc</c>, the default, or <c>http</c>) exports them to a collector.
/// With neither, nothing is collected, so tests and quiet deployments pay nothing.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddDashboardTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Telemetry");
        var console = section.GetValue<bool>("Console");
        var otlpEndpoint = section["OtlpEndpoint"];
        if (!console && string.IsNullOrWhiteSpace(otlpEndpoint)) return builder;
        if (!string.IsNullOrWhiteSpace(otlpEndpoint) && !Uri.TryCreate(otlpEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint must be an absolute URL such as http://collector:4317; it is '{otlpEndpoint}'.");
        }
        var protocol = string.Equals(section["OtlpProtocol"], "http", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        // Over HTTP a programmatic endpoint is the signal's full URL, so each signal gets its standard path; gRPC takes the base.
        Action<OtlpExporterOptions> Otlp(string signalPath) => options =>
        {
            var endpoint = otlpEndpoint!.TrimEnd('/');
            options.Endpoint = new Uri(protocol == OtlpExportProtocol.HttpProtobuf ? endpoint + signalPath : endpoint);
            options.Protocol = protocol;
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("libre-connect-dashboard"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(LibreViewTelemetry.SourceName, DashboardTelemetry.SourceName);
                // Every request would drown the console; the collector gets them, the console only our own work.
                if (!string.IsNullOrWhiteSpace(otlpEndpoint)) tracing.AddAspNetCoreInstrumentation().AddOtlpExporter(Otlp("/v1/traces"));
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LibreViewTelemetry.SourceName, DashboardTelemetry.SourceName).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlpEndpoint)) metrics.AddOtlpExporter(Otlp("/v1/metrics"));
                if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });
        return builder;
    }
}
