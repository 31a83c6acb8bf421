using System.Net.Http.Json;
using BackCare.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// A network of two clinics made by hand, on a laptop (1366 by 900) and again at 200% zoom (683 by 450 CSS pixels, each
/// drawn twice; no page scrolls sideways), with the keyboard only: an administrator adds a
/// clinic, a clinician for it chosen from the list, and weekly hours, and its free times appear; then a patient chooses
/// that clinic on their result page (the sign-up page offers the choice too). axe finds nothing on any of these pages.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ClinicAdminJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "a long enough password";

    // After the demo clinic by name, so that every other journey is still offered the demo clinic first.
    private readonly string _clinic = $"Willow Spine Clinic {Guid.NewGuid().ToString("N")[..6]}";

    private const string Sideways = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    [ChromiumTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Given_an_administrator_at_a_laptop_When_they_add_a_clinic_with_hours_and_a_clinician_Then_times_appear_and_a_patient_chooses_that_clinic_on_the_result_page(int zoom)
    {
        // At 200% zoom the screenshots are named zoom200-5x-..., so that both runs keep theirs.
        var shot = zoom == 1 ? "" : "zoom200-";
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.org";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>()
                .RegisterAsync(adminEmail, Password, "Avery Admin", AccountRole.Administrator)).Succeeded.ShouldBeTrue();
        }

        var admin = await host.NewLaptopPage(zoom);
        await admin.SignInWithTwoSteps(adminEmail, Password);
        await admin.GotoAsync("/admin/clinics");
        (await admin.Locator("h1").InnerTextAsync()).ShouldBe("Clinics");
        await admin.ShouldBeAccessible($"{shot}50-admin-clinics", output);
        (await admin.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "50-admin-clinics does not scroll sideways");

        await admin.TypeInto("name", _clinic);
        await admin.TypeInto("address", "12 Willow Lane, Springfield");
        await admin.TypeInto("phone", "+1 555 0142");
        await admin.TypeInto("timeZone", "America/Chicago");
        await admin.TypeInto("offers", "Back pain, physical therapy, video visits");
        await admin.TypeInto("latitude", "41.8781");
        await admin.TypeInto("longitude", "-87.6298");
        await admin.PressSubmit("the Add the clinic button");
        (await admin.Locator("h1").InnerTextAsync()).ShouldBe(_clinic);
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain($"{_clinic} is added.");
        (await admin.Locator("#free-slots").InnerTextAsync()).ShouldStartWith("0 free times");
        var clinicPage = new Uri(admin.Url).AbsolutePath;
        await admin.ShouldBeAccessible($"{shot}51-admin-clinic-new", output);
        (await admin.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "51-admin-clinic-new does not scroll sideways");

        await admin.FollowLink("Add a clinician to this clinic");
        new Uri(admin.Url).AbsolutePath.ShouldBe("/admin/clinicians");
        (await admin.Locator("#clinicId").InputValueAsync()).ShouldBe(clinicPage["/admin/clinics/".Length..], "the clinic comes chosen from the list");
        await admin.TypeInto("displayName", "Dr. Sage Willow");
        await admin.TypeInto("email", $"sage-{Guid.NewGuid():N}@example.org");
        await admin.TypeInto("password", Password);
        await admin.TabTo("e.id === 'specialty'", "the specialty list");
        await admin.Keyboard.TypeAsync("Spine");
        (await admin.Locator("#specialty").InputValueAsync()).ShouldBe("spine");
        await admin.PressSubmit("the Make the account button");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("The account for Dr. Sage Willow is made.");
        await admin.ShouldBeAccessible($"{shot}52-admin-clinicians", output);
        (await admin.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "52-admin-clinicians does not scroll sideways");

        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
        {
            await admin.GotoAsync(clinicPage);
            await admin.TabTo("e.id === 'day'", "the day list");
            await admin.Keyboard.TypeAsync(day);
            (await admin.Locator("#day").InputValueAsync()).ShouldBe(day.ToLowerInvariant());
            await admin.TypeInto("from", "07:00");
            await admin.TypeInto("to", "21:00");
            await admin.TabTo("e.id === 'kind'", "the kind of visit");
            await admin.Keyboard.TypeAsync("Video");
            (await admin.Locator("#kind").InputValueAsync()).ShouldBe("telemedicine");
            await admin.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form[aria-labelledby=add-hours]')", "the Add the hours button");
            await admin.PressAndWaitForNextPage("Enter");
            (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("The hours are added");
        }

        (await admin.Locator("#free-slots").InnerTextAsync()).ShouldNotStartWith("0 ");
        (await admin.Locator("table.records tbody tr").CountAsync()).ShouldBe(7);
        await admin.ShouldBeAccessible($"{shot}53-admin-clinic-hours", output);
        (await admin.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "53-admin-clinic-hours does not scroll sideways");

        var patientEmail = $"willow-{Guid.NewGuid():N}@example.org";
        using (var http = host.CreateHttpClient())
        {
            (await http.PostAsJsonAsync("/api/account/register", new { email = patientEmail, password = Password, displayName = "Jo Willowby" }))
                .EnsureSuccessStatusCode();
        }

        var patient = await host.NewLaptopPage(zoom);
        await patient.GotoAsync("/account/sign-up");
        (await patient.Locator("#clinicId option", new() { HasText = _clinic }).CountAsync()).ShouldBe(1, "in a network a clinic can be chosen at sign-up");
        await patient.ShouldBeAccessible($"{shot}56-sign-up-choose-a-clinic", output);
        (await patient.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "56-sign-up-choose-a-clinic does not scroll sideways");
        await patient.GotoAsync("/account/sign-in");
        await patient.TypeInto("email", patientEmail);
        await patient.TypeInto("password", Password);
        await patient.PressSubmit("the Sign in button");
        await DoRoutineCheck(patient);
        var choices = patient.Locator(".clinic-choice");
        (await choices.CountAsync()).ShouldBeGreaterThanOrEqualTo(2, "both clinics of the network are offered");
        (await patient.Locator("section.book-visit p").First.InnerTextAsync()).ShouldNotContain(_clinic);
        await patient.ShouldBeAccessible($"{shot}54-result-choose-a-clinic", output);
        (await patient.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "54-result-choose-a-clinic does not scroll sideways");

        await patient.FollowLink($"Show the times at {_clinic}");
        (await patient.Locator("section.book-visit p").First.InnerTextAsync()).ShouldContain(_clinic);
        await patient.TabTo($"e.tagName === 'BUTTON' && e.textContent.includes({System.Text.Json.JsonSerializer.Serialize("Make " + _clinic)})", "the Make it my clinic button");
        await patient.PressAndWaitForNextPage("Enter");
        (await patient.Locator("[role=status]", new() { HasText = $"{_clinic} is your clinic now." }).CountAsync()).ShouldBe(1);
        (await choices.Filter(new() { HasText = _clinic }).InnerTextAsync()).ShouldContain("This is your clinic.");
        await patient.ShouldBeAccessible($"{shot}55-result-clinic-chosen", output);
        (await patient.EvaluateAsync<double>(Sideways)).ShouldBeLessThanOrEqualTo(0, "55-result-clinic-chosen does not scroll sideways");

        await patient.GotoAsync(patient.Url.Split("&clinic=")[0]);
        (await patient.Locator("section.book-visit p").First.InnerTextAsync()).ShouldContain(_clinic, customMessage: "their clinic is offered from now on");
    }

    [ChromiumFact]
    public async Task Given_a_network_with_clinics_at_known_places_When_a_person_types_a_ZIP_on_the_result_page_with_the_keyboard_Then_the_nearest_clinic_is_first_with_its_distance()
    {
        // At the very point of ZIP 60601 (Chicago), so it is nearest whatever else this run's clinics are; the other in Boston.
        var near = $"Willow Loop Clinic {Guid.NewGuid().ToString("N")[..6]}";
        var far = $"Willow Harbor Clinic {Guid.NewGuid().ToString("N")[..6]}";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCare.Data.BackCareDbContext>();
            foreach (var (name, latitude, longitude) in new[] { (far, 42.3601, -71.0589), (near, 41.8852, -87.6215) })
            {
                var clinic = new BackCare.Data.Clinics.Clinic(name, "1 Lake Street", "+1 555 0150", "America/Chicago");
                clinic.Describe(name, "1 Lake Street", "+1 555 0150", "America/Chicago", offers: null, latitude, longitude);
                db.Clinics.Add(clinic);
            }

            await db.SaveChangesAsync();
        }

        var patient = await host.NewLaptopPage();
        await DoRoutineCheck(patient);
        (await patient.Locator(".clinic-choice .clinic-choice-name strong").First.InnerTextAsync()).ShouldNotBe(near, "before a ZIP, the soonest free time is first");

        await patient.TypeInto("near", "60601");
        await patient.TabTo("e.tagName === 'BUTTON' && !!e.closest('form.near-form')", "the List the nearest first button");
        await patient.PressAndWaitForNextPage("Enter");

        new Uri(patient.Url).Query.ShouldContain("near=60601");
        (await patient.Locator(".clinic-choice .clinic-choice-name strong").First.InnerTextAsync()).ShouldBe(near);
        (await patient.Locator(".clinic-choice .clinic-distance").First.InnerTextAsync()).ShouldBe("0.0 miles from ZIP code 60601, in a straight line");
        (await patient.Locator(".clinic-choice", new() { HasText = far }).Locator(".clinic-distance").InnerTextAsync()).ShouldStartWith("8");
        await patient.ShouldBeAccessible("57-result-clinics-nearest", output);

        await patient.TabTo("e.id === 'near'", "the ZIP box");
        await patient.Keyboard.PressAsync("Control+A");
        await patient.Keyboard.TypeAsync("6060");
        await patient.TabTo("e.tagName === 'BUTTON' && !!e.closest('form.near-form')", "the List the nearest first button");
        await patient.PressAndWaitForNextPage("Enter");
        (await patient.Locator(".error-summary a[href='#near']").InnerTextAsync()).ShouldStartWith("Enter a US ZIP code as 5 digits");
        (await patient.Locator("#near").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await patient.Locator(".clinic-choice").CountAsync()).ShouldBeGreaterThanOrEqualTo(3, "the list keeps working");
        await patient.ShouldBeAccessible("58-result-clinics-zip-error", output);
    }

    /// <summary>A spasm from lifting a sofa yesterday, pain 9 of 10: a routine visit with a doctor.</summary>
    private static async Task DoRoutineCheck(IPage page)
    {
        await page.GotoAsync("/check/question/age");
        await page.Answer("34");
        await page.Answer("male");
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = new Uri(page.Url).AbsolutePath["/check/question/".Length..];
            await page.Answer(key switch
            {
                "trigger" => "lifting",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" or "self_care_days" => "1",
                "pain_score" => "9",
                "previous_episodes" => "0",
                _ => "no",
            });
        }

        await page.FollowLink("See my advice");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/result");
    }
}
