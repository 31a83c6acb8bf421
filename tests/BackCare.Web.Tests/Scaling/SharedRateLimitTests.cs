using System.Net;
using System.Text;
using System.Text.Json;
using BackCare.Web.Tests.Accounts;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Scaling;

/// <summary>
/// With RateLimiting:Redis set, every instance counts in one window per client and kind, so a client gets the limit
/// once however many instances it is spread over, with the same 429 answers; without it each instance counts alone.
/// </summary>
public sealed class SharedRateLimitTests
{
    [RedisFact]
    public async Task Given_two_instances_sharing_Redis_When_one_client_alternates_between_them_Then_the_limit_counts_once_with_the_usual_429_problem()
    {
        using var redis = await RedisServer.StartAsync();
        using var first = Instance(redis.Configuration, "Api", 5);
        using var second = Instance(redis.Configuration, "Api", 5);

        var (statuses, rejected) = await AlternateAsync(first, second, 12);

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, "the two instances share one count");
        rejected.ShouldNotBeNull();
        rejected.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 600);
        rejected.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Too many requests");
        rejected.Dispose();
    }

    [Fact]
    public async Task Given_two_instances_without_Redis_When_one_client_alternates_between_them_Then_each_instance_counts_alone()
    {
        using var first = Instance(null, "Api", 5);
        using var second = Instance(null, "Api", 5);

        var (statuses, rejected) = await AlternateAsync(first, second, 12);
        rejected?.Dispose();

        statuses.Take(10).ShouldAllBe(s => s == HttpStatusCode.OK, "five on each instance: the documented price of per-instance limits");
        statuses.Skip(10).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [RedisFact]
    public async Task Given_two_instances_sharing_Redis_When_one_client_floods_the_sign_in_form_on_both_Then_the_limit_counts_once_and_the_page_says_how_long_to_wait()
    {
        using var redis = await RedisServer.StartAsync();
        using var first = Instance(redis.Configuration, "Forms", 4);
        using var second = Instance(redis.Configuration, "Forms", 4);
        using var one = new Browser(first);
        using var other = new Browser(second);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var browser = i % 2 == 0 ? one : other;
            await browser.SignIn(People.NewEmail(), "not anybody's password");
            statuses.Add(browser.Response.StatusCode);
        }

        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(4).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        other.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        other.Document.QuerySelector("h1")!.TextContent.ShouldBe("Please wait a moment");
        other.Text.ShouldContain($"Wait {other.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds} seconds");
    }

    [RedisFact]
    public async Task Given_Redis_is_set_and_answers_When_readiness_is_asked_Then_it_is_healthy()
    {
        using var redis = await RedisServer.StartAsync();
        using var instance = Instance(redis.Configuration, "Api", 5);
        using var client = instance.CreateClient();

        using var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Given_Redis_is_set_but_does_not_answer_When_a_client_floods_the_API_Then_the_instance_counts_alone_and_readiness_says_degraded()
    {
        using var instance = Instance($"127.0.0.1:{RedisServer.FreePort()}", "Api", 5);
        using var client = instance.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.GetAsync("/api/findings");
            statuses.Add(response.StatusCode);
        }

        using var ready = await client.GetAsync("/health/ready");

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK, "neither refused nor failed because Redis is away");
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, "still limited, by this instance alone");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, "Degraded, not out of the balancer: every instance would be");
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Degraded");
        instance.Logs.Entries.ShouldContain(e => e.Message.Contains("Redis, where the instances share their rate limits, does not answer", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_Redis_setting_that_names_no_server_When_the_app_starts_Then_it_refuses_naming_the_setting()
    {
        using var instance = Instance(",ssl=true", "Api", 5);

        var failure = Should.Throw<Exception>(() => instance.CreateClient());

        failure.ToString().ShouldContain("RateLimiting:Redis");
    }

    private static BackCareFactory Instance(string? redis, string kind, int permits) => BackCareFactory.With(new Dictionary<string, string?>
    {
        ["RateLimiting:Redis"] = redis,
        [$"RateLimiting:{kind}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimiting:{kind}:WindowSeconds"] = "600",
    });

    private static async Task<(List<HttpStatusCode> Statuses, HttpResponseMessage? Rejected)> AlternateAsync(BackCareFactory first, BackCareFactory second, int requests)
    {
        using var one = first.CreateClient();
        using var other = second.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < requests; i++)
        {
            using var content = new StringContent("""{"age":41,"findings":{"pain_score":5}}""", Encoding.UTF8, "application/json");
            var response = await (i % 2 == 0 ? one : other).PostAsync("/api/assessments", content);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && rejected is null)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        return (statuses, rejected);
    }
}
