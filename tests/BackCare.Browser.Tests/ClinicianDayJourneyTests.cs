using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// Issue 17's clinician journey, with the keyboard only, on a laptop (1366 by 900) and again at 200% zoom (the same
/// laptop with each CSS pixel drawn twice: 683 by 450): the demo clinic's clinician filters the worklist to urgent, finds
/// a patient by date of birth, opens the chart, acknowledges (the row leaves, and comes back when the patient's diary
/// reports a new red flag), and assigns the patient with a hand-over note. No page scrolls sideways; axe finds nothing.
/// (Answering an inbox request into the thread is InboxJourneyTests'.)
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ClinicianDayJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string PersonPassword = "a long enough password";

    private const string Sideways = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    [ChromiumTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Given_an_urgent_patient_When_the_clinician_filters_searches_by_date_of_birth_acknowledges_and_assigns_with_the_keyboard_Then_each_step_shows_and_a_red_flag_brings_the_row_back(int zoom)
    {
        var name = $"Dana Keyboard {Guid.NewGuid().ToString("N")[..6]}";
        var (person, born) = await UrgentPatientOfTheDemoClinicAsync(name);
        using var _ = person;
        var page = await host.NewLaptopPage(zoom);
        var shot = $"6{zoom}";
        await page.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await page.GotoAsync("/clinic");
        var row = page.Locator("table.worklist tbody tr", new() { HasText = name });

        await page.FollowLink("Urgent and above");
        new Uri(page.Url).Query.ShouldContain("show=urgent");
        (await row.CountAsync()).ShouldBe(1, "an urgent booking is on the urgent list");
        await page.TypeInto("patient-search", born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.PressAndWaitForNextPage("Enter");
        (await row.CountAsync()).ShouldBe(1, "found by date of birth");
        (await row.InnerTextAsync()).ShouldContain(born.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the worklist does not scroll sideways");
        await page.ShouldBeAccessible($"{shot}0-worklist-urgent-by-date-of-birth", output);

        await page.FollowLink(name);
        new Uri(page.Url).AbsolutePath.ShouldStartWith("/clinic/patients/");
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the chart does not scroll sideways");
        await page.ShouldBeAccessible($"{shot}1-chart", output);
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Acknowledge'", "the Acknowledge button");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Acknowledged: they are off the worklist until something new comes in.");

        await page.FollowLink("Worklist");
        (await row.CountAsync()).ShouldBe(0, "an acknowledged row leaves the worklist");

        using (var written = await person.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        }))
        {
            written.EnsureSuccessStatusCode();
        }

        await page.ReloadAsync();
        (await row.CountAsync()).ShouldBe(1, "a new diary red flag brings the row back");

        await page.FollowLink(name);
        await page.TabTo("e.id === 'assign-to'", "the Assign to list");
        var choice = await page.EvaluateAsync<string>("() => { const s = document.activeElement; return s.options[s.options.length - 1].text; }");
        for (var i = 0; i < 30 && await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0].text") != choice; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        (await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0].text")).ShouldBe(choice);
        await page.TypeInto("handover", "Bladder trouble in today's diary: call before the visit.");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Assign'", "the Assign button");
        await page.PressAndWaitForNextPage("Enter");

        var main = await page.Locator("main").InnerTextAsync();
        main.ShouldContain($"Assigned to {choice}.");
        main.ShouldContain("Bladder trouble in today's diary: call before the visit.");
        await page.ShouldBeAccessible($"{shot}2-chart-assigned", output);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Someone whose saved check is urgent (new leg weakness) and who booked a visit at the demo clinic with it, so they
    /// are its patient on the worklist at urgent; with a date of birth (a day over 12, so no format is ambiguous).
    /// </summary>
    private async Task<(HttpClient Person, DateOnly Born)> UrgentPatientOfTheDemoClinicAsync(string name)
    {
        var http = host.CreateHttpClient();
        var email = $"day-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/account/register", new { email, password = PersonPassword, displayName = name })).EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/api/account/login", new { email, password = PersonPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var saved = await http.PostAsJsonAsync("/api/assessments", new { age = 47, findings = new { leg_weakness = true } });
        saved.EnsureSuccessStatusCode();
        var assessment = saved.Headers.Location!.ToString().Split('/')[^1];

        var random = new Random();
        var born = new DateOnly(random.Next(1940, 2000), random.Next(1, 13), random.Next(13, 29));
        Guid demo;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            demo = await db.Clinics.Where(c => c.Name.Contains("(demo)")).Select(c => c.Id).SingleAsync();
            var account = await db.Accounts.SingleAsync(a => a.NormalizedEmail == BackCare.Data.Accounts.Account.NormalizeEmail(email));
            account.SetContactDetails(born, null, DateOnly.FromDateTime(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var slot = (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{demo}/slots?kind=in_person")).EnumerateArray().Last().GetProperty("id").GetString();
        using var booked = await http.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Leg weakness since yesterday", assessmentId = assessment });
        booked.EnsureSuccessStatusCode();
        return (http, born);
    }
}
