extern alias cli;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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
}
