using System.Net;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Text;
using static BackCare.Web.Tests.Clinician.ClinicWorld;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Navigation;

/// <summary>
/// Clinicians and administrators get a header of their own (Text/en/pages.json's words), with none of the patient
/// site's links, and an account page without "Delete my account"; a patient's pages keep the patient's header.
/// </summary>
public sealed class StaffHeaderTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly string[] PatientLinks = ["/check", "/learn", "/exercises", "/today", "/diary/new", "/messages", "/account/appointments", "/search"];

    [Fact]
    public async Task Given_a_clinician_When_each_of_their_pages_opens_Then_the_header_is_the_clinicians_with_no_patient_links()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Hana Header");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");

        foreach (var path in new[] { "/clinic", "/clinic/inbox", "/clinic/patients", $"/clinic/patients/{id}", "/clinic/outcomes", "/account", "/account/security", "/account/activity" })
        {
            await clinician.Open(path);

            clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            HeaderLinks(clinician, "nav.staff-pages").ShouldBe(
                [(PageText.English["nav_worklist"], "/clinic"), (PageText.English["nav_inbox"], "/clinic/inbox"), (PageText.English["nav_patients"], "/clinic/patients"),
                 (PageText.English["nav_outcomes"], "/clinic/outcomes"), (PageText.English["nav_account"], "/account")], path);
            var header = clinician.Document.QuerySelector("header")!;
            header.QuerySelectorAll("a, form").Select(e => e.GetAttribute("href") ?? e.GetAttribute("action")).ShouldNotContain(h => PatientLinks.Contains(h), path);
            header.TextContent.ShouldNotContain(PageText.English["nav_check"], Case.Sensitive, path);
            clinician.Document.QuerySelector("header .brand")!.GetAttribute("href").ShouldBe("/clinic");
            clinician.Document.QuerySelector("footer")!.TextContent.ShouldContain(PageText.English["footer_staff"]);
        }

        await clinician.Open("/account");
        clinician.Document.QuerySelectorAll("main a").ShouldNotContain(a => a.GetAttribute("href") == "/account/delete");
        clinician.Text.ShouldNotContain("Delete my account");
        clinician.Document.QuerySelectorAll("main a").ShouldNotContain(a => PatientLinks.Contains(a.GetAttribute("href")));
        await clinician.Open("/account/delete");
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "a clinic's account is closed by an administrator");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/account") { Content = System.Net.Http.Json.JsonContent.Create(new { password = People.Password }) };
        using var deleted = await clinician.Client.SendAsync(request);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NotFound, "nor through the API, with the right password");
        await clinician.Open("/account");
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK, "the clinician is still signed in: the account is still there");
    }

    [Fact]
    public async Task Given_an_administrator_When_their_pages_open_Then_the_header_offers_clinic_settings_clinics_outcomes_and_their_account_only()
    {
        var (email, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        using var admin = new Browser(factory);
        await admin.SignInWithCode(email, key);

        foreach (var path in new[] { "/admin/clinicians", "/admin/clinics", "/clinic/outcomes", "/account" })
        {
            await admin.Open(path);

            admin.Response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            HeaderLinks(admin, "nav.staff-pages").ShouldBe(
                [(PageText.English["nav_clinic_settings"], "/admin/clinicians"), (PageText.English["admin_nav_clinics"], "/admin/clinics"),
                 (PageText.English["nav_outcomes"], "/clinic/outcomes"),
                 (PageText.English["nav_account"], "/account")], path);
            admin.Document.QuerySelector("header")!.TextContent.ShouldNotContain(PageText.English["nav_check"], Case.Sensitive, path);
        }

        admin.Text.ShouldNotContain("Delete my account");
    }

    [Fact]
    public async Task Given_a_patient_When_their_pages_open_Then_the_header_is_the_patients_and_their_account_page_offers_deleting_it()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(People.NewEmail());

        foreach (var path in new[] { "/today", "/diary/new", "/messages", "/account", "/learn" })
        {
            await browser.Open(path);

            browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            HeaderLinks(browser, "nav.your-pages").Select(l => l.Href).ShouldBe(["/today", "/diary/new", "/messages", "/account/appointments", "/account"], path);
            browser.Document.QuerySelector("nav.staff-pages").ShouldBeNull(path);
            HeaderLinks(browser, "nav[aria-label='" + PageText.English["nav_label"] + "']").ShouldContain((PageText.English["nav_check"], "/check"), path);
        }

        browser.Document.QuerySelector("header .brand")!.GetAttribute("href").ShouldBe("/");
        await browser.Open("/account");
        browser.Document.QuerySelectorAll("main a").ShouldContain(a => a.GetAttribute("href") == "/account/delete");
    }

    private static List<(string Text, string? Href)> HeaderLinks(Browser browser, string nav) =>
        [.. browser.Document.QuerySelectorAll($"header {nav} a").Select(a => (string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), a.GetAttribute("href")))];
}
