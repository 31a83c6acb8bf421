using System.Net;
using AngleSharp.Html.Dom;

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
        page.Document.QuerySelector(".error-summary").ShouldNotBeNull();
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
