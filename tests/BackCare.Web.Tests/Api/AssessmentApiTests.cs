extern alias cli;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using cli::BackCare.Cli;
using BackCare.Clinical.Findings;

namespace BackCare.Web.Tests.Api;

public sealed class AssessmentApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    public static TheoryData<string> PublicVignettes()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(SharedFiles.Shared("vignettes/public.jsonl")).Where(l => l.Trim().Length > 0))
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicVignettes))]
    public async Task Given_a_public_vignette_When_posted_to_the_API_Then_the_answer_is_byte_for_byte_what_assess_writes(string vignette)
    {
        var node = JsonNode.Parse(vignette)!.AsObject();
        node.Remove("expect");
        var caseJson = node.ToJsonString();
        var fromCommandLine = AssessCommand.AssessLine(Engine.Assessor, caseJson);

        using var response = await Post(caseJson);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var fromApi = await response.Content.ReadAsStringAsync();
        fromApi.ShouldBe(fromCommandLine);
        var expected = JsonNode.Parse(vignette)!["expect"]!["acceptable"]!.AsArray().Select(n => n!.GetValue<string>());
        expected.ShouldContain(JsonNode.Parse(fromApi)!["disposition"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"id":"a","findings":{"fever":true}}""", "age")]
    [InlineData("""{"id":"a","age":"41","findings":{}}""", "age")]
    [InlineData("""{"id":"a","age":130,"findings":{}}""", "age")]
    [InlineData("""{"id":"a","age":41,"sex":"woman","findings":{}}""", "sex")]
    [InlineData("""{"id":"a","age":41,"findings":{"feverish":true}}""", "findings.feverish")]
    [InlineData("""{"id":"a","age":41,"findings":{"fever":"yes"}}""", "findings.fever")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":11}}""", "findings.pain_score")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":6.5}}""", "findings.pain_score")]
    [InlineData("""{"id":"a","age":41,"findings":{"onset_days":-2}}""", "findings.onset_days")]
    [InlineData("""{"id":"a","age":41,"findings":{"trigger":"falling"}}""", "findings.trigger")]
    [InlineData("""{"id":"a","age":41,"findings":[]}""", "findings")]
    [InlineData("""{"id":"a","age":41,"narrative":7}""", "narrative")]
    [InlineData("""{"id":7,"age":41,"findings":{}}""", "id")]
    [InlineData("""{"id":"a","age":41,"extra":1,"findings":{}}""", "extra")]
    [InlineData("""{"id":"a","age":41}""", "findings")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"id":"a","age":41,""", "$")]
    [InlineData("", "$")]
    public async Task Given_a_bad_case_When_posted_Then_a_400_problem_document_names_the_field(string body, string field)
    {
        using var response = await Post(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(400);
        problem.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.RootElement.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).ShouldBeTrue($"errors should name {field}: {errors}");
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Given_two_bad_fields_When_posted_Then_the_problem_names_both()
    {
        using var response = await Post("""{"age":41,"findings":{"pain_score":17,"onset_days":"a"}}""");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty("findings.pain_score", out _).ShouldBeTrue();
        errors.TryGetProperty("findings.onset_days", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_a_body_that_is_not_JSON_When_posted_Then_415_as_a_problem_document()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("age=41", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("/api/assessments", content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_a_body_over_the_size_limit_When_posted_Then_413_as_a_problem_document()
    {
        var narrative = new string('a', 100 * 1024);
        using var response = await Post($$"""{"age":41,"narrative":"{{narrative}}"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_a_large_body_without_a_length_When_streamed_Then_it_is_refused_with_413()
    {
        using var client = factory.CreateClient();
        var bytes = Encoding.UTF8.GetBytes($$"""{"age":41,"narrative":"{{new string('a', 100 * 1024)}}"}""");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Given_the_findings_list_When_fetched_Then_every_code_has_its_type_and_question()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/findings"));

        var items = document.RootElement.EnumerateArray().ToList();
        items.Count.ShouldBe(FindingCatalog.All.Count);
        items.Select(i => i.GetProperty("code").GetString()).ShouldBe(FindingCatalog.All.Select(d => d.Key));
        items.ShouldAllBe(i => i.GetProperty("question").GetString()!.Length > 5);
        var painScore = items.Single(i => i.GetProperty("code").GetString() == "pain_score");
        painScore.GetProperty("type").GetString().ShouldBe("integer");
        painScore.GetProperty("max").GetDouble().ShouldBe(10);
        var trigger = items.Single(i => i.GetProperty("code").GetString() == "trigger");
        trigger.GetProperty("choices").GetArrayLength().ShouldBe(FindingCatalog.TriggerValues.Count);
        items.Single(i => i.GetProperty("code").GetString() == "fever").GetProperty("type").GetString().ShouldBe("boolean");
    }

    [Fact]
    public async Task Given_the_OpenAPI_document_When_fetched_Then_it_describes_both_API_operations()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        paths.GetProperty("/api/assessments").TryGetProperty("post", out var post).ShouldBeTrue();
        post.GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
        post.GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue();
        paths.GetProperty("/api/findings").TryGetProperty("get", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Given_a_running_app_When_health_is_asked_Then_it_answers_healthy(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBeOneOf("Healthy", "Degraded");
    }

    [Fact]
    public async Task Given_the_echo_endpoint_is_not_switched_on_When_posted_Then_it_does_not_exist()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/echo", content);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<HttpResponseMessage> Post(string json)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync("/api/assessments", content);
    }
}
