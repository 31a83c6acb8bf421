using System.Net;
using System.Text;
using System.Text.Json;
using BackCare.Web.Tests.Accounts;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Api;

/// <summary>Each kind of traffic has its own limit per client; a flood of one kind gets 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Given_a_limit_of_five_When_one_client_floods_the_API_Then_it_gets_429_problems_with_Retry_After()
    {
        using var factory = BackCareFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:Api:PermitLimit"] = "5",
            ["RateLimiting:Api:WindowSeconds"] = "60",
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

    [Fact]
    public async Task Given_a_form_limit_of_four_When_one_client_floods_the_sign_in_page_Then_it_gets_a_plain_429_page_saying_how_long_to_wait()
    {
        using var factory = LimitedTo("Forms", 4);
        using var browser = new Browser(factory);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            await browser.SignIn(People.NewEmail(), "not anybody's password");
            statuses.Add(browser.Response.StatusCode);
        }

        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.OK, "the first posts reach the form and hear the email or password is wrong");
        statuses.Skip(4).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        ShouldSayToWait(browser);

        await browser.Open("/account/sign-in");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, "reading the form is never refused");
    }

    [Fact]
    public async Task Given_a_form_limit_of_three_When_one_client_signs_up_again_and_again_Then_the_fourth_account_is_refused_with_429()
    {
        using var factory = LimitedTo("Forms", 3);
        var statuses = new List<HttpStatusCode>();
        Browser? last = null;
        for (var i = 0; i < 8; i++)
        {
            last?.Dispose();
            last = new Browser(factory);
            await last.Open("/account/sign-up");
            await last.Submit(new() { ["displayName"] = "Sam", ["email"] = People.NewEmail(), ["password"] = People.Password });
            statuses.Add(last.Response.StatusCode);
            if (statuses[^1] == HttpStatusCode.OK)
            {
                last.Document.QuerySelector("h1")!.TextContent.ShouldBe("Check your email", "a sign-up that got through was accepted");
            }
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        ShouldSayToWait(last!);
        last!.Dispose();
    }

    [Fact]
    public async Task Given_a_CDS_Hooks_limit_of_three_When_one_client_calls_the_service_again_and_again_Then_it_gets_429_problems_with_Retry_After()
    {
        using var factory = LimitedTo("CdsHooks", 3);
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var content = new StringContent("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p"}}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/cds-services/backcare-back-pain-triage", content);
            statuses.Add(response.StatusCode);
            if (i == 9)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            }
        }

        statuses.Take(3).ShouldAllBe(s => s != HttpStatusCode.TooManyRequests && (int)s < 500);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        using var api = await client.GetAsync("/api/findings");
        api.StatusCode.ShouldBe(HttpStatusCode.OK, "the API's limit is its own");
    }

    private static BackCareFactory LimitedTo(string kind, int permits) => BackCareFactory.With(new Dictionary<string, string?>
    {
        [$"RateLimiting:{kind}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimiting:{kind}:WindowSeconds"] = "600",
    });

    private static void ShouldSayToWait(Browser browser)
    {
        var response = browser.Response;
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var seconds = response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        seconds.ShouldBeInRange(1, 600);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Please wait a moment");
        browser.Text.ShouldContain($"Wait {seconds} seconds");
        browser.Document.QuerySelectorAll("script").Length.ShouldBe(0);
    }
}
