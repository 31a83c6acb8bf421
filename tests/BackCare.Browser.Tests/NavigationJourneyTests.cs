using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Clinics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// A person's way around after signing up, keyboard only, on a 320 px and a 390 px phone: the header's own links, Today,
/// the contact form that starts their thread, a clinic reply that shows as new, and no page that scrolls sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NavigationJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "a long enough password";

    /// <summary>How tall the signed-in header may be on a 390 by 844 phone: it was about 330 px with the banner, a third of the screen.</summary>
    private const int MostHeaderHeight = 200;

    /// <summary>The smallest target a link or button may be (WCAG 2.2 AA, 2.5.8 target size), in CSS pixels.</summary>
    private const int SmallestTarget = 24;

    [ChromiumFact]
    public Task Given_a_320_px_phone_When_a_person_signs_up_and_finds_their_way_with_the_keyboard_Then_today_messages_and_a_reply_are_reachable() =>
        Journey(320);

    [ChromiumFact]
    public Task Given_a_390_px_phone_When_a_person_signs_up_and_finds_their_way_with_the_keyboard_Then_today_messages_and_a_reply_are_reachable() =>
        Journey(390);

    private async Task Journey(int width)
    {
        var page = await host.NewPhonePage();
        await page.SetViewportSizeAsync(width, 780);
        var email = $"sky-{Guid.NewGuid():N}@example.org";
        var name = $"Sky {width}";

        await page.GotoAsync("/account/sign-up");
        await Type(page, "displayName", name);
        await Type(page, "email", email);
        await Type(page, "password", Password);
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Create account button");
        await page.PressAndWaitForNextPage("Enter");
        await page.TabTo("e.tagName === 'A' && e.classList.contains('button') && !!e.closest('main')", "the Sign in link");
        await page.PressAndWaitForNextPage("Enter");
        await Type(page, "email", email);
        await Type(page, "password", Password);
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Sign in button");
        await page.PressAndWaitForNextPage("Enter");

        var header = page.Locator("header nav.your-pages a");
        (await header.AllInnerTextsAsync()).Select(t => t.Trim()).ShouldBe(["Today", "Diary", "Messages", "Visits", "Account"]);
        await page.TabTo("e.tagName === 'A' && !!e.closest('nav.your-pages') && e.textContent.trim() === 'Today'", "Today in the header");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/today");
        (await page.Locator("main h1").InnerTextAsync()).ShouldBe("Today");
        await ShouldFit(page, width);
        await HeaderShouldBeCompact(page, width);
        await page.ShouldBeAccessible($"60-today-{width}", output);

        await page.TabTo("e.tagName === 'A' && !!e.closest('nav.your-pages') && e.textContent.trim().startsWith('Account')", "Account in the header");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account");
        await ShouldFit(page, width);
        await page.ShouldBeAccessible($"61-account-{width}", output);

        await page.TabTo("e.tagName === 'A' && !!e.closest('nav.your-pages') && e.textContent.trim().startsWith('Messages')", "Messages in the header");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/messages");
        await ShouldFit(page, width);
        await page.ShouldBeAccessible($"62-messages-none-{width}", output);
        // With one clinic, a new account is its patient (decision 0026): the thread is there, empty, to write in.
        await page.TabTo("e.tagName === 'A' && !!e.closest('main') && e.textContent.startsWith('Messages with ')", "the thread with the clinic");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldStartWith("/messages/");
        (await page.Locator("main input#email").CountAsync()).ShouldBe(0, "a signed-in person does not type their details again");
        await ShouldFit(page, width);
        await page.ShouldBeAccessible($"63-thread-empty-{width}", output);
        await page.TabTo("e.id === 'body'", "the message box");
        await page.Keyboard.TypeAsync("My back is stiff in the mornings. Should I come in?");
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", "the Send button");
        await page.PressAndWaitForNextPage("Enter");
        var thread = new Uri(page.Url).AbsolutePath;
        thread.ShouldStartWith("/messages/");
        (await page.Locator("main .notice").InnerTextAsync()).ShouldContain("sent to the clinic");

        await ClinicRepliesAsync(email, Guid.Parse(thread["/messages/".Length..]), "Please come in tomorrow at 9.");
        await page.GotoAsync("/today");
        (await page.Locator("header nav.your-pages a[href='/messages'] .unread").InnerTextAsync()).ShouldStartWith("1");
        await HeaderShouldBeCompact(page, width);
        await page.TabTo("e.tagName === 'A' && !!e.closest('nav.your-pages') && e.textContent.trim().startsWith('Messages')", "Messages in the header");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("main ul.threads .new-label").InnerTextAsync()).ShouldBe("1 new");
        await page.ShouldBeAccessible($"64-messages-one-new-{width}", output);
        await page.TabTo($"e.tagName === 'A' && e.getAttribute('href') === '{thread}'", "the thread with the clinic");
        await page.PressAndWaitForNextPage("Enter");
        var reply = page.Locator("main ol.thread li.unread-message");
        (await reply.InnerTextAsync()).ShouldContain("Please come in tomorrow at 9.");
        (await reply.Locator(".new-label").InnerTextAsync()).ShouldBe("New");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("UTC");
        await ShouldFit(page, width);
        await page.ShouldBeAccessible($"65-thread-new-reply-{width}", output);

        foreach (var (path, shot) in new[] { ("/", "66-home"), ("/account/appointments", "67-visits"), ("/no-such-page", "68-not-found"), ("/check/question/age", "69-question") })
        {
            await page.GotoAsync(path);
            await ShouldFit(page, width);
            await page.ShouldBeAccessible($"{shot}-{width}", output);
        }

        (await page.Locator("main p.step").InnerTextAsync()).ShouldMatch(@"^Question 1 of about \d+$");
        (await page.EvaluateAsync<string>("() => document.activeElement.tagName")).ShouldBe("H1", "focus starts at the question");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("answer", "the first Tab reaches the answer");
    }

    /// <summary>A clinician of the person's clinic answers in their thread, as the clinic's patient page does.</summary>
    private async Task ClinicRepliesAsync(string email, Guid clinicId, string body)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var person = await db.Accounts.Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync();
        var clinician = await db.Clinicians.Where(c => c.ClinicId == clinicId && c.AccountId != null).Select(c => c.AccountId!.Value).FirstAsync();
        await scope.ServiceProvider.GetRequiredService<MessageThreads>().SendFromClinicAsync(clinicId, person, clinician, body, CancellationToken.None);
    }

    /// <summary>
    /// The signed-in header leaves the phone's screen to the page: at most <see cref="MostHeaderHeight"/> px tall on a
    /// 390 by 844 phone (measured there; on a 320 px one it is only written out), and every link, button and box in it
    /// at least <see cref="SmallestTarget"/> px each way.
    /// </summary>
    private async Task HeaderShouldBeCompact(IPage page, int width)
    {
        var size = page.ViewportSize.ShouldNotBeNull();
        await page.SetViewportSizeAsync(width, 844);
        var header = (await page.Locator("header.site-header").BoundingBoxAsync()).ShouldNotBeNull();
        var banner = await page.Locator(".banner").BoundingBoxAsync();
        output.WriteLine($"{new Uri(page.Url).AbsolutePath} at {width} by 844 px: the header is {header.Height:0} px tall, {header.Height + (banner?.Height ?? 0):0} px with the emergency banner");
        if (width == 390)
        {
            header.Height.ShouldBeLessThanOrEqualTo(MostHeaderHeight, $"the header of {page.Url} is compact on a 390 px phone");
        }

        var small = await page.EvaluateAsync<string[]>(SmallTargets, SmallestTarget);
        small.ShouldBeEmpty($"every link, button and box in the header is at least {SmallestTarget} by {SmallestTarget} px");
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>The header's links, buttons and boxes smaller than the given size either way, with their size.</summary>
    private const string SmallTargets = """
        least => [...document.querySelectorAll('header a, header button, header input:not([type=hidden])')]
          .map(e => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.width < least || r.height < least)
          .map(([e, r]) => `${e.textContent.trim() || e.tagName} (${Math.round(r.width)} by ${Math.round(r.height)} px)`)
        """;

    /// <summary>Nothing wider than the screen: the page never scrolls sideways.</summary>
    private static async Task ShouldFit(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(width, $"{page.Url} scrolls sideways at {width} px");
    }

    private static async Task Type(IPage page, string id, string text)
    {
        await page.TabTo($"e.id === '{id}'", $"the {id} box");
        await page.Keyboard.TypeAsync(text);
    }
}
