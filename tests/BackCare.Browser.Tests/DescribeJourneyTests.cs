using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class DescribeJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_a_person_starts_in_their_own_words_Then_they_see_what_was_understood_correct_it_and_finish()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check");
        await page.FollowLink("start by describing what happened");
        await page.ShouldBeAccessible("20-describe", output);

        await page.TabTo("e.id === 'narrative'", "the description box");
        await page.Keyboard.TypeAsync("I lifted a sofa yesterday and my lower back went into a spasm. It hurts about 7 out of 10. No pain in my legs, no problems peeing, no fever.");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Read what I wrote'", "the read button");
        await page.PressAndWaitForNextPage("Enter");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("This is what we understood");
        (await page.Locator("#f-trigger-lifting").IsCheckedAsync()).ShouldBeTrue();
        (await page.Locator("#f-pain_score").InputValueAsync()).ShouldBe("7");
        await page.ShouldBeAccessible("21-understood", output);

        await page.TabTo("e.id === 'f-pain_score'", "the pain score");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("8");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Continue'", "the Continue button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/age");
        await page.Answer("34");
        await page.Answer("male");
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = new Uri(page.Url).AbsolutePath["/check/question/".Length..];
            if (key == "nerve_warning_signs")
            {
                (await page.Locator("#answer-bladder_dysfunction").CountAsync()).ShouldBe(0, "the description already answered it");
                (await page.Locator("#answer-saddle_numbness").CountAsync()).ShouldBe(1, "what it did not answer is still asked");
            }

            await page.Answer(key switch
            {
                "course" => "unchanged",
                "pain_region" => "lower",
                "trigger" => "lifting",
                "onset_days" or "previous_episodes" or "self_care_days" => "1",
                _ => "no",
            });
        }

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/answers");
        (await page.Locator(".summary-row", new() { HasTextString = "Worst pain" }).Locator("dd").First.InnerTextAsync()).ShouldBe("8");
        await page.FollowLink("See my advice");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
    }

    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_the_words_show_an_emergency_Then_the_emergency_is_shown_at_once_before_any_age_or_sex_question()
    {
        var page = await host.NewPhonePage();
        var opened = new List<string>();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                opened.Add(new Uri(frame.Url).AbsolutePath);
            }
        };
        await page.GotoAsync("/check/describe");
        await page.ShouldBeAccessible("20b-describe", output);

        await Describe(page, "since this morning I can't feel when I need to pee and my bum is numb");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/result");
        opened.ShouldNotContain(path => path.StartsWith("/check/question/", StringComparison.Ordinal), "no age, sex or other question before the emergency");
        opened.ShouldNotContain("/check/answers");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Get emergency help now");
        (await page.Locator("a.call").GetAttributeAsync("href")).ShouldBe("tel:911");
        (await page.Locator(".reasons li").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator(".plan").CountAsync()).ShouldBe(0);
        (await page.Locator("a", new() { HasTextString = "Check or change your answers" }).CountAsync()).ShouldBe(0);
        await page.TabToLink("Call 911");
        await page.ShouldBeAccessible("20c-describe-emergency-at-once", output);
    }

    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_the_words_leave_red_flags_unasked_Then_those_questions_come_before_any_advice()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/describe");

        await Describe(page, "I hurt my back lifting a box yesterday, it's about a 6");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("This is what we understood");
        await page.ShouldBeAccessible("20d-unasked-understood", output);
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Continue'", "the Continue button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/age");
        await page.ShouldBeAccessible("20e-unasked-age", output);
        await page.Answer("34");
        await page.ShouldBeAccessible("20f-unasked-sex", output);
        await page.Answer("female");

        var asked = new List<string>();
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = new Uri(page.Url).AbsolutePath["/check/question/".Length..];
            asked.Add(key);
            if (key == "nerve_warning_signs")
            {
                (await page.Locator("#answer-bladder_dysfunction").CountAsync()).ShouldBe(1, "the words said nothing about peeing, so it is asked");
                (await page.Locator("#answer-bowel_incontinence").CountAsync()).ShouldBe(1, "nor about the bowels");
            }

            await page.ShouldBeAccessible($"20g-unasked-{asked.Count:00}-{key}", output);
            await page.Answer(key switch
            {
                "course" => "unchanged",
                "pain_region" => "lower",
                "trigger" => "lifting",
                "onset_days" or "previous_episodes" or "self_care_days" => "1",
                _ => "no",
            });
        }

        string[] unaskedPages = ["nerve_warning_signs", "body_warning_signs", "health_history", "pain_warning_signs"];
        asked.Take(unaskedPages.Length).ShouldBe(unaskedPages, "the questions the words left unasked come first");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/answers", "the advice comes only after them");
        await page.ShouldBeAccessible("20h-unasked-answers", output);
        await page.FollowLink("See my advice");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
    }

    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_the_words_are_in_a_language_BackCare_cannot_read_Then_a_plain_message_keeps_them_and_offers_the_questions()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/describe");

        await Describe(page, "Hola, me duele mucho la espalda.");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/describe");
        (await page.Locator(".error-summary").InnerTextAsync()).ShouldContain("looks like Spanish");
        (await page.Locator("#narrative").InputValueAsync()).ShouldBe("Hola, me duele mucho la espalda.");
        await page.ShouldBeAccessible("20i-describe-unreadable", output);
        await page.FollowLink("Answer the questions instead");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/age");
    }

    /// <summary>Types the words into the description box and sends them, with the keyboard only.</summary>
    private static async Task Describe(Microsoft.Playwright.IPage page, string words)
    {
        await page.TabTo("e.id === 'narrative'", "the description box");
        await page.Keyboard.TypeAsync(words);
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Read what I wrote'", "the read button");
        await page.PressAndWaitForNextPage("Enter");
    }
}
