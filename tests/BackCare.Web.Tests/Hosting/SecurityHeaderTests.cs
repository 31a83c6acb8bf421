using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Hosting;

public sealed class SecurityHeaderTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/check")]
    [InlineData("GET", "/check/question/age")]
    [InlineData("GET", "/learn")]
    [InlineData("GET", "/search?q=back")]
    [InlineData("GET", "/css/site.css")]
    [InlineData("GET", "/api/findings")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/no-such-page")]
    [InlineData("POST", "/api/assessments")]
    public async Task Given_any_response_When_it_arrives_Then_it_carries_the_security_headers(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var csp = Header(response, "Content-Security-Policy");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("frame-ancestors 'none'");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Given_a_missing_page_When_a_person_opens_it_Then_they_get_a_404_page_with_a_way_home()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/learn/no-such-guide");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("href=\"/\"");
    }

    [Fact]
    public async Task Given_any_page_When_rendered_Then_it_has_no_inline_script_or_style_and_nothing_from_another_site()
    {
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/", "/check", "/check/question/age", "/learn", "/exercises", "/search?q=spasm" })
        {
            var html = await client.GetStringAsync(path);
            html.ShouldNotContain("<script>", customMessage: path);
            html.ShouldNotContain(" style=", customMessage: path);
            html.ShouldNotContain("<style", customMessage: path);
            System.Text.RegularExpressions.Regex.IsMatch(html, @"\son[a-z]+\s*=").ShouldBeFalse(path + " has an event handler attribute");
            html.ShouldNotContain("src=\"http", customMessage: path);
            html.ShouldNotContain("href=\"http", customMessage: path);
        }
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/assessments/not-an-id")]
    [InlineData("/fhir/Patient/no-such-person")]
    public async Task Given_an_address_that_is_not_found_When_it_is_asked_for_Then_the_404_carries_the_security_headers(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        ((int)response.StatusCode).ShouldBeOneOf(401, 404);
        ShouldCarryTheSecurityHeaders(response);
    }

    [Theory]
    [InlineData("http://localhost/")]
    [InlineData("http://localhost/learn")]
    [InlineData("https://backcare.example/learn")]
    public async Task Given_a_page_that_fails_on_our_side_When_the_500_is_written_Then_it_carries_the_security_headers(string address)
    {
        using var failing = BackCareFactory.WithTestServices(
            services => services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add(new FailOnRequest())),
            new() { ["AllowedHosts"] = "localhost;backcare.example" });
        using var client = failing.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Add(FailOnRequest.Header, "yes");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ShouldCarryTheSecurityHeaders(response);
        Header(response, "Strict-Transport-Security").ShouldBe(address.StartsWith("https:", StringComparison.Ordinal) ? "max-age=31536000" : "");
        failing.Logs.Entries.ShouldContain(e => e.Exception is FailOnRequest.Failure);
    }

    private static void ShouldCarryTheSecurityHeaders(HttpResponseMessage response)
    {
        Header(response, "Content-Security-Policy").ShouldBe(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        Header(response, "Cross-Origin-Opener-Policy").ShouldBe("same-origin");
    }

    /// <summary>A filter only this test registers: any page fails when the request asks it to, as a bug would.</summary>
    private sealed class FailOnRequest : Microsoft.AspNetCore.Mvc.Filters.IResourceFilter
    {
        public const string Header = "X-Test-Fail";

        public void OnResourceExecuting(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutingContext context)
        {
            if (context.HttpContext.Request.Headers.ContainsKey(Header))
            {
                throw new Failure();
            }
        }

        public void OnResourceExecuted(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutedContext context)
        {
        }

        public sealed class Failure() : Exception("A failure the test asked for.");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}
