using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BackCare.Web.Tests.Accounts;

public sealed class DiaryApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";

    [Fact]
    public async Task Given_a_first_assessment_When_a_diary_entry_ticks_bladder_trouble_Then_the_reassessment_is_an_emergency_naming_the_new_red_flag()
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 2, notes = "Hard to pee today", findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("reassessment").GetProperty("disposition").GetString().ShouldBe("emergency");
        root.GetProperty("newRedFlags").EnumerateArray().Select(e => e.GetString()).ShouldContain("bladder_dysfunction");
        root.GetProperty("painScore").GetInt32().ShouldBe(6);
        root.GetProperty("notes").GetString().ShouldBe("Hard to pee today");
        response.Headers.Location!.ToString().ShouldBe($"/api/diary/{root.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Given_pain_down_from_seven_to_three_When_writing_the_diary_Then_progress_is_improving_with_no_red_flags()
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = 3, spasms = 0 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("progress").GetString().ShouldBe("improving");
        body.RootElement.GetProperty("stepUp").GetString().ShouldBe("keep_going");
        body.RootElement.GetProperty("newRedFlags").GetArrayLength().ShouldBe(0);
        body.RootElement.GetProperty("reassessment").GetProperty("disposition").GetString().ShouldNotBe("emergency");
    }

    [Theory]
    [InlineData("""{"painScore":11,"spasms":0}""", "painScore")]
    [InlineData("""{"spasms":0}""", "painScore")]
    [InlineData("""{"painScore":4,"spasms":-1}""", "spasms")]
    [InlineData("""{"painScore":4,"spasms":0,"findings":{"feverish":true}}""", "findings.feverish")]
    [InlineData("""{"painScore":4,"spasms":0,"findings":{"fever":"yes"}}""", "findings.fever")]
    [InlineData("""{"painScore":4,"spasms":0,"findings":[]}""", "findings")]
    public async Task Given_a_bad_diary_entry_When_posting_it_Then_a_400_problem_names_the_field(string json, string field)
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsync("/api/diary", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_no_saved_assessment_When_writing_the_diary_Then_a_400_problem_says_to_do_an_assessment_first()
    {
        using var client = await Accounts.SignedInClient(factory);

        using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = 3, spasms = 0 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("title").GetString()!.ShouldContain("assessment first");
    }

    [Fact]
    public async Task Given_my_entries_and_someone_elses_When_listing_and_reading_Then_only_mine_come_back_and_theirs_is_404_without_content()
    {
        using var me = await WithBaseline();
        using var other = await WithBaseline();
        using var mine = await me.PostAsJsonAsync("/api/diary", new { painScore = 5, spasms = 1, notes = "mine" });
        using var theirs = await other.PostAsJsonAsync("/api/diary", new { painScore = 5, spasms = 1, notes = "secret note" });

        using var list = await me.GetAsync("/api/diary");
        using var own = await me.GetAsync(mine.Headers.Location);
        using var foreign = await me.GetAsync(theirs.Headers.Location);

        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        listBody.RootElement.EnumerateArray().Select(e => e.GetProperty("notes").GetString()).ShouldBe(["mine"]);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var ownBody = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        ownBody.RootElement.GetProperty("disposition").GetString().ShouldNotBeNullOrWhiteSpace();
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreign.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await foreign.Content.ReadAsStringAsync()).ShouldNotContain("secret note");
    }

    [Theory]
    [InlineData("GET", "/api/diary")]
    [InlineData("GET", "/api/diary/0190a3c4-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/diary")]
    public async Task Given_no_token_When_using_the_diary_Then_401(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { painScore = 3, spasms = 0 });
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpClient> WithBaseline()
    {
        var client = await Accounts.SignedInClient(factory);
        using var saved = await Accounts.PostCase(client, Baseline);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }
}
