using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Hosting;

/// <summary>
/// Security headers on every response (HSTS outside Development on HTTPS, whether it reached BackCare directly or
/// through a trusted proxy that says so in X-Forwarded-Proto, from <see cref="HstsOptions"/>), and
/// <c>Cache-Control: no-store</c> on every response of an endpoint that carries personal data. The policy allows nothing from other sites, no inline script and no inline style, so
/// every page must work with the app's own files only.
/// </summary>
/// <remarks>
/// The headers are written as the response starts, not as the request arrives: the exception handler clears the
/// headers of a failed response before it writes the 500, and the endpoint (whose metadata says whether the
/// response is personal) is only known after routing. Registered first, so it sees every response.
/// </remarks>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<HstsOptions> hsts, IWebHostEnvironment environment)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    private readonly string? _strictTransportSecurity = environment.IsDevelopment() ? null : StrictTransportSecurity(hsts.Value);

    public Task InvokeAsync(HttpContext context)
    {
        // Seen before the forwarded headers are applied: a request that arrived as plain HTTP and is HTTPS by the time it
        // is answered was sent on by a trusted proxy that ended TLS (ProxyOptions).
        var arrivedOverHttps = context.Request.IsHttps;
        context.Response.OnStarting(() => AddHeaders(context, arrivedOverHttps));
        return next(context);
    }

    /// <summary>
    /// Hosts that never get HSTS (localhost by default), so a developer's browser does not pin them to HTTPS. Only for a
    /// request that came straight to BackCare: behind a proxy the Host header is often the proxy's upstream address
    /// (127.0.0.1), while the browser is on the public name, which is the one HSTS should pin.
    /// </summary>
    private bool IsExcluded(HostString host) => hsts.Value.ExcludedHosts.Contains(host.Host, StringComparer.OrdinalIgnoreCase);

    private static string StrictTransportSecurity(HstsOptions options) =>
        $"max-age={(long)options.MaxAge.TotalSeconds}" + (options.IncludeSubDomains ? "; includeSubDomains" : "") + (options.Preload ? "; preload" : "");

    private Task AddHeaders(HttpContext context, bool arrivedOverHttps)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (_strictTransportSecurity is not null && context.Request.IsHttps && (!arrivedOverHttps || !IsExcluded(context.Request.Host)))
        {
            headers.StrictTransportSecurity = _strictTransportSecurity;
        }

        if (PersonalData.IsCarriedBy(context.GetEndpoint()))
        {
            // Neither the browser nor a proxy keeps a copy of a health record or a token.
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Which endpoints answer with personal data: every one that needs a signed-in account, and those marked with
/// <see cref="CarriesPersonalData{TBuilder}"/> (answering anyone, but about a person: a token, a FHIR record, a
/// saved assessment). Their responses are never cached.
/// </summary>
internal static class PersonalData
{
    public static TBuilder CarriesPersonalData<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PersonalDataMetadata.Instance);

    public static bool IsCarriedBy(Endpoint? endpoint) =>
        endpoint is not null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || endpoint.Metadata.GetMetadata<PersonalDataMetadata>() is not null);
}

internal sealed class PersonalDataMetadata
{
    public static readonly PersonalDataMetadata Instance = new();

    private PersonalDataMetadata()
    {
    }
}
