using System.Net;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Clinics;
using BackCare.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackCare.Web.Tests.Clinician.ClinicWorld;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Navigation;

/// <summary>
/// A signed-in person's way around (the header's own links, the unread count, Today, saved checks), the clinic's replies
/// reaching them, the contact form, and the error pages, read without script as a browser would show them.
/// </summary>
public sealed class PatientPagesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string EmergencyCase = """{"id":"e","age":52,"findings":{"saddle_numbness":true}}""";

    [Fact]
    public async Task Given_a_signed_in_person_When_any_page_opens_Then_the_header_links_to_Today_Diary_Messages_Visits_and_Account()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(People.NewEmail());

        await browser.Open("/learn");

        var links = browser.Document.QuerySelectorAll("header nav.your-pages a")
            .Select(a => (Text: Squash(a.TextContent), Href: a.GetAttribute("href"))).ToList();
        links.ShouldBe([("Today", "/today"), ("Diary", "/diary/new"), ("Messages", "/messages"), ("Visits", "/account/appointments"), ("Account", "/account")]);
        browser.Document.QuerySelector("header .unread").ShouldBeNull("nothing new yet");
        browser.Document.QuerySelector("footer")!.TextContent.ShouldContain("You are signed in");
        browser.Document.QuerySelector("footer")!.TextContent.ShouldNotContain("Nothing you enter is stored");
    }

    [Fact]
    public async Task Given_someone_not_signed_in_When_a_page_opens_Then_there_are_no_own_pages_and_the_footer_links_the_contact_form()
    {
        using var browser = new Browser(factory);

        await browser.Open("/");

        browser.Document.QuerySelector("nav.your-pages").ShouldBeNull();
        browser.Document.QuerySelector("footer")!.TextContent.ShouldContain("Nothing you enter is stored unless you choose to save it");
        var contact = browser.Document.QuerySelector("footer a[href='/contact']").ShouldNotBeNull();
        await browser.Open(contact.GetAttribute("href")!);
        browser.Address.ShouldMatch("^/clinics/[0-9a-f-]{36}/contact$");
        browser.Document.QuerySelector(".contact-details")!.TextContent.ShouldContain("+1 555");
        browser.Document.QuerySelector(".contact-details")!.TextContent.ShouldContain("Monday");
        browser.Document.QuerySelector("input#name").ShouldNotBeNull("a visitor gives their name");
    }

    [Fact]
    public async Task Given_a_clinic_reply_When_the_person_opens_any_page_Then_the_header_counts_it_the_thread_marks_it_new_and_reading_clears_it()
    {
        var clinic = await AddClinicAsync(factory);
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email);
        var me = await AccountIdAsync(email);
        await JoinAsync(factory, clinic, me, "routine");
        await ReplyAsync(clinic, me, "Please go to the emergency department now.");

        await browser.Open("/learn");

        var messages = browser.Document.QuerySelector("header nav.your-pages a[href='/messages']")!;
        Squash(messages.TextContent).ShouldBe("Messages 1 new message");
        messages.QuerySelector(".unread")!.TextContent.ShouldStartWith("1");

        await browser.Open("/messages");
        var thread = browser.Document.QuerySelector($"ul.threads a[href='/messages/{clinic}']").ShouldNotBeNull();
        thread.ParentElement!.QuerySelector(".new-label")!.TextContent.ShouldBe("1 new");
        await browser.Open(thread.GetAttribute("href")!);
        var reply = browser.Document.QuerySelector("ol.thread li.unread-message").ShouldNotBeNull();
        reply.TextContent.ShouldContain("Please go to the emergency department now.");
        reply.QuerySelector(".new-label")!.TextContent.ShouldBe("New");
        browser.Text.ShouldNotContain("UTC");

        await browser.Open($"/messages/{clinic}");

        browser.Document.QuerySelector("ol.thread li.unread-message").ShouldBeNull("read now");
        browser.Document.QuerySelector("header .unread").ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_thread_When_an_empty_message_is_sent_Then_the_problem_is_shown_the_sites_way_and_nothing_is_sent()
    {
        var clinic = await AddClinicAsync(factory, "Riverside Back Clinic");
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email, displayName: "Sam");
        var me = await AccountIdAsync(email);
        await browser.Open($"/clinics/{clinic}/contact");
        await browser.Submit(new() { ["body"] = "First message." }, "main form.account-form");

        await browser.Submit(new() { ["body"] = "   " }, "main form");

        browser.Document.ShouldShowTheProblemTheSitesWay("body", "body");
        browser.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("Write your message.");
        browser.Document.GetElementById("body")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.ClinicId == clinic && m.OwnerId == me && !m.FromClinic))).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_signed_in_person_When_they_write_with_the_contact_form_Then_they_type_only_the_message_and_it_joins_their_thread()
    {
        var clinic = await AddClinicAsync(factory, "Hillside Back Clinic");
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email, displayName: "Robin");
        var me = await AccountIdAsync(email);

        await browser.Open($"/clinics/{clinic}/contact");

        browser.Document.QuerySelector("input#name").ShouldBeNull("the account already has the name");
        browser.Document.QuerySelector("input#email").ShouldBeNull("and the email address");
        browser.Text.ShouldContain($"signed in as Robin ({email})");
        await browser.Submit(new() { ["body"] = "Can I come on Saturday?" }, "main form.account-form");

        browser.Address.ShouldBe($"/messages/{clinic}");
        browser.Text.ShouldContain("Your message has been sent to the clinic.");
        browser.Document.QuerySelector("ol.thread li.from-person")!.TextContent.ShouldContain("Can I come on Saturday?");
        var row = await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == clinic && p.PatientId == me));
        row.Disposition.ShouldBeNull("a thread needs the clinic to know them, but a message is no assessment");
        row.Priority.ShouldBe(BackCare.Data.Clinics.ClinicPatient.PriorityOf("self_care"), "last on the worklist: a message raises nothing clinically");
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.ClinicId == clinic && m.OwnerId == me && !m.FromClinic))).ShouldBe(1);
        (await InDbAsync(factory, db => db.ContactRequests.CountAsync(r => r.ClinicId == clinic))).ShouldBe(0, "not a second copy in the inbox");
    }

    [Fact]
    public async Task Given_a_missing_page_When_opened_Then_404_in_the_site_s_layout_with_the_header_and_emergency_banner()
    {
        using var browser = new Browser(factory);

        await browser.Open("/no-such-page");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        browser.Document.QuerySelector("header.site-header a.brand").ShouldNotBeNull();
        browser.Document.QuerySelector("p.banner a[href^='tel:']").ShouldNotBeNull();
        browser.Document.QuerySelector("main h1")!.TextContent.ShouldBe("Page not found");
        browser.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href").ShouldBe("/favicon.svg");
    }

    [Fact]
    public async Task Given_a_page_that_fails_on_our_side_When_a_browser_asked_for_it_Then_500_in_the_site_s_layout_with_the_emergency_banner()
    {
        using var failing = BackCareFactory.WithTestServices(
            services => services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add(new FailOnLearn())));
        using var client = failing.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/learn");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("main h1")!.TextContent.ShouldBe("Something went wrong on our side");
        page.QuerySelector("header.site-header a.brand").ShouldNotBeNull();
        page.QuerySelector("p.banner a[href^='tel:']").ShouldNotBeNull();
        failing.Logs.Entries.ShouldContain(e => e.Exception is FailOnLearn.Failure);
    }

    [Fact]
    public async Task Given_an_api_address_that_does_not_exist_When_asked_Then_it_still_answers_with_a_problem_document()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_the_favicon_When_asked_Then_a_small_svg()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/favicon.svg");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeLessThan(1024);
    }

    [Fact]
    public async Task Given_an_emergency_check_When_the_person_opens_today_Then_it_says_to_get_emergency_help_and_nothing_that_would_delay_it()
    {
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email);
        await SaveCaseAsync(email, EmergencyCase);

        await browser.Open("/today");

        browser.Document.QuerySelector("main h1")!.TextContent.ShouldBe("Get emergency help now");
        browser.Document.QuerySelector("main a.call[href='tel:911']").ShouldNotBeNull();
        var main = browser.Document.QuerySelector("main")!;
        main.TextContent.ShouldNotContain("started today", Case.Insensitive);
        main.TextContent.ShouldNotContain("a doctor should see you", Case.Insensitive);
        main.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["tel:911"], "no diary, risk screen, plan or booking to wait for");
        main.QuerySelector("form").ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_home_care_check_When_the_person_opens_today_Then_the_plan_with_the_onset_the_check_asked()
    {
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email);
        await SaveCaseAsync(email, Baseline);

        await browser.Open("/today");

        browser.Document.QuerySelector("main h1")!.TextContent.ShouldBe("Today");
        browser.Text.ShouldContain("Your back pain started 1 day ago.");
        browser.Document.QuerySelector("main a.back").ShouldNotBeNull();
        browser.Document.QuerySelector("main a[href='/messages']").ShouldNotBeNull();
        browser.Document.QuerySelector("main a[href='/account/appointments']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_saved_checks_When_the_account_page_opens_Then_each_opens_as_its_result_and_no_time_says_UTC()
    {
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        await browser.SignUp(email);
        await SaveCaseAsync(email, Baseline);

        await browser.Open("/account");

        browser.Text.ShouldNotContain("UTC");
        browser.Document.QuerySelector("main a[href='/today']").ShouldNotBeNull();
        var check = browser.Document.QuerySelector("ul.saved-checks a").ShouldNotBeNull();
        Squash(check.TextContent).ShouldEndWith(" today");
        var label = check.QuerySelector("strong")!.TextContent;
        await browser.Open(check.GetAttribute("href")!);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.QuerySelector("main .disposition .disposition-label")!.TextContent.ShouldBe(label);
        browser.Document.QuerySelectorAll("main ul.reasons li").ShouldNotBeEmpty();

        using var stranger = new Browser(factory);
        await stranger.SignUp(People.NewEmail());
        await stranger.Open(check.GetAttribute("href")!);
        stranger.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<Guid> AccountIdAsync(string email) =>
        await InDbAsync(factory, db => db.Accounts.Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());

    private async Task ReplyAsync(Guid clinic, Guid person, string body)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessageThreads>().SendFromClinicAsync(clinic, person, Guid.NewGuid(), body, CancellationToken.None);
    }

    /// <summary>Saves a case to the person's account through the API, as a check saved from the result page is.</summary>
    private async Task SaveCaseAsync(string email, string caseJson)
    {
        using var client = await People.SignIn(factory, email);
        using var saved = await People.PostCase(client, caseJson);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A filter only this test registers: /learn fails, as a bug would; the error page itself does not.</summary>
    private sealed class FailOnLearn : Microsoft.AspNetCore.Mvc.Filters.IResourceFilter
    {
        public void OnResourceExecuting(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutingContext context)
        {
            if (context.HttpContext.Request.Path == "/learn")
            {
                throw new Failure();
            }
        }

        public void OnResourceExecuted(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutedContext context)
        {
        }

        public sealed class Failure() : Exception("A failure the test asked for.");
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
