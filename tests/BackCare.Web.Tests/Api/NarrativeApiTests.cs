extern alias cli;

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCare.Clinical.Contract;
using cli::BackCare.Cli;

namespace BackCare.Web.Tests.Api;

public sealed class NarrativeApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    public static TheoryData<string> NarrativeOnlyVignettes()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(SharedFiles.Shared("vignettes/public.jsonl")).Where(l => l.Trim().Length > 0))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            node.Remove("expect");
            node.Remove("findings");
            data.Add(node.ToJsonString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NarrativeOnlyVignettes))]
    public async Task Given_a_case_with_only_a_narrative_When_posted_Then_the_API_reads_it_as_assess_does(string caseJson)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(caseJson, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/assessments", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe(AssessCommand.AssessLine(Engine.Assessor, caseJson));
    }

    [Fact]
    public async Task Given_a_narrative_of_cauda_equina_signs_When_posted_Then_the_answer_is_an_emergency()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(
            """{"id":"n1","age":52,"narrative":"Since this morning I can't feel when my bladder is full and it's numb between my legs."}""",
            Encoding.UTF8,
            "application/json");

        using var response = await client.PostAsync("/api/assessments", content);

        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["disposition"]!.GetValue<string>().ShouldBe("emergency");
    }

    private const string Readable = "I lifted a box yesterday and my lower back hurts, pain 6 out of 10.";

    private static string Case(string id, string narrative, string extra = "") =>
        JsonSerializer.Serialize(new { id, age = 40, narrative }).TrimEnd('}') + extra + "}";

    private async Task<HttpResponseMessage> Post(string body)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync("/api/assessments", content);
    }

    private static async Task<string> NarrativeError(HttpResponseMessage response, string field = "narrative")
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        return errors.GetProperty(field)[0].GetString()!;
    }

    [Theory]
    [InlineData("me duele mucho la espalda y no puedo orinar", "Spanish")]
    [InlineData("estou com muita dor nas costas e nao consigo fazer xixi", "Portuguese")]
    [InlineData("j'ai tres mal au dos depuis hier", "French")]
    [InlineData("ich habe seit gestern starke rueckenschmerzen", "German")]
    [InlineData("bardzo boli mnie kregoslup i nie moge sikac", "Polish")]
    [InlineData("ho molto mal di schiena da ieri", "Italian")]
    [InlineData("ik heb veel rugpijn en ik kan niet plassen", "Dutch")]
    [InlineData("我腰很痛，尿不出来", "Chinese")]
    [InlineData("عندي ألم شديد في الظهر", "Arabic")]
    [InlineData("сильно болит спина", "Russian")]
    [InlineData("मेरी कमर में बहुत दर्द है", "Hindi")]
    [InlineData("腰がすごく痛い", "Japanese")]
    [InlineData("허리가 너무 아파요", "Korean")]
    [InlineData("toi bi dau lung tu hom qua", "Vietnamese")]
    [InlineData("dunden beri belim cok agriyor", "Turkish")]
    [InlineData("sobrang sakit ng likod ko", "Tagalog")]
    [InlineData("asdfghjkl qwerty", null)]
    [InlineData("😭😭😭", null)]
    [InlineData("123 456 7890", null)]
    public async Task Given_a_narrative_BackCare_cannot_read_When_posted_Then_400_names_narrative_with_the_command_lines_words(string narrative, string? language)
    {
        var body = Case("u", narrative);

        using var response = await Post(body);

        var message = await NarrativeError(response);
        message.ShouldBe(language is null
            ? "BackCare could not read anything about back pain in it; answer the questions instead"
            : $"written in {language}, which BackCare cannot read yet; answer the questions instead");
        JsonNode.Parse(AssessCommand.AssessLine(Engine.Assessor, body))!["error"]!.GetValue<string>().ShouldBe("narrative: " + message);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("é")]
    [InlineData("😭")]
    public async Task Given_a_narrative_of_10001_characters_When_posted_Then_400_names_narrative_never_413(string filler)
    {
        var narrative = new StringBuilder(Readable);
        while (narrative.Length + filler.Length <= NarrativeLimits.MaxLength + 1)
        {
            narrative.Append(filler);
        }

        narrative.Append('x', NarrativeLimits.MaxLength + 1 - narrative.Length);
        var text = narrative.ToString();
        // Every character of a non-ASCII filler escaped as \uXXXX: the largest body such a narrative can make.
        var body = filler == "a"
            ? Case("l", text)
            : "{\"id\":\"l\",\"age\":40,\"narrative\":\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"}";

        using var response = await Post(body);

        text.Length.ShouldBe(NarrativeLimits.MaxLength + 1);
        (await NarrativeError(response)).ShouldContain("longer than 10,000 characters");
    }

    [Fact]
    public async Task Given_a_narrative_of_exactly_10000_characters_When_posted_Then_it_is_assessed_as_assess_does()
    {
        var body = Case("l", Readable + new string(' ', NarrativeLimits.MaxLength - Readable.Length));

        using var response = await Post(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe(AssessCommand.AssessLine(Engine.Assessor, body));
    }

    [Theory]
    [InlineData(", \"writer\":\"self\"", "self")]
    [InlineData(", \"writer\":\"other\"", "other")]
    [InlineData("", "self")]
    public async Task Given_a_writer_given_or_not_When_posted_Then_read_names_the_writer_byte_for_byte_as_assess_writes(string extra, string writer)
    {
        var body = Case("w", "My back hurts and I have a fever", extra);

        using var response = await Post(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.Content.ReadAsStringAsync();
        json.ShouldBe(AssessCommand.AssessLine(Engine.Assessor, body));
        var read = JsonNode.Parse(json)!["read"]!;
        read["writer"]!.GetValue<string>().ShouldBe(writer);
        var unasked = read["unasked"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        unasked.ShouldNotContain("fever");
        unasked.IndexOf("bladder_dysfunction").ShouldBeLessThan(unasked.IndexOf("bowel_incontinence"));
    }

    [Fact]
    public async Task Given_a_case_with_findings_When_posted_Then_there_is_no_read_object()
    {
        using var response = await Post("""{"id":"f","age":40,"narrative":"me duele la espalda","findings":{"onset_days":1}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject().ContainsKey("read").ShouldBeFalse();
    }

    [Theory]
    [InlineData(", \"language\":\"es\"", "language", "BackCare cannot assess Spanish yet; use en")]
    [InlineData(", \"language\":\"klingon\"", "language", "must be en (got \"klingon\")")]
    [InlineData(", \"writer\":\"mum\"", "writer", "must be self (the person with the back pain wrote it) or other (someone writing about them) (got \"mum\")")]
    public async Task Given_a_bad_language_or_writer_When_posted_Then_400_names_the_field(string extra, string field, string message)
    {
        using var response = await Post(Case("x", Readable, extra));

        (await NarrativeError(response, field)).ShouldBe(message);
    }
}
