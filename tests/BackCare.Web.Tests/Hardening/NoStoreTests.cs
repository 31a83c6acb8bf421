using System.Text;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// No response that carries personal data may be kept by a browser or a proxy. Built from the route table: every
/// route that needs a sign-in, and every API, FHIR and CDS Hooks route not named below as public, must answer
/// with <c>Cache-Control: no-store</c>, so a new route is covered the day it is added or this test fails.
/// </summary>
public sealed class NoStoreTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>API routes that answer everyone the same and say nothing about a person; the only ones that may be cached.</summary>
    private static readonly string[] PublicRoutes =
    [
        "GET /api/clinics/",
        "GET /api/clinics/{id:guid}/slots",
        "GET /api/findings",
        "GET /cds-services/",
    ];

    private static readonly string[] DataPrefixes = ["/api/", "/fhir", "/cds-services"];

    [Fact]
    public void Given_the_route_table_When_its_public_API_routes_are_listed_Then_they_are_exactly_the_ones_named_public()
    {
        var routes = RouteTable.Of(factory);

        routes.Where(r => DataPrefixes.Any(p => r.Text.StartsWith(p, StringComparison.Ordinal)) && !r.NeedsSignIn)
            .Select(r => r.ToString())
            .Where(PublicRoutes.Contains)
            .ShouldBe(PublicRoutes, ignoreOrder: true, "a public route named here no longer exists");
        Personal(routes).Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Given_every_route_that_carries_personal_data_When_a_signed_in_person_calls_it_Then_no_answer_is_stored()
    {
        using var client = await People.SignedInClient(factory);
        var stored = new List<string>();

        foreach (var route in Personal(RouteTable.Of(factory)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Address(Route.Plausible));
            if (route.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            if (response.Headers.CacheControl?.NoStore != true || (int)response.StatusCode >= 500)
            {
                stored.Add($"{route} answered {(int)response.StatusCode} with Cache-Control: {response.Headers.CacheControl}");
            }
        }

        stored.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/diary")]
    [InlineData("/api/assessments")]
    [InlineData("/fhir/Patient")]
    public async Task Given_no_sign_in_When_a_personal_route_answers_401_Then_that_answer_is_not_stored_either(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        ((int)response.StatusCode).ShouldBe(401);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_a_public_route_When_called_Then_it_is_not_marked_no_store()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/findings");

        (response.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
    }

    private static List<Route> Personal(IEnumerable<Route> routes) =>
        [.. routes.Where(r => r.NeedsSignIn
                              || (DataPrefixes.Any(p => r.Text.StartsWith(p, StringComparison.Ordinal)) && !PublicRoutes.Contains(r.ToString())))];
}
