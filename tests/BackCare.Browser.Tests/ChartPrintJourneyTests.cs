using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// The chart printed as the record (issue 17): with print media, its four forms are gone and everything a record holds
/// is there (findings, the diary with its warning signs, the STarT Back scores over time, visits, messages and notes),
/// laid out on an A4 page's width with nothing sticking out past its edge. The screen view still has the forms.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ChartPrintJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "a long enough password";

    /// <summary>An A4 page (210 mm) less 2 × 12.7 mm of margins, in CSS pixels (96 a inch): what a printout has room for.</summary>
    private const int A4Width = 698;

    private const string Sideways = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    [ChromiumFact]
    public async Task Given_a_full_chart_When_it_is_printed_Then_the_forms_are_left_out_and_findings_diary_with_warning_signs_scores_visits_messages_and_notes_print_whole()
    {
        var name = $"Pat Print {Guid.NewGuid().ToString("N")[..6]}";
        using var person = await APatientWithAFullChartAsync(name);
        var page = await host.NewLaptopPage();
        await page.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await page.GotoAsync("/clinic");
        await page.FollowLink(name);
        new Uri(page.Url).AbsolutePath.ShouldStartWith("/clinic/patients/");
        (await page.Locator("main form").CountAsync()).ShouldBe(4);
        (await page.Locator("main form").First.IsVisibleAsync()).ShouldBeTrue("on screen the forms are there");
        await page.ShouldBeAccessible("70-chart-full", output);

        await page.SetViewportSizeAsync(A4Width, 1000);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        foreach (var form in await page.Locator("main form").AllAsync())
        {
            (await form.IsVisibleAsync()).ShouldBeFalse("a printed record has no forms");
        }

        foreach (var (selector, what) in new[]
        {
            ("dl.check-findings", "the findings of the check"),
            ("svg#trend", "the diary chart"),
            ("svg#trend path.trend-flag-mark", "the warning sign's mark in the chart"),
            ("table.diary-table tr.diary-flagged", "the diary row with the warning sign"),
            ("svg#screens", "the STarT Back chart"),
            ("table.screens-table", "the STarT Back scores"),
            ("#visits-heading + table.records", "the visits"),
            ("ol.thread", "the messages"),
            ("#notes-heading + ul.cards", "the notes"),
            ("#patient-language", "the language"),
        })
        {
            (await page.Locator(selector).First.IsVisibleAsync()).ShouldBeTrue($"{what} ({selector}) print");
        }

        var main = await page.Locator("main").InnerTextAsync();
        main.ShouldContain("New trouble with peeing");
        main.ShouldContain("Cycling is fine, gently.");
        main.ShouldContain("Call back after the scan.");
        (await page.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "the printed chart is no wider than the page");
        var past = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('main *')]
              .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
              .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : ''))
            """);
        past.ShouldBeEmpty("nothing of the record is cut off at the page's edge");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "71-chart-print.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A patient of the demo clinic with everything a chart shows: an urgent check, a booked visit, a quiet diary day and
    /// one with bladder trouble, two STarT Back screens, a message each way and a clinical note.
    /// </summary>
    private async Task<HttpClient> APatientWithAFullChartAsync(string name)
    {
        var http = host.CreateHttpClient();
        var email = $"print-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = name })).EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var saved = await http.PostAsJsonAsync("/api/assessments", new { age = 47, findings = new { leg_weakness = true, pain_score = 6 } });
        saved.EnsureSuccessStatusCode();
        var assessment = saved.Headers.Location!.ToString().Split('/')[^1];
        (await http.PostAsJsonAsync("/api/diary", new { painScore = 5, spasms = 1 })).EnsureSuccessStatusCode();

        Guid demo, owner, clinician;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            demo = await db.Clinics.Where(c => c.Name.Contains("(demo)")).Select(c => c.Id).SingleAsync();
            owner = await db.Accounts.Where(a => a.NormalizedEmail == BackCare.Data.Accounts.Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync();
            clinician = await db.Accounts.Where(a => a.NormalizedEmail == BackCare.Data.Accounts.Account.NormalizeEmail(DemoClinician.Email)).Select(a => a.Id).SingleAsync();
            var back = DateTime.UtcNow.AddDays(-2);
            await db.SavedAssessments.Where(a => a.OwnerId == owner).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedUtc, back.AddHours(-1)));
            await db.DiaryEntries.Where(e => e.OwnerId == owner).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedUtc, back));
            foreach (var (total, psychosocial, group, daysAgo) in new[] { (6, 4, RiskGroup.High, 2), (3, 1, RiskGroup.Low, 0) })
            {
                var screen = new RiskScreen(owner, """{"answers":[]}""", total, psychosocial, group);
                db.RiskScreens.Add(screen);
                await db.SaveChangesAsync();
                await db.RiskScreens.Where(r => r.Id == screen.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedUtc, DateTime.UtcNow.AddDays(-daysAgo)));
            }
        }

        var slot = (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{demo}/slots?kind=in_person")).EnumerateArray().Last().GetProperty("id").GetString();
        (await http.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Leg weakness since yesterday", assessmentId = assessment })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/diary", new
        {
            painScore = 7, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/clinics/{demo}/messages", new { body = "Can I cycle to the visit?" })).EnsureSuccessStatusCode();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.Messages.Add(new BackCare.Data.Clinics.Message(demo, owner, clinician, fromClinic: true, "Cycling is fine, gently."));
            db.ClinicalNotes.Add(new BackCare.Data.Clinics.ClinicalNote(demo, owner, clinician, "Call back after the scan."));
            await db.SaveChangesAsync();
        }

        return http;
    }
}
