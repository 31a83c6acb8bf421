using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Hosting;

/// <summary>
/// Outside Development, every cookie BackCare sets is <c>Secure</c> and named with the <c>__Host-</c> prefix (so also
/// <c>Path=/</c> and no <c>Domain</c>): the browser sends it only over HTTPS and refuses one set by plain HTTP or by a
/// sibling subdomain, so nobody on the network or on another site under the same domain can read or plant a sign-in or
/// form token. That covers every cookie authentication scheme, whatever the accounts code names them, the antiforgery
/// cookie and the TempData cookie. In Development the cookies are left as configured, so http://localhost works.
/// </summary>
/// <remarks>
/// A post-configuration, so it runs after each scheme's own setup. A scheme whose cookie has no name yet gets the name
/// the cookie handler would give it (<c>.AspNetCore.</c> and the scheme), prefixed: the handler's own post-configuration
/// may run after this one, and it only names a cookie that has no name.
/// </remarks>
internal sealed class HostOnlyCookies(IWebHostEnvironment environment) :
    IPostConfigureOptions<CookieAuthenticationOptions>, IPostConfigureOptions<AntiforgeryOptions>, IPostConfigureOptions<CookieTempDataProviderOptions>
{
    public const string Prefix = "__Host-";

    /// <summary>
    /// A server in Production that listens only on plain HTTP with no trusted proxy to say the client used HTTPS cannot
    /// sign anyone in or take a form (the browser drops the cookies; the antiforgery check refuses the request), so it
    /// says so once it knows its addresses.
    /// </summary>
    public static void WarnWhenServedOnlyOverHttp(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Services.GetRequiredService<ProxyOptions>().Enabled)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 } && addresses.All(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostOnlyCookies).FullName!).LogWarning(
                    "Serving plain HTTP only ({Addresses}) outside Development: cookies are Secure here, so signing in and every form " +
                    "need HTTPS. Serve an https URL, or put BackCare behind a proxy that ends TLS with ForwardedHeaders:Enabled=true; " +
                    "to try it on http://localhost, set ASPNETCORE_ENVIRONMENT=Development.",
                    string.Join(", ", addresses));
            }
        });
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<HostOnlyCookies>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(provider => provider.GetRequiredService<HostOnlyCookies>());
        services.AddSingleton<IPostConfigureOptions<AntiforgeryOptions>>(provider => provider.GetRequiredService<HostOnlyCookies>());
        services.AddSingleton<IPostConfigureOptions<CookieTempDataProviderOptions>>(provider => provider.GetRequiredService<HostOnlyCookies>());
    }

    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment())
        {
            options.Cookie.Name ??= CookieAuthenticationDefaults.CookiePrefix + name;
            HostOnly(options.Cookie);
        }
    }

    public void PostConfigure(string? name, AntiforgeryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment())
        {
            HostOnly(options.Cookie);
        }
    }

    public void PostConfigure(string? name, CookieTempDataProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment())
        {
            HostOnly(options.Cookie);
        }
    }

    private static void HostOnly(CookieBuilder cookie)
    {
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
        if (cookie.Name is { Length: > 0 } name && !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            cookie.Name = Prefix + name;
        }
    }
}
