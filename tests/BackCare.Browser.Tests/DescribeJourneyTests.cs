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
}
