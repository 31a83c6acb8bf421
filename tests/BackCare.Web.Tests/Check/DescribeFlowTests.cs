using System.Net;
using AngleSharp.Html.Dom;
using BackCare.Web.Tests.Navigation;

namespace BackCare.Web.Tests.Check;

public sealed class DescribeFlowTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Sofa =
        "I lifted a sofa yesterday and my lower back went into a spasm. It hurts about 7 out of 10. No pain in my legs, no problems peeing, no fever.";

    [Fact]
    public async Task Given_a_description_When_read_Then_each_finding_is_shown_with_the_words_it_came_from()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");

        await SubmitNarrative(page, Sofa);

        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("This is what we understood");
        var rows = page.Document.QuerySelectorAll(".understood-row");
        rows.Length.ShouldBeGreaterThanOrEqualTo(4);
        var trigger = page.Document.QuerySelector("#f-trigger-lifting") as IHtmlInputElement;
        trigger.ShouldNotBeNull().IsChecked.ShouldBeTrue();
        (page.Document.QuerySelector("#f-pain_score") as IHtmlInputElement).ShouldNotBeNull().Value.ShouldBe("7");
        (page.Document.QuerySelector("#f-fever-no") as IHtmlInputElement).ShouldNotBeNull().IsChecked.ShouldBeTrue("\"no fever\" is read as no");
        page.Document.QuerySelector(".understood-row .hint")!.TextContent.ShouldContain("You wrote:");
    }

    [Fact]
    public async Task Given_the_understood_findings_When_one_is_corrected_and_the_person_continues_Then_only_the_open_questions_are_asked()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");
        await SubmitNarrative(page, Sofa);
        var form = (IHtmlFormElement)page.Document.QuerySelector("form.understood")!;
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" || (i.Type == "radio" && i.IsChecked) || i.Type == "text")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Where(f => f.Key != "f.pain_score")
            .Append(KeyValuePair.Create("f.pain_score", "9"))
            .ToList();

        var response = await Post(page, "/check/describe?handler=continue", fields);

        response.Path.ShouldBe("/check/question/age");
        await response.Submit("34");
        await response.Submit("male");
        response.Path.ShouldStartWith("/check/question/");
        var asked = new List<string>();
        while (response.Path.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = response.Path["/check/question/".Length..];
            asked.Add(key);
            if (key == "nerve_warning_signs")
            {
                response.Document.QuerySelector("#answer-bladder_dysfunction").ShouldBeNull("the description already said no problems peeing");
                response.Document.QuerySelector("#answer-saddle_numbness").ShouldNotBeNull("red flags the description did not mention are still asked");
            }

            await response.Submit(key switch
            {
                "course" => "unchanged",
                "previous_episodes" or "self_care_days" or "onset_days" => "1",
                "pain_region" => "lower",
                "trigger" => "lifting",
                _ => "no",
            });
        }

        asked.ShouldContain("nerve_warning_signs");
        asked.ShouldNotContain("trigger");
        asked.ShouldNotContain("pain_score");
        response.Path.ShouldBe("/check/answers");
        var painRow = response.Document.QuerySelectorAll(".summary-row").Single(r => r.TextContent.Contains("Worst pain", StringComparison.Ordinal));
        painRow.QuerySelector("dd")!.TextContent.ShouldBe("9", "the corrected value is kept");
    }

    [Fact]
    public async Task Given_an_empty_description_When_submitted_Then_the_page_asks_for_words()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");

        await SubmitNarrative(page, "   ");

        page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Document.ShouldShowTheProblemTheSitesWay("narrative", "narrative");
        page.Document.GetElementById("narrative")!.GetAttribute("aria-describedby").ShouldBe("narrative-hint narrative-error");
    }

    [Fact]
    public async Task Given_words_with_an_emergency_sign_When_read_Then_the_emergency_is_shown_at_once_before_age_or_sex()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");

        await SubmitNarrative(page, "since this morning I can't feel when I need to pee and my bum is numb");

        page.Path.ShouldBe("/check/result", "no understood page, no age or sex question first");
        page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector(".disposition-emergency").ShouldNotBeNull();
        page.Document.QuerySelector("a.call")!.GetAttribute("href").ShouldBe("tel:911");
        var reasons = page.Document.QuerySelectorAll(".reasons li").Select(li => li.TextContent).ToList();
        reasons.ShouldNotBeEmpty();
        reasons.ShouldAllBe(reason => reason.Contains("(Source:", StringComparison.Ordinal));
        page.Document.QuerySelector(".plan").ShouldBeNull();
        page.Document.QuerySelector(".book-visit").ShouldBeNull();
        page.Document.QuerySelectorAll("a").ShouldNotContain(a => a.TextContent.Contains("Check or change your answers", StringComparison.Ordinal),
            "age and sex were never asked, so there is no list of answers yet");

        var plan = page.Clone();
        await plan.Open(page.Address.PathAndQuery.Replace("/check/result", "/check/plan", StringComparison.Ordinal));
        plan.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        plan.Document.QuerySelector(".disposition-emergency").ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_words_that_leave_red_flags_unasked_When_the_person_continues_Then_those_questions_come_before_any_advice()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");
        await SubmitNarrative(page, "I hurt my back lifting a box yesterday, it's about a 6");
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("This is what we understood");

        var next = await Post(page, "/check/describe?handler=continue", CheckedFields(page));
        next.Path.ShouldBe("/check/question/age");
        await next.Submit("34");
        await next.Submit("female");

        var asked = new List<string>();
        while (next.Path.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = next.Path["/check/question/".Length..];
            asked.Add(key);
            if (key == "nerve_warning_signs")
            {
                next.Document.QuerySelector("#answer-bladder_dysfunction").ShouldNotBeNull("the words said nothing about peeing");
                next.Document.QuerySelector("#answer-bowel_incontinence").ShouldNotBeNull();
            }

            await next.Submit(key switch
            {
                "course" => "unchanged",
                "previous_episodes" or "self_care_days" or "onset_days" => "1",
                "pain_region" => "lower",
                "trigger" => "lifting",
                _ => "no",
            });
        }

        string[] unaskedPages = ["nerve_warning_signs", "body_warning_signs", "health_history", "pain_warning_signs"];
        asked.Take(unaskedPages.Length).ShouldBe(unaskedPages, "the questions the words left unasked come first");
        asked.ShouldNotContain("pain_score");
        asked.ShouldNotContain("trigger");
        next.Path.ShouldBe("/check/answers", "the advice comes only after them");
    }

    [Fact]
    public async Task Given_words_in_a_language_BackCare_cannot_read_When_read_Then_a_plain_message_keeps_the_words_and_offers_the_questions()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");
        const string words = "Hola, me duele mucho la espalda.";

        await SubmitNarrative(page, words);

        page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("form.understood").ShouldBeNull("nothing was understood, so nothing is shown as understood");
        page.Document.QuerySelector(".disposition").ShouldBeNull();
        var summary = page.Document.QuerySelector(".error-summary").ShouldNotBeNull();
        summary.GetAttribute("role").ShouldBe("alert");
        summary.TextContent.ShouldContain("looks like Spanish");
        summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["#narrative", "/check/question/age"]);
        ((IHtmlTextAreaElement)page.Document.QuerySelector("#narrative")!).Value.ShouldBe(words);
        page.Document.QuerySelector("title")!.TextContent.ShouldStartWith("Error: ");
    }

    [Fact]
    public async Task Given_the_contract_limit_When_a_long_description_is_read_Then_ten_thousand_characters_are_taken_and_more_are_refused()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");
        page.Document.QuerySelector("#narrative")!.GetAttribute("maxlength").ShouldBe("10000");
        var sentence = "I lifted a sofa yesterday and my lower back hurts. ";
        var longest = string.Concat(Enumerable.Repeat(sentence, 10_000 / sentence.Length + 1))[..10_000].Trim();

        await SubmitNarrative(page, longest);
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("This is what we understood");

        var refused = new PageClient(factory.CreateClient());
        await refused.Open("/check/describe");
        await SubmitNarrative(refused, new string('a', 10_001));
        refused.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("10,000 characters");
    }

    /// <summary>The understood page's answers as they stand: what was read, or "Ask me".</summary>
    private static List<KeyValuePair<string, string>> CheckedFields(PageClient page)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector("form.understood")!;
        return [.. form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" || (i.Type == "radio" && i.IsChecked) || i.Type == "text")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))];
    }

    private async Task SubmitNarrative(PageClient page, string narrative)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector("form.describe")!;
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Append(KeyValuePair.Create("narrative", narrative))
            .ToList();
        var next = await Post(page, "/check/describe", fields);
        page.Adopt(next);
    }

    private async Task<PageClient> Post(PageClient from, string action, List<KeyValuePair<string, string>> fields)
    {
        var next = from.Clone();
        await next.Post(action, fields);
        return next;
    }
}
