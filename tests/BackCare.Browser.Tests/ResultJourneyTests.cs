using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// The result as a person on a small phone meets it, with only a keyboard: a short card to act on at once, Save and
/// Print beside it, and reasons that say only what the person told us, on an emergency only the emergency's own.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ResultJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    /// <summary>What a phone shows before any scrolling, less a little for the browser's own bars.</summary>
    private const int FirstScreen = 900;

    /// <summary>The phone the result is measured on is 390 by 844; a home-care result fits in this many of its screens.</summary>
    private const int PhoneHeight = 844;

    /// <summary>
    /// It was 3.5 screens (2,950 px) with the plan's days, the reasons and the sources each shown or folded apart; with
    /// one fold each, 2.7. With 16 px type on phones, a one-line booking offer and no second way to the contact form
    /// for someone signed out (the footer has it) it is 1,671 px: the two screens.
    /// </summary>
    private const double MostScreens = 2.0;

    [ChromiumFact]
    public Task Given_a_320_pixel_phone_When_a_simple_spasm_is_checked_Then_the_card_and_save_and_print_come_first_and_nothing_scrolls_sideways() =>
        HomeCareResult(320);

    [ChromiumFact]
    public Task Given_a_390_pixel_phone_When_a_simple_spasm_is_checked_Then_the_card_and_save_and_print_come_first_and_nothing_scrolls_sideways() =>
        HomeCareResult(390);

    [ChromiumFact]
    public Task Given_a_320_pixel_phone_When_bladder_trouble_is_ticked_on_the_warning_signs_Then_only_the_emergency_reasons_are_given() =>
        EmergencyFromWarningSigns(320);

    [ChromiumFact]
    public Task Given_a_390_pixel_phone_When_bladder_trouble_is_ticked_on_the_warning_signs_Then_only_the_emergency_reasons_are_given() =>
        EmergencyFromWarningSigns(390);

    [ChromiumFact]
    public Task Given_a_320_pixel_phone_When_words_of_two_weeks_lead_to_an_emergency_Then_only_the_emergency_reasons_are_given() =>
        EmergencyFromFreeText(320);

    [ChromiumFact]
    public Task Given_a_390_pixel_phone_When_words_of_two_weeks_lead_to_an_emergency_Then_only_the_emergency_reasons_are_given() =>
        EmergencyFromFreeText(390);

    private async Task HomeCareResult(int width)
    {
        var page = await host.NewPhonePage(width);
        await page.GotoAsync("/check/question/age");
        await page.Answer("34");
        await page.Answer("male");
        await AnswerTheRest(page, key => key switch
        {
            "trigger" => "lifting",
            "course" => "unchanged",
            "pain_region" => "lower",
            "onset_days" or "previous_episodes" => "1",
            "pain_score" => "7",
            "self_care_days" => "1",
            _ => "no",
        });
        await page.FollowLink("See my advice");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
        var card = await Box(page, ".do-now");
        card.Y.ShouldBeLessThan(FirstScreen, "the card starts on the first screen");
        var save = await Box(page, ".result-actions a", "Save this result to an account");
        var print = await Box(page, ".result-actions a", "Print the plan");
        (save.Y + save.Height).ShouldBeLessThanOrEqualTo(FirstScreen, "Save is on the first screen");
        (print.Y + print.Height).ShouldBeLessThanOrEqualTo(FirstScreen, "Print is on the first screen");
        (await page.Locator(".do-now .medicine").First.InnerTextAsync()).ShouldContain("At most 6 tablets");
        (await page.Locator(".safety-net").CountAsync()).ShouldBe(1, "when to get help is said once");
        (await page.Locator(".banner").CountAsync()).ShouldBe(0, "the card already says when to call the emergency number");
        (await page.Locator("main details[open]").CountAsync()).ShouldBe(0, "the plan, the reasons and the sources are folded");
        await ShouldNotScrollSideways(page);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var why = await Box(page, ".why");
        output.WriteLine($"{width} px wide: the card ends at {card.Y + card.Height:0} px, the reasons at {why.Y + why.Height:0} px, the page is {height} px long");
        if (width == 390)
        {
            height.ShouldBeLessThanOrEqualTo((int)(MostScreens * PhoneHeight), $"the home-care result is at most {MostScreens} screens of a 390 by {PhoneHeight} phone");
        }

        await page.TabToLink("Print the plan");
        await page.ShouldBeAccessible($"30-result-self-care-{width}", output);

        await page.TabTo("e.tagName === 'SUMMARY'", "the plan");
        await page.Keyboard.PressAsync("Enter");
        (await page.Locator(".plan details[open]").CountAsync()).ShouldBe(1, "the plan opens from the keyboard");
        (await page.Locator(".plan h3").First.IsVisibleAsync()).ShouldBeTrue("its days show once it is open");
        await page.ShouldBeAccessible($"31-result-self-care-day-open-{width}", output);

        await page.FollowLink("Print the plan");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/plan");
        await ShouldNotScrollSideways(page);
        await page.ShouldBeAccessible($"32-plan-screen-{width}", output);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var printed = await page.Locator("main").InnerTextAsync();
        printed.ShouldContain("BackCare: your back care plan");
        printed.ShouldContain("Made on ");
        printed.ShouldContain("In an emergency, call 911.");
        printed.ShouldContain("Your clinic: ");
        printed.ShouldContain("What you told us");
        printed.ShouldContain("34");
        printed.ShouldContain("ibuprofen 200 mg");
        printed.ShouldContain("From day 7", Case.Sensitive, "every day of the plan is open on paper");
        (await page.Locator(".plan .steps li").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".site-header").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".result-actions").CountAsync()).ShouldBe(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"33-plan-print-{width}.png"), FullPage = true });
    }

    private async Task EmergencyFromWarningSigns(int width)
    {
        var page = await host.NewPhonePage(width);
        await page.GotoAsync("/check/question/age");
        await page.Answer("60");
        await page.Answer("male");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");

        await page.Answer("bladder_dysfunction");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Get emergency help now");
        var reasons = await page.Locator(".reasons li").AllInnerTextsAsync();
        reasons.Count.ShouldBe(1, "one emergency sign, one reason");
        reasons[0].ShouldContain("peeing");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("first time after 50", Case.Sensitive, "neither a first episode nor a strain was asked");
        await ShouldNotScrollSideways(page);
        await page.TabToLink("Call 911");
        await page.ShouldBeAccessible($"34-result-emergency-warning-signs-{width}", output);
    }

    private async Task EmergencyFromFreeText(int width)
    {
        var page = await host.NewPhonePage(width);
        await page.GotoAsync("/check/describe");
        await page.TabTo("e.id === 'narrative'", "the description box");
        await page.Keyboard.TypeAsync("My lower back has hurt for two weeks since I lifted a heavy box.");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Read what I wrote'", "the read button");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("This is what we understood");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Continue'", "the Continue button");
        await page.PressAndWaitForNextPage("Enter");
        await page.Answer("45");
        await page.Answer("female");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");

        await page.Answer("saddle_numbness");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Get emergency help now");
        var reasons = await page.Locator(".reasons li").AllInnerTextsAsync();
        reasons.Count.ShouldBe(1, "one emergency sign, one reason");
        reasons[0].ShouldContain("Numbness around your bottom");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("not getting better", Case.Insensitive, "the course of the pain was never asked");
        await ShouldNotScrollSideways(page);
        await page.TabToLink("Call 911");
        await page.ShouldBeAccessible($"35-result-emergency-free-text-{width}", output);
    }

    private static async Task AnswerTheRest(IPage page, Func<string, string> answer)
    {
        var asked = 0;
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            await page.Answer(answer(new Uri(page.Url).AbsolutePath["/check/question/".Length..]));
            (++asked).ShouldBeLessThan(20);
        }
    }

    private static async Task<LocatorBoundingBoxResult> Box(IPage page, string selector, string? text = null)
    {
        var locator = text is null ? page.Locator(selector).First : page.Locator(selector, new() { HasTextString = text }).First;
        return (await locator.BoundingBoxAsync()).ShouldNotBeNull($"{selector} {text} is on the page");
    }

    private static async Task ShouldNotScrollSideways(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{page.Url} scrolls sideways");
    }
}
