using BackCare.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// Built from the route table: every route that accepts a write (POST, PUT, PATCH, DELETE, or a page, which takes
/// any method) and every API, FHIR and CDS Hooks route carries the rate limit of its kind, so a route added
/// tomorrow without one fails here.
/// </summary>
public sealed class RateLimitRouteTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly string[] Writes = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    [Fact]
    public void Given_the_route_table_When_each_route_that_takes_a_write_or_serves_data_is_read_Then_it_carries_a_rate_limit()
    {
        var routes = RouteTable.Of(factory).Where(MustBeLimited).ToList();

        routes.Count.ShouldBeGreaterThan(50, "the route table was read");
        routes.Where(r => Policy(r) is null).Select(r => r.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void Given_the_route_table_When_the_API_FHIR_and_CDS_Hooks_routes_are_read_Then_each_has_the_policy_of_its_own_kind()
    {
        var wrong = RouteTable.Of(factory)
            .Select(r => (Route: r, Expected: ExpectedKind(r.Text)))
            .Where(r => r.Expected is not null && Policy(r.Route) != RateLimits.PolicyName(r.Expected.Value))
            .Select(r => $"{r.Route} has {Policy(r.Route) ?? "no policy"}, not {r.Expected}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-up")]
    [InlineData("/clinics/{id:guid}/contact")]
    [InlineData("/book/{slotId:guid}")]
    [InlineData("/account/appointments/{id:guid}/reschedule/{slotId:guid?}")]
    public void Given_a_page_whose_form_signs_in_or_creates_When_its_route_is_read_Then_it_has_the_strict_form_limit(string path)
    {
        var page = RouteTable.Of(factory).Single(r => r.Text == path);

        Policy(page).ShouldBe(RateLimits.PolicyName(RateLimitKind.Forms));
    }

    [Fact]
    public void Given_a_page_that_only_steps_through_the_check_When_its_route_is_read_Then_it_has_the_generous_page_limit()
    {
        var question = RouteTable.Of(factory).First(r => r.Text.StartsWith("/check/", StringComparison.Ordinal) && Policy(r) is not null);

        Policy(question).ShouldBe(RateLimits.PolicyName(RateLimitKind.Pages));
    }

    private static bool MustBeLimited(Route route) =>
        Writes.Contains(route.Method)
        || route.AcceptsAnyMethod
        || ExpectedKind(route.Text) is not null;

    private static RateLimitKind? ExpectedKind(string path) =>
        path.StartsWith("/api/", StringComparison.Ordinal) ? RateLimitKind.Api
        : path == "/fhir" || path.StartsWith("/fhir/", StringComparison.Ordinal) ? RateLimitKind.Fhir
        : path.StartsWith("/cds-services", StringComparison.Ordinal) ? RateLimitKind.CdsHooks
        : null;

    private static string? Policy(Route route) => route.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
}
