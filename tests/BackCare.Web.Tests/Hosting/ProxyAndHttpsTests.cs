using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace BackCare.Web.Tests.Hosting;

/// <summary>HTTPS redirection and HSTS outside Development, and forwarded headers from a trusted reverse proxy.</summary>
public sealed class ProxyAndHttpsTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    /// <summary>The server's name in these tests; a deployment names its own in AllowedHosts, or every request is refused.</summary>
    private const string ServerName = "backcare.example";

    [Fact]
    public async Task Given_an_https_port_When_a_page_is_asked_for_over_plain_http_Then_it_redirects_to_https()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["https_port"] = "8443" });
        using var client = factory.CreateClient(NoRedirects);

        using var response = await client.GetAsync("http://backcare.example/learn?x=1");

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location.ShouldBe(new Uri("https://backcare.example:8443/learn?x=1"));
    }

    [Fact]
    public async Task Given_no_https_port_When_a_page_is_asked_for_over_plain_http_Then_it_is_served_without_HSTS()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName });
        using var client = factory.CreateClient(NoRedirects);

        using var response = await client.GetAsync("http://backcare.example/learn");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("HSTS means nothing over plain HTTP");
    }

    [Fact]
    public async Task Given_an_https_request_When_it_is_answered_Then_it_carries_HSTS()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["https_port"] = "443" });
        using var client = factory.CreateClient(NoRedirects);

        using var response = await client.GetAsync("https://backcare.example/learn");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        string.Join(",", response.Headers.GetValues("Strict-Transport-Security")).ShouldContain("max-age=31536000");
    }

    [Fact]
    public async Task Given_forwarded_headers_on_When_the_proxy_says_the_client_used_https_Then_the_app_answers_as_over_https()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["https_port"] = "443", ["ForwardedHeaders:Enabled"] = "true" });

        var context = await SendFromProxy(factory, IPAddress.Loopback, "/learn", "203.0.113.7", "https");

        context.Response.StatusCode.ShouldBe(StatusCodes.Status200OK, "no redirect: the client did use https");
        context.Response.Headers.StrictTransportSecurity.ToString().ShouldContain("max-age=");
        context.Connection.RemoteIpAddress.ShouldBe(IPAddress.Parse("203.0.113.7"));
    }

    [Fact]
    public async Task Given_forwarded_headers_off_When_a_request_claims_https_Then_the_claim_is_ignored()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["https_port"] = "443" });

        var context = await SendFromProxy(factory, IPAddress.Loopback, "/learn", "203.0.113.7", "https");

        context.Response.StatusCode.ShouldBe(StatusCodes.Status307TemporaryRedirect);
        context.Connection.RemoteIpAddress.ShouldBe(IPAddress.Loopback);
    }

    [Fact]
    public async Task Given_forwarded_headers_on_When_a_stranger_not_a_known_proxy_sends_them_Then_they_are_ignored()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["ForwardedHeaders:Enabled"] = "true" });

        var context = await SendFromProxy(factory, IPAddress.Parse("198.51.100.9"), "/health/live", "203.0.113.7", "https");

        context.Connection.RemoteIpAddress.ShouldBe(IPAddress.Parse("198.51.100.9"));
        context.Request.IsHttps.ShouldBeFalse();
    }

    [Fact]
    public async Task Given_forwarded_headers_on_and_a_named_proxy_When_two_clients_behind_it_use_the_API_Then_each_has_its_own_rate_limit()
    {
        using var factory = BackCareFactory.With(new()
        {
            ["AllowedHosts"] = ServerName,
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["RateLimiting:Api:PermitLimit"] = "2",
        });
        var proxy = IPAddress.Parse("10.0.0.5");

        var first = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await SendFromProxy(factory, proxy, "/api/findings", "203.0.113.7", "http")).Response.StatusCode);
        }

        var second = await SendFromProxy(factory, proxy, "/api/findings", "203.0.113.8", "http");

        first.ShouldBe([200, 200, 429]);
        second.Response.StatusCode.ShouldBe(StatusCodes.Status200OK, "another client behind the same proxy has its own limit");
    }

    [Fact]
    public async Task Given_forwarded_headers_off_When_a_client_sends_a_made_up_address_Then_it_does_not_escape_its_rate_limit()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = ServerName, ["RateLimiting:Api:PermitLimit"] = "2" });
        var client = IPAddress.Parse("198.51.100.9");

        var statuses = new List<int>();
        foreach (var madeUp in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            statuses.Add((await SendFromProxy(factory, client, "/api/findings", madeUp, "http")).Response.StatusCode);
        }

        statuses.ShouldBe([200, 200, 429]);
    }

    /// <summary>A request as it arrives from <paramref name="from"/>, with the headers a proxy adds.</summary>
    private static Task<HttpContext> SendFromProxy(BackCareFactory factory, IPAddress from, string pathAndQuery, string forwardedFor, string forwardedProto) =>
        factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = from;
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("backcare.example");
            context.Request.Path = pathAndQuery;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        });
}
