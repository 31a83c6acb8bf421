using System.Net;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Web.Tests.Navigation;

namespace BackCare.Web.Tests.Check;

public sealed class CheckFlowTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>A 34-year-old man who lifted a sofa yesterday: no red flags, pain 7, lower back.</summary>
    internal static readonly Dictionary<string, string> SelfCareAnswers = new()
    {
        ["age"] = "34",
        ["sex"] = "male",
        ["trigger"] = "lifting",
        ["onset_days"] = "1",
        ["course"] = "unchanged",
        ["pain_score"] = "7",
        ["pain_region"] = "lower",
        ["previous_episodes"] = "0",
        ["self_care_days"] = "1",
        ["daily_life"] = "sleep_disturbed",
    };

    [Fact]
    public async Task Given_a_simple_back_spasm_When_the_check_is_answered_page_by_page_Then_the_result_is_home_care_with_a_plan()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check");
        await page.FollowLink("Start now");

        var asked = await AnswerUntilDone(page, SelfCareAnswers);

        page.Path.ShouldBe("/check/answers");
        asked[0].ShouldBe("age");
        asked[1].ShouldBe("sex");
        asked[2].ShouldBe("nerve_warning_signs", "red flags come first");
        asked.ShouldNotContain("leg_weakness_progressive", "it cannot matter when there is no leg weakness");
        asked.Count.ShouldBe(15, "age, sex and 13 interview pages");
        page.Document.QuerySelectorAll(".summary-row").Length.ShouldBe(asked.Count);
        var daily = page.Document.QuerySelectorAll(".summary-row").Single(r => r.QuerySelector("a")!.GetAttribute("href")!.StartsWith("/check/question/daily_life?", StringComparison.Ordinal));
        daily.QuerySelector("dd")!.TextContent.ShouldBe("The pain wakes you or keeps you awake", "the answers page lists what was ticked");
        var medicines = page.Document.QuerySelectorAll(".summary-row").Single(r => r.QuerySelector("a")!.GetAttribute("href")!.StartsWith("/check/question/medicine_safety?", StringComparison.Ordinal));
        medicines.QuerySelector("dd")!.TextContent.ShouldBe("None of these");
        await page.Open(medicines.QuerySelector("a")!.GetAttribute("href")!);
        page.Document.QuerySelector("#answer-pregnant").ShouldBeNull("it cannot apply to a man");
        page.Document.QuerySelector("#answer-kidney_disease").ShouldNotBeNull();
        (page.Document.QuerySelector("#answer-none") as AngleSharp.Html.Dom.IHtmlInputElement)!.IsChecked.ShouldBeTrue("the earlier answer is filled in");
        await page.FollowLink("Back");
        page.Path.ShouldBe("/check/answers");

        await page.FollowLink("See my advice");

        page.Path.ShouldBe("/check/result");
        var expected = Assessor.Assess(34, Findings(asked)).Disposition;
        expected.ShouldBe(Disposition.SelfCare);
        page.Document.QuerySelector(".disposition-self_care").ShouldNotBeNull();
        page.Document.QuerySelector(".disposition svg").ShouldNotBeNull("the disposition has an icon, not colour alone");
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("You can care for this at home");
        page.Document.QuerySelectorAll(".plan h3").Select(h => h.TextContent).ShouldContain("Today and tonight");
        page.Document.QuerySelector(".safety-net").ShouldNotBeNull();
        page.Document.QuerySelectorAll(".reasons .source").ShouldNotBeEmpty();
        page.Document.QuerySelector("a.call").ShouldBeNull();

        await page.FollowLink("Print the plan");
        page.Path.ShouldBe("/check/plan");
        page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelectorAll(".plan .steps li").Length.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Given_new_trouble_with_peeing_When_answered_Then_the_check_stops_at_an_emergency_with_a_number_to_call()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("52");
        await page.Submit("female");
        page.Path.ShouldBe("/check/question/nerve_warning_signs");

        await page.Submit("bladder_dysfunction");

        page.Path.ShouldBe("/check/result");
        page.Document.QuerySelector(".disposition-emergency").ShouldNotBeNull();
        var call = page.Document.QuerySelector("a.call")!;
        call.GetAttribute("href").ShouldBe("tel:911");
        call.TextContent.ShouldContain("911");
        page.Document.QuerySelector(".plan").ShouldBeNull();
        page.Document.QuerySelector("#safety-title")!.TextContent.ShouldBe("Until you get help");
    }

    [Fact]
    public async Task Given_an_answer_When_changed_from_the_answers_page_Then_the_result_follows_the_new_answer()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await AnswerUntilDone(page, SelfCareAnswers);
        page.Path.ShouldBe("/check/answers");

        await page.FollowLink("Change");
        page.Path.ShouldBe("/check/question/age");
        page.Document.QuerySelector("#answer")!.GetAttribute("value").ShouldBe("34", "the old answer is filled in");
        page.Document.QuerySelector("a.back")!.GetAttribute("href")!.ShouldStartWith("/check/answers");

        var row = page.Document.QuerySelector("a.back")!.GetAttribute("href")!;
        await page.Open(row);
        var leg = page.Document.QuerySelectorAll(".summary-row")
            .First(r => r.QuerySelector("a")!.GetAttribute("href")!.StartsWith("/check/question/nerve_warning_signs?", StringComparison.Ordinal));
        await page.Open(leg.QuerySelector("a")!.GetAttribute("href")!);
        page.Document.QuerySelectorAll("input[name=tick]").Length.ShouldBe(8, "every option can be changed");
        await page.Submit("leg_weakness");

        page.Path.ShouldBe("/check/question/leg_weakness_progressive", "a new answer can open a question that now matters");
        await page.Submit("no");
        page.Path.ShouldBe("/check/answers");
        await page.FollowLink("See my advice");
        page.Document.QuerySelector(".disposition-urgent").ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_a_question_When_the_back_link_is_followed_Then_it_goes_to_the_previous_question_with_its_answer()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("40");
        await page.Submit("other");
        page.Path.ShouldBe("/check/question/nerve_warning_signs");

        await page.FollowLink("Back");

        page.Path.ShouldBe("/check/question/sex");
        page.Document.QuerySelector("#answer-other")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Theory]
    [InlineData("age", "", "Type a number")]
    [InlineData("age", "200", "from 0 to 120")]
    [InlineData("age", "old enough", "We could not read")]
    public async Task Given_a_bad_answer_When_submitted_Then_the_same_question_comes_back_with_the_error(string key, string answer, string message)
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/" + key);

        await page.Submit(answer);

        page.Path.ShouldBe("/check/question/" + key);
        page.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        page.Document.QuerySelector("#answer")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.Document.Title!.ShouldStartWith("Error:");
    }

    [Theory]
    [InlineData("", "Tick each one that applies to you, or tick \"None of these\".")]
    [InlineData("fever none", "Tick \"None of these\" only if none of the others apply.")]
    [InlineData("cancer_history", "Choose from the answers on this page.")]
    public async Task Given_a_tick_all_that_apply_page_When_the_answer_is_empty_or_contradicts_itself_Then_it_comes_back_with_the_error_and_nothing_is_taken(
        string ticks, string message)
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("40");
        await page.Submit("male");
        await page.Submit("no");
        page.Path.ShouldBe("/check/question/body_warning_signs");

        await page.Submit(ticks.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t == "none" ? KeyValuePair.Create("none", "true") : KeyValuePair.Create("tick", t)));

        page.Path.ShouldBe("/check/question/body_warning_signs");
        page.Document.Title!.ShouldStartWith("Error:");
        var summary = page.Document.QuerySelector(".error-summary")!;
        summary.TextContent.ShouldContain(message);
        var target = summary.QuerySelector("a")!.GetAttribute("href")!;
        page.Document.QuerySelector(target)!.GetAttribute("type").ShouldBe("checkbox", "the summary links to the first tick box");
        page.Document.ShouldShowTheProblemTheSitesWay("answer", target.TrimStart('#'));
        page.Document.QuerySelector("fieldset")!.GetAttribute("aria-describedby")!.ShouldContain("answer-error");
        page.Document.QuerySelector("fieldset legend h1")!.TextContent.ShouldBe("Do you have any of these right now?");
        await page.Submit("no");
        page.Path.ShouldBe("/check/question/health_history", "the page was not answered until it was answered properly");
    }

    [Fact]
    public async Task Given_a_tick_all_that_apply_page_When_read_Then_each_option_has_a_label_and_none_of_these_comes_last()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("30");
        await page.Submit("female");

        var boxes = page.Document.QuerySelectorAll("fieldset input[type=checkbox]");

        boxes.Length.ShouldBe(9);
        boxes.ShouldAllBe(b => page.Document.QuerySelector($"label[for='{b.Id}']") != null);
        boxes[^1].Id.ShouldBe("answer-none");
        page.Document.QuerySelector("label[for='answer-none']")!.TextContent.ShouldBe("None of these");
        page.Document.QuerySelector("label[for='answer-saddle_numbness']")!.TextContent.ShouldBe("Numbness around your bottom, genitals or inner thighs");
    }

    [Fact]
    public async Task Given_an_altered_state_When_a_question_is_opened_Then_the_check_starts_again()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/check/question/fever?s=CfDJ8notvalid");

        response.RequestMessage!.RequestUri!.PathAndQuery.ShouldBe("/check?expired=true");
    }

    [Fact]
    public async Task Given_a_form_post_without_the_antiforgery_token_When_sent_Then_it_is_refused()
    {
        using var client = factory.CreateClient();
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("answer", "41")]);

        using var response = await client.PostAsync("/check/question/age", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Answers every question the check asks (no for any yes/no question not listed) and returns the keys in the order asked.</summary>
    internal static async Task<List<string>> AnswerUntilDone(PageClient page, Dictionary<string, string> answers)
    {
        var asked = new List<string>();
        while (page.Path.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var key = page.Path["/check/question/".Length..];
            asked.ShouldNotContain(key, "no question is asked twice");
            asked.Add(key);
            await page.Submit(answers.GetValueOrDefault(key, "no"));
            asked.Count.ShouldBeLessThan(20);
        }

        return asked;
    }

    private static FindingSet Findings(IEnumerable<string> asked)
    {
        var findings = new FindingSet();
        foreach (var key in asked.Where(k => k is not ("age" or "sex")))
        {
            if (BackCare.Clinical.Interview.InterviewFlow.Step(key) is { IsGroup: true } group)
            {
                var ticked = SelfCareAnswers.GetValueOrDefault(key, "").Split(' ');
                foreach (var question in group.Pending(34, Sex.Male, findings))
                {
                    findings.Set(question.Code, ticked.Contains(question.Definition.Key));
                }

                continue;
            }

            var definition = FindingCatalog.All.Single(d => d.Key == key);
            var answer = SelfCareAnswers.GetValueOrDefault(key, "no");
            switch (definition.Kind)
            {
                case FindingKind.Boolean: findings.Set(definition.Code, answer == "yes"); break;
                case FindingKind.Choice: FindingReader.TrySetChoice(definition.Code, answer, findings); break;
                default: FindingReader.TrySetNumber(definition.Code, double.Parse(answer, System.Globalization.CultureInfo.InvariantCulture), findings); break;
            }
        }

        return findings;
    }
}
