using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// A Production host as deployed behind a reverse proxy that ends TLS: forwarded headers on, one named proxy and one
/// proxy network trusted, <c>https_port</c> set so a plain-HTTP request is redirected. Every setting these tests need
/// is here. Requests say which address they come from (<see cref="TestClientAddress"/>: the in-memory server has no sockets).
/// </summary>
internal static class ProxiedHost
{
    public const string ServerName = "backcare.example";
    public const string NamedProxy = "10.0.0.5";
    public const string ProxyNetwork = "10.0.1.0/24";
    public const string Stranger = "198.51.100.9";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["AllowedHosts"] = $"{ServerName};127.0.0.1",
        ["https_port"] = "443",
        ["ForwardedHeaders:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies:0"] = NamedProxy,
        ["ForwardedHeaders:KnownNetworks:0"] = ProxyNetwork,
    };

    public static BackCareFactory Create(Action<IServiceCollection>? services = null) =>
        BackCareFactory.WithTestServices(services ?? (_ => { }), Settings());

    /// <summary>A client that talks plain HTTP to the server, as the proxy does, and keeps no cookies of its own.</summary>
    public static HttpClient Client(BackCareFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{ServerName}"), AllowAutoRedirect = false, HandleCookies = false,
        });

    /// <summary>A request as it arrives from <paramref name="from"/>, saying the client used <paramref name="forwardedProto"/>.</summary>
    public static HttpRequestMessage From(string from, HttpMethod method, string path, string forwardedProto = "https", string? host = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(TestClientAddress.Header, from);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return request;
    }
}
