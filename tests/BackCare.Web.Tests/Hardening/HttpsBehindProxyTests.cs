using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using BackCare.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// In Production every cookie is Secure with the <c>__Host-</c> prefix, and HSTS is sent on HTTPS, including HTTPS that a
/// trusted proxy ended; a stranger's X-Forwarded-Proto changes nothing.
/// </summary>
public sealed class HttpsBehindProxyTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Given_production_behind_a_trusted_proxy_that_ended_TLS_When_a_person_signs_in_on_the_page_Then_every_cookie_is_Secure_and_host_only_and_HSTS_is_sent()
    {
        using var factory = ProxiedHost.Create();
        using var client = ProxiedHost.Client(factory);
        var email = $"proxied-{Guid.NewGuid():N}@example.org";
        using (var register = ProxiedHost.From(ProxiedHost.NamedProxy, HttpMethod.Post, "/api/account/register"))
        {
            register.Content = JsonContent.Create(new { email, password = Accounts.Accounts.Password, displayName = "Sam" });
            (await client.SendAsync(register)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var page = await client.SendAsync(ProxiedHost.From(ProxiedHost.NamedProxy, HttpMethod.Get, "/account/sign-in"));
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "no redirect: the proxy says the client used HTTPS");
        var formCookie = ShouldBeHostOnly(SetCookies(page).ShouldHaveSingleItem());
        var token = Parser.ParseDocument(await page.Content.ReadAsStringAsync())
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var signIn = ProxiedHost.From(ProxiedHost.NamedProxy, HttpMethod.Post, "/account/sign-in");
        signIn.Headers.Add("Cookie", formCookie);
        signIn.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = Accounts.Accounts.Password, ["__RequestVerificationToken"] = token,
        });
        using var signedIn = await client.SendAsync(signIn);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sessionCookie = ShouldBeHostOnly(SetCookies(signedIn).ShouldHaveSingleItem());
        Hsts(page).ShouldBe("max-age=31536000");
        Hsts(signedIn).ShouldBe("max-age=31536000");

        using var account = ProxiedHost.From(ProxiedHost.NamedProxy, HttpMethod.Get, "/account");
        account.Headers.Add("Cookie", sessionCookie);
        using var accountPage = await client.SendAsync(account);
        accountPage.StatusCode.ShouldBe(HttpStatusCode.OK, "the prefixed cookie signs the person in");
        (await accountPage.Content.ReadAsStringAsync()).ShouldContain(email);
    }

    [Theory]
    [InlineData(ProxiedHost.NamedProxy, ProxiedHost.ServerName)]
    [InlineData("10.0.1.77", ProxiedHost.ServerName)]
    [InlineData("127.0.0.1", "127.0.0.1:5080")]
    public async Task Given_forwarded_headers_on_When_a_trusted_proxy_says_the_client_used_https_Then_the_answer_is_as_over_https_with_HSTS(string proxy, string host)
    {
        using var factory = ProxiedHost.Create();
        using var client = ProxiedHost.Client(factory);

        // The last: a proxy that passes its upstream address as Host (nginx's default) still serves a public name to the browser.
        using var response = await client.SendAsync(ProxiedHost.From(proxy, HttpMethod.Get, "/learn", host: host));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Hsts(response).ShouldBe("max-age=31536000");
    }

    [Theory]
    [InlineData(ProxiedHost.Stranger)]
    [InlineData("10.0.2.9")]
    public async Task Given_forwarded_headers_on_When_an_address_that_is_no_known_proxy_says_https_Then_the_request_stays_plain_HTTP_without_HSTS_or_cookies(string stranger)
    {
        using var factory = ProxiedHost.Create();
        using var client = ProxiedHost.Client(factory);

        using var response = await client.SendAsync(ProxiedHost.From(stranger, HttpMethod.Get, "/account/sign-in"));

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect, "still plain HTTP, so sent to HTTPS");
        response.Headers.Location.ShouldBe(new Uri("https://backcare.example/account/sign-in"));
        Hsts(response).ShouldBeNull();
        SetCookies(response).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_trusted_proxy_When_it_forwards_plain_http_Then_the_request_is_sent_to_https_without_HSTS()
    {
        using var factory = ProxiedHost.Create();
        using var client = ProxiedHost.Client(factory);

        using var response = await client.SendAsync(ProxiedHost.From(ProxiedHost.NamedProxy, HttpMethod.Get, "/learn", forwardedProto: "http"));

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        Hsts(response).ShouldBeNull();
    }

    [Fact]
    public async Task Given_production_When_the_cookie_options_are_read_Then_every_cookie_scheme_the_antiforgery_and_the_TempData_cookies_are_Secure_host_only()
    {
        // A scheme added by someone else, naming no cookie: covered like the app's own.
        using var factory = ProxiedHost.Create(services => services.AddAuthentication().AddCookie("Test.Later"));
        var services = factory.Services;

        var cookieSchemes = (await services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync())
            .Where(s => typeof(CookieAuthenticationHandler).IsAssignableFrom(s.HandlerType))
            .Select(s => s.Name)
            .ToList();
        cookieSchemes.ShouldContain("Test.Later");
        cookieSchemes.Count.ShouldBeGreaterThan(1);
        var cookies = cookieSchemes.Select(s => (s, services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(s).Cookie))
            .Append(("antiforgery", services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie))
            .Append(("TempData", services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie));

        foreach (var (owner, cookie) in cookies)
        {
            cookie.Name.ShouldStartWith(HostOnlyCookies.Prefix, Case.Sensitive, owner);
            cookie.SecurePolicy.ShouldBe(CookieSecurePolicy.Always, owner);
            cookie.Path.ShouldBe("/", owner);
            cookie.Domain.ShouldBeNull(owner);
        }
    }

    [Fact]
    public void Given_development_When_the_cookie_options_are_read_Then_they_stay_as_configured_so_plain_http_on_localhost_works()
    {
        using var factory = BackCareFactory.InEnvironment(Environments.Development);
        var services = factory.Services;

        services.GetRequiredService<IWebHostEnvironment>().EnvironmentName.ShouldBe("Development");
        var signIn = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        signIn.Name!.ShouldNotStartWith(HostOnlyCookies.Prefix);
        signIn.SecurePolicy.ShouldNotBe(CookieSecurePolicy.Always);
        services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy.ShouldNotBe(CookieSecurePolicy.Always);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0", "ForwardedHeaders:ForwardLimit")]
    public void Given_a_proxy_setting_that_cannot_be_used_When_the_server_starts_Then_it_fails_naming_the_setting(string key, string value, string named)
    {
        using var factory = BackCareFactory.With(new() { ["ForwardedHeaders:Enabled"] = "true", [key] = value });

        var thrown = Should.Throw<Exception>(() => factory.Services);

        Flatten(thrown).OfType<HostingConfigurationException>().ShouldHaveSingleItem().Message.ShouldContain(named);
    }

    /// <summary>Each Set-Cookie as name=value, after checking its attributes make it a host-only, Secure cookie.</summary>
    private static string ShouldBeHostOnly(string setCookie)
    {
        setCookie.ShouldStartWith(HostOnlyCookies.Prefix);
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        attributes.ShouldContain("secure", setCookie);
        attributes.ShouldContain("path=/", setCookie);
        attributes.ShouldContain("httponly", setCookie);
        attributes.ShouldNotContain(a => a.StartsWith("domain=", StringComparison.Ordinal), setCookie);
        return setCookie.Split(';')[0];
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string? Hsts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(",", values) : null;

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
