using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// The diary on a 390 by 844 phone, keyboard only: pain, spasms and Save on the first screen, the optional parts
/// folded, and a new warning sign, opened and ticked, answered at once with the emergency advice.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DiaryJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "a long enough password";
    private const int PhoneHeight = 844;

    /// <summary>A 41-year-old whose back went into spasm lifting a day ago: home care, pain 7.</summary>
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    [ChromiumFact]
    public async Task Given_a_390_px_phone_When_a_person_writes_the_diary_with_the_keyboard_Then_pain_spasms_and_save_fit_the_first_screen_and_a_new_warning_sign_gets_emergency_advice()
    {
        var page = await host.NewPhonePage(390);
        await SignUpAndInAsync(page, $"ash-{Guid.NewGuid():N}@example.org");
        var saved = await page.Context.APIRequest.PostAsync("/api/assessments", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Data = SimpleSpasm,
        });
        saved.Ok.ShouldBeTrue("a signed-in person's first check is saved");

        await page.GotoAsync("/diary/new");
        (await page.Locator("main form details[open]").CountAsync()).ShouldBe(0);
        await page.ShouldBeAccessible("70-diary-390", output);
        foreach (var (selector, what) in new[] { ("#pain", "the pain box"), ("#spasms", "the spasms box"), (".diary-required button[type=submit]", "the first Save button") })
        {
            var box = (await page.Locator(selector).BoundingBoxAsync()).ShouldNotBeNull();
            (box.Y + box.Height).ShouldBeLessThanOrEqualTo(PhoneHeight, $"{what} is on the first {PhoneHeight} px");
        }

        await page.TabTo("e.id === 'pain'", "the pain box");
        await page.Keyboard.TypeAsync("6");
        await page.TabTo("e.id === 'spasms'", "the spasms box");
        await page.Keyboard.TypeAsync("1");
        await page.TabTo("e.tagName === 'SUMMARY' && e.parentElement.id === 'section-signs'", "the new warning signs");
        await page.Keyboard.PressAsync("Enter");
        (await page.Locator("#section-signs").GetAttributeAsync("open")).ShouldNotBeNull("Enter opens the section");
        await page.ShouldBeAccessible("71-diary-signs-open-390", output);
        await page.TabTo("e.id === 'sign-bladder_dysfunction'", "the bladder box");
        await page.Keyboard.PressAsync("Space");
        await page.TabTo("e.tagName === 'BUTTON' && e.classList.contains('diary-save-end')", "the Save button at the end");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe("/diary/saved");
        var main = page.Locator("main");
        (await main.Locator("h1").InnerTextAsync()).ShouldBe("Get emergency help now");
        (await main.Locator("a.call").GetAttributeAsync("href")).ShouldBe("tel:911");
        (await main.InnerTextAsync()).ShouldNotContain("home-care", Case.Insensitive);
        await page.ShouldBeAccessible("72-diary-new-warning-sign-390", output);
    }

    private static async Task SignUpAndInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-up");
        await page.FillAsync("#displayName", "Ash");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account");
    }
}
