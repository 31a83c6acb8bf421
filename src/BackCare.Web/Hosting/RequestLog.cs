using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BackCare.Web.Hosting;

/// <summary>
/// One log line per request, for an operator: method, route template, status and duration. Never the path as sent,
/// the query string, a header or the body: a path holds ids and a query string can hold whatever a person typed (an
/// email, a symptom). A request no endpoint answered (a static file, an unknown path) is logged as
/// <see cref="NoRoute"/>, never with its path. ASP.NET Core's own
/// request lines, which carry the path and query, stay below the log level (<c>Microsoft.AspNetCore: Warning</c>).
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "BackCare.Requests";

    /// <summary>What is logged in place of a route for a request no endpoint answered (a static file, an unknown path).</summary>
    public const string NoRoute = "(no endpoint)";

    /// <summary>Outermost: it times everything and logs once the response status is final, error pages included.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var route = new MatchedRoute();
            context.Features.Set(route);
            try
            {
                await next(context);
            }
            finally
            {
                var milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
                Completed(logger, context.Request.Method, route.Template ?? NoRoute, context.Response.StatusCode, milliseconds);
            }
        });
    }

    /// <summary>
    /// Right after routing: notes the endpoint the request matched. Only the first time, since an error page runs the
    /// pipeline again for the same request and would otherwise put its own route in place of the one asked for.
    /// </summary>
    public static IApplicationBuilder UseRequestLogRoute(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<MatchedRoute>() is { Noted: false } route)
            {
                route.Noted = true;
                route.Template = context.GetEndpoint() is RouteEndpoint endpoint ? Template(endpoint.RoutePattern) : null;
            }

            return next(context);
        });

    private static string Template(RoutePattern pattern)
    {
        var text = pattern.RawText ?? "";
        text = text.Trim('/');
        return "/" + text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} {StatusCode} {ElapsedMilliseconds} ms")]
    private static partial void Completed(ILogger logger, string method, string route, int statusCode, double elapsedMilliseconds);

    private sealed class MatchedRoute
    {
        public bool Noted { get; set; }

        public string? Template { get; set; }
    }
}
