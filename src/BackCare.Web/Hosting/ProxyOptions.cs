using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BackCare.Web.Hosting;

/// <summary>
/// Running behind a reverse proxy that ends TLS, from the configuration section <c>ForwardedHeaders</c>.
/// Off by default: a proxy's X-Forwarded-For and X-Forwarded-Proto are trusted only when switched on, and
/// only from the proxies named here (and loopback), so that a client cannot choose its own address and
/// slip out of its rate limit. A request that a trusted proxy says came over HTTPS is answered as HTTPS: it gets HSTS
/// and the Secure cookies (<see cref="HostOnlyCookies"/>); the same header from anyone else changes nothing.
/// (ASP.NET Core's own <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> trusts every address: leave it unset.)
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

    /// <summary>
    /// Checks the addresses and the limit at start-up, naming the setting at fault; parsed only later, a mistyped address
    /// would fail the first request with a bare "invalid IP address".
    /// </summary>
    internal ProxyOptions Validated()
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                throw new HostingConfigurationException($"{Section}:KnownProxies:{i} is '{KnownProxies[i]}', which is not an IP address (for example 10.0.0.5).");
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                throw new HostingConfigurationException($"{Section}:KnownNetworks:{i} is '{KnownNetworks[i]}', which is not a network in CIDR form (for example 10.0.0.0/24).");
            }
        }

        return ForwardLimit >= 1
            ? this
            : throw new HostingConfigurationException($"{Section}:ForwardLimit is {ForwardLimit}; it must be 1 or more (the number of proxies in a row).");
    }

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
