using BackCare.Data.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BackCare.Web.Hosting;

/// <summary>
/// Logs, traces and metrics for an operator (decision 16). What is traced and measured is declared here always; the
/// OpenTelemetry SDK that collects it starts only when something will receive it: an OTLP endpoint
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, with the SDK's other <c>OTEL_*</c> settings), so a server without one spends
/// nothing on spans nobody reads. In Production the console log is JSON, one object a line, for a log shipper.
/// </summary>
internal static class Observability
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "backcare";

    /// <summary>Npgsql's own meter: its connection pools and commands.</summary>
    private const string NpgsqlMeter = "Npgsql";

    /// <summary>EF Core's provider for PostgreSQL; its commands are traced by Npgsql itself, so not twice.</summary>
    private const string NpgsqlEfProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static WebApplicationBuilder AddBackCareObservability(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

                // Scopes would repeat the request's path on every line; the request line (RequestLog) has the route instead.
                options.IncludeScopes = false;
            });
        }

        var services = builder.Services;
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(BackCareTracing.SourceName)
            .AddAspNetCoreInstrumentation(options =>
            {
                // A load balancer asks for /health/live every few seconds: it must stay cheap and not fill the traces.
                options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

                // A query string can carry what a person typed; the route and path say which endpoint it was.
                options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
            })
            .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.query", null))
            .AddEntityFrameworkCoreInstrumentation(options => options.Filter = (provider, _) => provider != NpgsqlEfProvider)
            .AddNpgsql());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(BackCareMetrics.MeterName, NpgsqlMeter)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
                .WithTracing(_ => { })
                .WithMetrics(_ => { })
                .UseOtlpExporter();
        }

        return builder;
    }
}
