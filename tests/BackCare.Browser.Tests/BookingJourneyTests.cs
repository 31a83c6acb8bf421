using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class BookingJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private readonly string _person = $"Robin Feverfew {Guid.NewGuid().ToString("N")[..6]}";

    [ChromiumFact]
    public async Task Given_a_phone_and_an_urgent_result_When_the_person_books_a_video_call_Then_the_demo_clinician_finds_them_at_the_top_of_the_worklist()
    {
        await SomeoneBooksARoutineVisitFirst();
        var page = await host.NewPhonePage();
        await DoUrgentCheck(page);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("See a doctor today");
        var offer = page.Locator("section.book-visit");
        (await offer.Locator("ul.slots a").CountAsync()).ShouldBeInRange(1, 8, "a handful of times, not hundreds");
        (await offer.Locator("h3").First.InnerTextAsync()).ShouldBeOneOf("Today, by video call", "Next video calls");
        await page.ShouldBeAccessible("20-result-urgent-book-a-visit", output);

        await page.TabTo("e.tagName === 'A' && !!e.closest('ul.slots') && e.textContent.includes('Video call')", "the first video call time");
        var chosen = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in");
        await page.FollowLink("Create an account");
        (await page.Locator(".lead").InnerTextAsync()).ShouldContain("Create an account to book your visit");
        await page.ShouldBeAccessible("21-sign-up-to-book", output);
        await Type(page, "displayName", _person);
        var email = $"robin-{Guid.NewGuid():N}@example.org";
        await Type(page, "email", email);
        await Type(page, "password", "a long enough password");
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Create account button");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.ShouldBeAccessible("21b-check-your-email", output);
        await page.TabTo("e.tagName === 'A' && e.classList.contains('button') && !!e.closest('main')", "the Sign in link");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in");
        await Type(page, "email", email);
        await Type(page, "password", "a long enough password");
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Sign in button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).PathAndQuery.ShouldBe(chosen);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check and book");
        (await page.Locator("textarea#reason").InputValueAsync()).ShouldStartWith("Back pain check: See a doctor today.");
        await page.ShouldBeAccessible("22-confirm-booking", output);
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Book this visit button");
        await page.PressAndWaitForNextPage("Enter");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your visit is booked");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Video call");
        (await page.Locator("a.button", new() { HasText = "Join the video call" }).GetAttributeAsync("href")).ShouldStartWith("https://meet.example.org/backcare/");
        await page.ShouldBeAccessible("23-visit-booked", output);
        var appointment = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync(chosen);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("That time has just been taken");
        await page.ShouldBeAccessible("24-time-taken", output);
        if (await page.Locator("main a", new() { HasText = "More times" }).CountAsync() > 0)
        {
            await page.FollowLink("More times");
            new Uri(page.Url).AbsolutePath.ShouldBe("/book");
            await page.ShouldBeAccessible("25-choose-more-times", output);
        }
        else
        {
            // Late in the clinic's day the times left today all fit on the page, so there is no "More times" link
            // (a group offers one only when it has more than it shows): the other times are on the page itself.
            (await page.Locator("main ul.slots a").CountAsync() + await page.Locator("main a[href^='tel:']").CountAsync())
                .ShouldBeGreaterThan(0, "the page offers another time, or the clinic's phone");
        }

        await page.GotoAsync("/account/appointments");
        (await page.Locator("ul.appointments a").CountAsync()).ShouldBe(1);
        await page.ShouldBeAccessible("26-your-appointments", output);
        await page.GotoAsync(appointment + "/reschedule");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Choose a new time");
        await page.ShouldBeAccessible("27-reschedule-choose", output);
        await page.TabTo("e.tagName === 'A' && !!e.closest('ul.slots')", "a new time");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Move your visit?");
        await page.ShouldBeAccessible("28-reschedule-confirm", output);
        await page.GotoAsync(appointment + "/cancel");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Cancel this visit?");
        await page.ShouldBeAccessible("29-cancel-question", output);

        var clinic = await host.NewPhonePage();
        await clinic.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await clinic.GotoAsync("/clinic");
        (await clinic.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: Example Valley Back Clinic");
        // Other journeys share the demo clinic, and with one clinic everyone who signs up is its patient (decision
        // 0026): someone with a diary red flag may stand above. What matters is that the urgent booking is on the
        // worklist, said to be urgent, above the person who waited longer with a routine visit.
        var row = clinic.Locator("table.worklist tbody tr", new() { HasText = _person });
        (await row.InnerTextAsync()).ShouldContain("Urgent: today");
        var names = (await clinic.Locator("table.worklist tbody tr th").AllInnerTextsAsync()).ToList();
        names.IndexOf(_person).ShouldBeGreaterThanOrEqualTo(0, string.Join(", ", names));
        names.IndexOf("Earlier Routine").ShouldBeGreaterThan(names.IndexOf(_person), "waiting longer, but less urgent: " + string.Join(", ", names));
        await clinic.ShouldBeAccessible("30-worklist-urgent-booking-on-top", output);
    }

    /// <summary>Another person who booked earlier without an urgent result: they have waited longer, but are less urgent.</summary>
    private async Task SomeoneBooksARoutineVisitFirst()
    {
        using var http = host.CreateHttpClient();
        var email = $"earlier-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/account/register", new { email, password = "a long enough password", displayName = "Earlier Routine" }))
            .EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/api/account/login", new { email, password = "a long enough password" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().First().GetProperty("id").GetString();
        var slot = (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{clinic}/slots?kind=in_person")).EnumerateArray().Last().GetProperty("id").GetString();
        using var booked = await http.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Stiff back for a while" });
        booked.EnsureSuccessStatusCode();
    }

    /// <summary>A check with a fever: "See a doctor today", with times to book beside it. The cluster journey does it too.</summary>
    internal static async Task DoUrgentCheck(IPage page)
    {
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
    }

    private static async Task Type(IPage page, string id, string text)
    {
        await page.TabTo($"e.id === '{id}'", $"the {id} box");
        await page.Keyboard.TypeAsync(text);
    }
}
