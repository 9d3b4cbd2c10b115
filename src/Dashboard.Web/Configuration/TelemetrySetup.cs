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
        var otlpSetting = section["OtlpEndpoint"];
        Uri? collector = null;
        if (!string.IsNullOrWhiteSpace(otlpSetting) && !Uri.TryCreate(otlpSetting, UriKind.Absolute, out collector))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint must be an absolute URL such as http://collector:4317; it is '{otlpSetting}'.");
        }
        if (!console && collector is null) return builder;
        var protocol = string.Equals(section["OtlpProtocol"], "http", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        // Over HTTP a programmatic endpoint is the signal's full URL, so each signal gets its standard path; gRPC takes the base.
        Action<OtlpExporterOptions> Otlp(string signalPath) => options =>
        {
            options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(collector!.AbsoluteUri.TrimEnd('/') + signalPath) : collector!;
            options.Protocol = protocol;
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("libre-connect-dashboard"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(LibreViewTelemetry.SourceName, DashboardTelemetry.SourceName);
                // Every request would drown the console; the collector gets them, the console only our own work.
                if (collector is not null) tracing.AddAspNetCoreInstrumentation().AddOtlpExporter(Otlp("/v1/traces"));
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LibreViewTelemetry.SourceName, DashboardTelemetry.SourceName).AddAspNetCoreInstrumentation();
                if (collector is not null) metrics.AddOtlpExporter(Otlp("/v1/metrics"));
                if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });
        return builder;
    }
}
