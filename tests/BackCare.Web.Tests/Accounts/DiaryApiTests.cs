using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    [InlineData("""{"painScore":4,"spasms":0,"walk":"a bit"}""", "walk")]
    [InlineData("""{"painScore":4,"spasms":0,"sit":"NORMAL"}""", "sit")]
    [InlineData("""{"painScore":4,"spasms":0,"sleep":"badly"}""", "sleep")]
    [InlineData("""{"painScore":4,"spasms":0,"work":"none"}""", "work")]
    [InlineData("""{"painScore":4,"spasms":0,"medicines":["a","b","c","d","e","f","g","h","i","j","k"]}""", "medicines")]
    [InlineData("""{"painScore":4,"spasms":0,"medicines":["nsaid","  "]}""", "medicines[1]")]
    [InlineData("""{"painScore":4,"spasms":0,"whatHelped":["heat","yoga"]}""", "whatHelped[1]")]
    [InlineData("""{"painScore":4,"spasms":0,"whatHelpedOther":"%LONG%"}""", "whatHelpedOther")]
    [InlineData("""{"painScore":4,"spasms":0,"notes":"%NOTES%"}""", "notes")]
    public async Task Given_a_bad_diary_entry_When_posting_it_Then_a_400_problem_names_the_field(string json, string field)
    {
        using var client = await WithBaseline();
        json = json.Replace("%LONG%", new string('x', 201), StringComparison.Ordinal).Replace("%NOTES%", new string('n', 4001), StringComparison.Ordinal);

        using var response = await client.PostAsync("/api/diary", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue();
        errors.EnumerateObject().Count().ShouldBe(1, "only the bad field is named");
        using var list = await client.GetAsync("/api/diary");
        (await list.Content.ReadAsStringAsync()).ShouldBe("[]", "nothing was stored");
    }

    [Fact]
    public async Task Given_a_full_entry_When_writing_and_reading_it_back_Then_every_field_and_the_reassessment_are_kept()
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 1, notes = "Stiff in the morning", walk = "limited", sit = "normal", sleep = "not_at_all", work = "not_at_all",
            medicines = new[] { "nsaid", "ibuprofen 400 mg" }, whatHelped = new[] { "walking", "heat" }, whatHelpedOther = "a warm shower",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var read = await client.GetAsync(response.Headers.Location);
        using var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        foreach (var root in new[] { created.RootElement, stored.RootElement })
        {
            root.GetProperty("walk").GetString().ShouldBe("limited");
            root.GetProperty("sit").GetString().ShouldBe("normal");
            root.GetProperty("sleep").GetString().ShouldBe("not_at_all");
            root.GetProperty("work").GetString().ShouldBe("not_at_all");
            root.GetProperty("medicines").EnumerateArray().Select(e => e.GetString()).ShouldBe(["nsaid", "ibuprofen 400 mg"]);
            root.GetProperty("whatHelped").EnumerateArray().Select(e => e.GetString()).ShouldBe(["heat", "walking", "other"]);
            root.GetProperty("whatHelpedOther").GetString().ShouldBe("a warm shower");
            root.GetProperty("stepUp").GetString().ShouldBe(created.RootElement.GetProperty("stepUp").GetString());
            root.GetProperty("reassessment").GetProperty("disposition").GetString().ShouldBe(root.GetProperty("disposition").GetString());
        }

        created.RootElement.GetProperty("progress").GetString().ShouldBe("stalled");
        created.RootElement.GetProperty("advice").EnumerateArray().ShouldAllBe(a => a.GetProperty("source").GetString()!.Length > 0);
        created.RootElement.TryGetProperty("message", out _).ShouldBeFalse("nothing needs action now");
    }

    [Fact]
    public async Task Given_two_days_written_alike_When_reading_them_back_one_at_a_time_and_as_a_list_Then_each_shows_word_for_word_the_reassessment_it_showed_from_one_stored_copy()
    {
        using var client = await WithBaseline();
        var written = new List<(string Id, string Shown)>();
        for (var day = 0; day < 2; day++)
        {
            using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = 6, spasms = 1, notes = $"day {day}" });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            written.Add((created.RootElement.GetProperty("id").GetString()!, created.RootElement.GetProperty("reassessment").GetRawText()));
        }

        written[1].Shown.ShouldBe(written[0].Shown, "the same day twice is re-assessed alike");
        using var listed = JsonDocument.Parse(await client.GetStringAsync("/api/diary"));
        foreach (var (id, shown) in written)
        {
            using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/diary/{id}"));
            one.RootElement.GetProperty("reassessment").GetRawText().ShouldBe(shown);
            listed.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id).GetProperty("reassessment").GetRawText().ShouldBe(shown);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var ids = written.Select(w => Guid.Parse(w.Id)).ToList();
        var keys = await db.DiaryEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.ResultHash).ToListAsync();
        keys.Select(k => Convert.ToHexString(k!)).Distinct().Count().ShouldBe(1, "both entries point at one stored copy of what they showed");
        (await db.ShownResults.AsNoTracking().SingleAsync(r => r.Hash == keys[0]!)).Json.ShouldBe(written[0].Shown);
    }

    [Fact]
    public async Task Given_a_first_assessment_When_the_entry_says_walking_was_not_possible_at_all_Then_it_is_urgent_with_a_see_a_doctor_today_message()
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = 7, spasms = 3, walk = "not_at_all" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("disposition").GetString().ShouldBe("urgent");
        body.RootElement.GetProperty("newRedFlags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["cannot_walk"]);
        body.RootElement.GetProperty("message").GetString()!.ShouldContain("doctor today");
    }

    [Fact]
    public async Task Given_a_new_emergency_sign_When_writing_the_diary_Then_the_message_says_to_call_the_emergency_number_now()
    {
        using var client = await WithBaseline();

        using var response = await client.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 2, findings = new Dictionary<string, object> { ["saddle_numbness"] = true },
        });

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("disposition").GetString().ShouldBe("emergency");
        body.RootElement.GetProperty("message").GetString()!.ShouldContain("Call 911 now");
        body.RootElement.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("source").GetString()).ShouldContain("CKS-RF");
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
