using System.Net;
using Microsoft.Extensions.Logging;

namespace BackCare.Web.Tests.Hardening;

public sealed class AllowedHostsTests
{
    [Fact]
    public async Task Given_production_with_any_host_allowed_When_the_app_starts_Then_it_warns_that_AllowedHosts_is_a_wildcard()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = "*" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("AllowedHosts is '*'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_production_with_its_default_settings_When_a_request_names_another_host_Then_it_is_refused_and_nothing_warns()
    {
        using var factory = new BackCareFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = "evil.example";

        using var ours = await client.GetAsync("/health/live");
        using var theirs = await client.SendAsync(request);

        ours.StatusCode.ShouldBe(HttpStatusCode.OK);
        theirs.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains("AllowedHosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_host_names_in_configuration_When_a_request_names_one_Then_it_is_served()
    {
        using var factory = BackCareFactory.With(new() { ["AllowedHosts"] = "backcare.example.org;localhost" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "backcare.example.org";
        using var other = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        other.Headers.Host = "evil.example";

        using var named = await client.SendAsync(request);
        using var unnamed = await client.SendAsync(other);

        named.StatusCode.ShouldBe(HttpStatusCode.OK);
        unnamed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
