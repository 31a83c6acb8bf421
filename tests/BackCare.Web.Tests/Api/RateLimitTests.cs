using System.Net;
using System.Text;
using System.Text.Json;

namespace BackCare.Web.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Given_a_limit_of_five_When_one_client_floods_the_API_Then_it_gets_429_problems_with_Retry_After()
    {
        using var factory = BackCareFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "5",
            ["RateLimiting:WindowSeconds"] = "60",
        });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 20; i++)
        {
            using var content = new StringContent("""{"age":41,"findings":{"pain_score":5}}""", Encoding.UTF8, "application/json");
            var response = await client.PostAsync("/api/assessments", content);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(15);
        rejected.ShouldNotBeNull();
        rejected.Headers.RetryAfter.ShouldNotBeNull();
        rejected.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        rejected.Dispose();

        using var pages = await client.GetAsync("/check");
        pages.StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is on the API, not on the patient pages");
    }
}
