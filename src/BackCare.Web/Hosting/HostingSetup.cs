using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BackCare.Web.Hosting;

internal static class HostingSetup
{
    public const string AllowedHostsKey = "AllowedHosts";

    public static IServiceCollection AddBackCareHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBackCareDataProtection(configuration);
        HostOnlyCookies.AddTo(services);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // The pages' forms use plain names. The jQuery-style reader of keys such as "a[b]" throws on a key with an
        // unclosed bracket, sent by anyone to any page: a 500 from input. The plain form reader stays.
        services.PostConfigure<MvcOptions>(options => options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>());
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        var proxy = (configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions()).Validated();
        services.AddSingleton(proxy);
        services.Configure<ForwardedHeadersOptions>(proxy.ApplyTo);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

        services.AddBackCareRateLimits(configuration);
        return services;
    }

    public static WebApplication UseBackCareHosting(this WebApplication app)
    {
        WarnWhenAnyHostIsAllowed(app);
        DataProtectionSetup.WarnWhenKeysAreUnencrypted(app);
        HostOnlyCookies.WarnWhenServedOnlyOverHttp(app);

        // First, so that its headers are on every response: the exception handler's 500s and the status pages too.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (app.Services.GetRequiredService<ProxyOptions>().Enabled)
        {
            // Before everything that reads the client (HTTPS redirection, HSTS, the rate limit's client key), so they see the real one.
            app.UseForwardedHeaders();
        }

        // A fault on a person's page shows the error page in the layout; the API gets a problem document (ProblemDetailsExceptionHandler).
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = ErrorPagePath + "500" });
        app.UseStatusCodePages(WriteStatusPage);
        app.Use(RefuseUnknownCharsets);
        if (!app.Environment.IsDevelopment())
        {
            // The redirect only when an HTTPS port is known (https_port, or an https URL). HSTS is among the security headers.
            app.UseHttpsRedirection();
        }

        app.UseResponseCompression();
        return app;
    }

    /// <summary>
    /// <c>AllowedHosts</c> (host names separated by ';') decides which Host headers are served; with <c>*</c> a
    /// request can name any host, and whatever builds an absolute address from it (a redirect, a link in a message)
    /// points where the sender chose. Production's default is loopback only (appsettings.Production.json).
    /// </summary>
    private static void WarnWhenAnyHostIsAllowed(WebApplication app)
    {
        var hosts = (app.Configuration[AllowedHostsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (app.Environment.IsProduction() && (hosts.Length == 0 || hosts.Contains("*")))
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostingSetup).FullName!).LogWarning(
                "AllowedHosts is '*': any Host header is served. Set AllowedHosts (a setting or an environment variable) to " +
                "this server's host names separated by ';', for example backcare.example.org.");
        }
    }

    /// <summary>
    /// A body in a character set .NET does not know or refuses (<c>charset=utf-7</c>) cannot be read; the JSON binder would
    /// throw, so it is answered here with 415, before any endpoint tries.
    /// </summary>
    private static Task RefuseUnknownCharsets(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentType is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset
            && !IsKnownEncoding(charset.ToString().Trim('"')))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body's character set is not supported",
                detail: "Send the body as UTF-8 (charset=utf-8).").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsKnownEncoding(string name)
    {
        try
        {
            _ = System.Text.Encoding.GetEncoding(name);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Bare error statuses (404, 405, …) become problem documents for the API and short pages for people.</summary>
    private static async Task WriteStatusPage(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await service.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status },
            });
            return;
        }

        // A person's page: the error page in the site's layout (header, emergency banner), run in place of this request.
        var originalPath = context.Request.Path;
        var originalQuery = context.Request.QueryString;
        var routeValues = context.Features.Get<IRouteValuesFeature>();
        context.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
        {
            OriginalPathBase = context.Request.PathBase.Value!,
            OriginalPath = originalPath.Value!,
            OriginalQueryString = originalQuery.HasValue ? originalQuery.Value : null,
            Endpoint = context.GetEndpoint(),
            RouteValues = routeValues?.RouteValues,
        });
        context.SetEndpoint(null);
        routeValues?.RouteValues?.Clear();
        context.Request.Path = ErrorPagePath + status.ToString(CultureInfo.InvariantCulture);
        context.Request.QueryString = QueryString.Empty;
        try
        {
            await statusContext.Next(context);
        }
        finally
        {
            context.Request.Path = originalPath;
            context.Request.QueryString = originalQuery;
            context.Features.Set<IStatusCodeReExecuteFeature?>(null);
        }
    }

    /// <summary>The error pages (Errors/Status.cshtml), by status: /error/404, /error/500.</summary>
    public const string ErrorPagePath = "/error/";
}
