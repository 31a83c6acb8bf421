using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BackCare.Web.Hosting;

/// <summary>
/// Running behind a reverse proxy that ends TLS, from the configuration section <c>ForwardedHeaders</c>.
/// Off by default: a proxy's X-Forwarded-For and X-Forwarded-Proto are trusted only when switched on, and
/// only from the proxies named here (and loopback), so that a client cannot choose its own address and
/// slip out of its rate limit.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies in front of BackCare, for example <c>10.0.0.5</c>. Loopback is always trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of proxies in CIDR form, for example <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies in a row may add to the headers; the default trusts only the nearest one.</summary>
    public int ForwardLimit { get; set; } = 1;

    internal void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = ForwardLimit;
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
