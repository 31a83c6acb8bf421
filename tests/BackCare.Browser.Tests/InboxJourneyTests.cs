using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// Issue 17's inbox journey, on a clinician's laptop (1366 by 900) and again at 200% zoom (683 by 450 CSS pixels, each
/// drawn twice; no page scrolls sideways), with only a keyboard: a patient writes with the
/// contact form while signed out; the clinician opens the inbox, finds the request tied to the patient by its email,
/// answers it, and the answer, after the request, is in the patient's thread. Every page passes axe.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class InboxJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private readonly string _person = $"Robin Inbox {Guid.NewGuid().ToString("N")[..6]}";

    private const string Sideways = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    [ChromiumTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Given_a_patients_contact_request_When_the_clinician_answers_it_with_the_keyboard_Then_the_answer_is_in_the_patients_thread(int zoom)
    {
        var shot = zoom == 1 ? "laptop" : "zoom200";
        var (patient, email, clinic) = await APatientOfTheDemoClinic();
        using var _ = patient;
        var question = $"Is it safe to cycle to work? ({_person})";
        var visitor = await host.NewLaptopPage(zoom);
        await visitor.GotoAsync($"/clinics/{clinic}/contact");
        await visitor.Locator("#name").FillAsync(_person);
        await visitor.Locator("#email").FillAsync(email.ToUpperInvariant());
        await visitor.Locator("#body").FillAsync(question);
        await visitor.Locator("main form button[type=submit]").ClickAsync();
        await visitor.GetByText("Your message has reached the clinic").WaitForAsync();
        await visitor.Context.CloseAsync();

        var page = await host.NewLaptopPage(zoom);
        await page.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await page.FollowLink("Inbox");
        new Uri(page.Url).AbsolutePath.ShouldBe("/clinic/inbox");
        var item = page.Locator("li.inbox-item", new() { HasText = question });
        (await item.InnerTextAsync()).ShouldContain("Waiting for an answer");
        (await item.Locator("a[href^='/clinic/patients/']").InnerTextAsync()).ShouldBe(_person);
        await page.ShouldBeAccessible($"45-{shot}-inbox", output);
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the inbox page does not scroll sideways");

        await page.TabTo(
            $"e.tagName === 'A' && e.getAttribute('href').startsWith('/clinic/inbox/requests/') && e.textContent.includes({JsonSerializer.Serialize(_person)})",
            "the request's link");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(_person);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("(their email address matches)");
        await page.ShouldBeAccessible($"46-{shot}-inbox-request", output);
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the inbox-request page does not scroll sideways");

        await page.TypeInto("reply", "Yes: cycling gently is good for your back. Stop if the pain spreads down your leg.");
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form[action*=Reply]')", "the Send the answer button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe("/clinic/inbox");
        (await page.Locator(".notice").InnerTextAsync()).ShouldBe($"Your answer is in {_person}'s messages.");
        (await page.Locator("li.inbox-item", new() { HasText = question }).First.InnerTextAsync()).ShouldContain("Answered");
        await page.ShouldBeAccessible($"47-{shot}-inbox-answered", output);
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the inbox-answered page does not scroll sideways");

        var thread = await patient.GetFromJsonAsync<JsonElement>($"/api/clinics/{clinic}/messages");
        thread.EnumerateArray().Select(m => (m.GetProperty("from").GetString(), m.GetProperty("body").GetString())).ShouldBe(
            [("me", question), ("clinic", "Yes: cycling gently is good for your back. Stop if the pain spreads down your leg.")]);
    }

    /// <summary>Someone who booked a visit with the demo clinic (so they are its patient): their client, email and the clinic's id.</summary>
    private async Task<(HttpClient Client, string Email, string Clinic)> APatientOfTheDemoClinic()
    {
        var http = host.CreateHttpClient();
        var email = $"inbox-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/account/register", new { email, password = "a long enough password", displayName = _person }))
            .EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/api/account/login", new { email, password = "a long enough password" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().First().GetProperty("id").GetString()!;
        var slot = (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{clinic}/slots?kind=in_person")).EnumerateArray().Last().GetProperty("id").GetString();
        using var booked = await http.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Back pain for a week" });
        booked.EnsureSuccessStatusCode();
        return (http, email, clinic);
    }
}
