using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class CheckJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_a_person_with_a_simple_spasm_does_the_check_Then_they_get_home_care_and_a_printable_plan()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/");
        await page.ShouldBeAccessible("01-home", output);
        await page.FollowLink("Start the check");
        await page.ShouldBeAccessible("02-check-start", output);
        await page.FollowLink("Start now");
        await page.ShouldBeAccessible("03-question-age", output);

        await page.Answer("34");
        await page.Answer("male");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");
        await page.ShouldBeAccessible("04-question-group", output);
        var asked = 2;
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = new Uri(page.Url).AbsolutePath["/check/question/".Length..];
            await page.Answer(key switch
            {
                "trigger" => "lifting",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" => "1",
                "pain_score" => "7",
                "previous_episodes" => "0",
                "self_care_days" => "1",
                _ => "no",
            });
            asked++;
            asked.ShouldBeLessThan(20);
        }

        asked.ShouldBe(15, "age, sex and 13 interview pages for a simple spasm");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/answers");
        await page.ShouldBeAccessible("05-check-your-answers", output);
        await page.SetViewportSizeAsync(320, 780);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(320, "the answers fit a 320 px phone");
        await page.ShouldBeAccessible("05b-check-your-answers-320", output);
        await page.SetViewportSizeAsync(390, 844);
        await page.FollowLink("See my advice");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/result");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
        (await page.Locator(".disposition-self_care svg").CountAsync()).ShouldBe(1);
        await page.ShouldBeAccessible("06-result-self-care", output);

        await page.FollowLink("Print the plan");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/plan");
        await page.ShouldBeAccessible("07-plan-screen", output);
        (await page.Locator(".js-print").IsVisibleAsync()).ShouldBeTrue("the script adds a print button");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator(".site-header").IsVisibleAsync()).ShouldBeFalse("the print layout leaves out the site header");
        (await page.Locator(".js-print").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".plan").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".plan .steps li").CountAsync()).ShouldBeGreaterThan(5);
        (await page.Locator(".safety-net").IsVisibleAsync()).ShouldBeTrue();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "08-plan-print.png"), FullPage = true });
        var pdf = Path.Combine(BrowserHost.ScreenshotFolder, "08-plan.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4" });
        new FileInfo(pdf).Length.ShouldBeGreaterThan(1000);
        output.WriteLine($"printed plan: {pdf}");
    }

    [ChromiumFact]
    public async Task Given_a_phone_and_only_a_keyboard_When_a_person_reports_new_bladder_trouble_Then_they_are_told_to_call_the_emergency_number()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check");
        await page.FollowLink("Start now");
        await page.Answer("52");
        await page.Answer("female");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");

        await page.Answer("bladder_dysfunction");

        new Uri(page.Url).AbsolutePath.ShouldBe("/check/result");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Get emergency help now");
        var call = page.Locator("a.call");
        (await call.GetAttributeAsync("href")).ShouldBe("tel:911");
        var box = (await call.BoundingBoxAsync()).ShouldNotBeNull();
        box.Height.ShouldBeGreaterThanOrEqualTo(44, "the number is large and easy to tap");
        box.Width.ShouldBeGreaterThan(300);
        await page.TabToLink("Call 911");
        await page.ShouldBeAccessible("09-result-emergency", output);
    }

    [ChromiumFact]
    public async Task Given_a_fever_When_the_check_is_done_Then_the_see_a_doctor_today_result_is_accessible()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/question/age");
        await page.Answer("38");
        await page.Answer("unsaid");
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = new Uri(page.Url).AbsolutePath["/check/question/".Length..];
            await page.Answer(key switch
            {
                "body_warning_signs" => "fever",
                "trigger" => "none",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" or "pain_score" or "previous_episodes" or "self_care_days" => "4",
                _ => "no",
            });
        }

        await page.FollowLink("See my advice");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("See a doctor today");
        (await page.Locator(".disposition-urgent svg").CountAsync()).ShouldBe(1);
        await page.ShouldBeAccessible("09b-result-urgent", output);
    }

    [ChromiumFact]
    public async Task Given_a_wrong_answer_When_submitted_Then_the_error_page_is_accessible_and_the_error_is_announced()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/question/age");

        await page.Answer("200");

        (await page.Locator(".error-summary").InnerTextAsync()).ShouldContain("from 0 to 120");
        (await page.TitleAsync()).ShouldStartWith("Error:");
        await page.ShouldBeAccessible("10-question-error", output);
    }

    [ChromiumFact]
    public async Task Given_a_tick_all_that_apply_page_When_submitted_with_nothing_ticked_Then_the_error_is_accessible_and_leads_to_the_first_box()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/question/age");
        await page.Answer("45");
        await page.Answer("female");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");

        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form.question')", "the Continue button");
        await page.PressAndWaitForNextPage("Enter");

        (await page.Locator(".error-summary").InnerTextAsync()).ShouldContain("None of these");
        (await page.TitleAsync()).ShouldStartWith("Error:");
        await page.ShouldBeAccessible("10b-group-error", output);
        await page.TabToLink("Tick each one");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'answer-bladder_dysfunction'");

        await page.Answer("no");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/body_warning_signs");
    }

    [ChromiumFact]
    public async Task Given_the_education_pages_When_opened_Then_each_is_accessible_and_search_finds_pages()
    {
        var page = await host.NewPhonePage();
        await page.GotoAsync("/learn");
        await page.ShouldBeAccessible("11-learn", output);
        var guides = await page.Locator(".cards a").EvaluateAllAsync<string[]>("all => all.map(a => a.getAttribute('href'))");
        guides.ShouldNotBeEmpty();
        foreach (var guide in guides)
        {
            await page.GotoAsync(guide);
            await page.ShouldBeAccessible("learn-" + guide.Split('/')[^1], output);
        }

        await page.GotoAsync("/exercises");
        await page.ShouldBeAccessible("12-exercises", output);
        var exercises = await page.Locator(".cards a").EvaluateAllAsync<string[]>("all => all.map(a => a.getAttribute('href'))");
        exercises.ShouldNotBeEmpty();
        foreach (var exercise in exercises)
        {
            await page.GotoAsync(exercise);
            (await page.Locator(".exercise-figure img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"))
                .ShouldBeTrue($"the drawing of {exercise} loads");
            await page.ShouldBeAccessible("exercise-" + exercise.Split('/')[^1], output);
        }

        await page.GotoAsync("/");
        await page.TabTo("e.id === 'site-search'", "the search box");
        await page.Keyboard.TypeAsync("stretch");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator(".cards a").CountAsync()).ShouldBeGreaterThan(0);
        await page.ShouldBeAccessible("13-search", output);

        await page.GotoAsync("/no-such-page");
        await page.ShouldBeAccessible("14-not-found", output);
    }
}
