using System.Net;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Web.Clinician;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Tests.Hardening;
using BackCare.Web.Tests.Navigation;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// The clinic's one inbox (issue 17): contact requests and patients' threads together, a request tied to a patient by
/// email or by hand, and answered in the app, into the patient's thread or by email from the outbox.
/// </summary>
public sealed class InboxTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly PageText Text = PageText.English;

    /// <summary>The clinic pages whose address names a record by id, each with a test below that another clinic's clinician gets 404.</summary>
    private static readonly string[] ClinicRoutesWithAnId = ["/clinic/inbox/requests/{id:guid}", "/clinic/patients/{id:guid}"];

    [Fact]
    public void Given_the_route_table_When_the_clinic_pages_with_an_id_are_listed_Then_each_has_an_other_clinic_test()
    {
        RouteTable.Of(factory)
            .Where(r => r.Text.StartsWith("/clinic/", StringComparison.Ordinal) && r.Text.Contains("{id", StringComparison.Ordinal))
            .Select(r => r.Text).Distinct()
            .ShouldBe(ClinicRoutesWithAnId, ignoreOrder: true, "every clinic page with an id needs a test that another clinic's clinician gets 404");
    }

    [Fact]
    public async Task Given_a_visitors_request_and_a_patients_message_When_the_clinician_opens_the_inbox_Then_both_are_listed_waiting_first_newest_first_and_audited()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var handled = await RequestAsync(clinic, "Hal Handled", "hal@example.org", "An old question.", DateTime.UtcNow.AddHours(-1), handled: true);
        var (person, patient) = await PersonAsync(factory, "Pia Patient");
        using var _p = person;
        await JoinAsync(factory, clinic, patient, "routine");
        (await SendMessage(person, clinic, "My back is worse since Tuesday.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var request = await RequestAsync(clinic, "Vera Visitor", "vera@example.org", "Do you see people on Saturdays?");

        await clinician.Open("/clinic/inbox");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = clinician.Document.QuerySelectorAll("li.inbox-item").ToList();
        items.Select(i => i.QuerySelector("h2")!.TextContent).ShouldBe(
            [$"{Text["inbox_kind_request"]}: Vera Visitor", $"{Text["inbox_kind_messages"]}: Pia Patient", $"{Text["inbox_kind_request"]}: Hal Handled"]);
        items[0].TextContent.ShouldContain(Text["inbox_state_waiting"]);
        items[0].TextContent.ShouldContain(Text["inbox_not_tied"]);
        items[1].TextContent.ShouldContain("My back is worse since Tuesday.");
        items[1].TextContent.ShouldContain(Text.Format("inbox_unread", 1));
        items[1].QuerySelector($"a[href='/clinic/patients/{patient}']").ShouldNotBeNull();
        items[2].TextContent.ShouldContain(Text["inbox_state_handled"]);
        items[2].QuerySelector("form[action*=Handled]").ShouldBeNull();
        var audited = await InDbAsync(factory, db => db.AuditEvents.Where(e => e.ActorId == clinicianId && e.Action == AuditAction.Read).ToListAsync());
        audited.ShouldContain(e => e.SubjectId == patient && e.ResourceType == nameof(Message));
        audited.ShouldContain(e => e.SubjectId == request && e.ResourceType == nameof(ContactRequest));
        audited.ShouldContain(e => e.SubjectId == handled && e.ResourceType == nameof(ContactRequest));

        await clinician.Open("/clinic");
        clinician.Document.QuerySelector("main a[href='/clinic/inbox']")!.ParentElement!.TextContent.ShouldContain(Text.Format("inbox_waiting", 2));
    }

    [Fact]
    public async Task Given_more_than_a_page_of_requests_When_the_clinician_pages_through_the_inbox_Then_each_is_shown_once_waiting_first_and_a_mark_keeps_the_page()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var start = DateTime.UtcNow.AddDays(-1);
        for (var k = 0; k < 3; k++)
        {
            // Handled ones are the newest, yet come after every waiting one.
            await RequestAsync(clinic, $"Handled {k:00}", null, "Answered by phone.", start.AddHours(2 + k), handled: true, phone: "0123");
        }

        var waiting = ClinicInbox.PageSize + 5;
        for (var k = 0; k < waiting; k++)
        {
            await RequestAsync(clinic, $"Waiting {k:00}", null, "A question.", start.AddMinutes(k), phone: "0123");
        }

        await clinician.Open("/clinic/inbox");
        var first = Names(clinician);
        first.Count.ShouldBe(ClinicInbox.PageSize);
        first[0].ShouldBe($"Waiting {waiting - 1:00}", "newest first among the waiting");
        first.ShouldAllBe(n => n.StartsWith("Waiting", StringComparison.Ordinal));
        clinician.Document.QuerySelector("nav.pager a[rel=prev]").ShouldBeNull();
        var older = clinician.Document.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href");
        older.ShouldBe("/clinic/inbox?number=2");

        await clinician.Open(older!);
        var second = Names(clinician);
        second.ShouldBe([.. Enumerable.Range(0, 5).Reverse().Select(k => $"Waiting {k:00}"), "Handled 02", "Handled 01", "Handled 00"]);
        first.Intersect(second).ShouldBeEmpty("no item is on two pages");
        clinician.Document.QuerySelector("nav.pager a[rel=next]").ShouldBeNull("the last page has no older one");
        clinician.Document.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href").ShouldBe("/clinic/inbox");
        clinician.Text.ShouldContain(Text.Format("inbox_page_number", 2));

        clinician.Redirects.Clear();
        await clinician.Submit([], "li.inbox-item form[action*=Handled]");
        clinician.Redirects.ShouldBe(["/clinic/inbox?number=2"], "marking an item handled keeps the clinician on their page");
        clinician.Text.ShouldContain(Text["inbox_handled_done"]);
        Names(clinician).ShouldBe([.. Enumerable.Range(0, 4).Reverse().Select(k => $"Waiting {k:00}"), "Handled 02", "Handled 01", "Handled 00", "Waiting 04"]);

        await clinician.Open("/clinic/inbox?number=99");
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Text.ShouldContain(Text["inbox_none_more"]);
    }

    [Fact]
    public async Task Given_the_worklist_kept_its_inbox_count_When_a_patient_writes_or_a_request_comes_Then_the_next_view_counts_it()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (person, patient) = await PersonAsync(factory, "Cora Counted");
        using var _p = person;
        await JoinAsync(factory, clinic, patient, "routine");
        var counts = factory.Services.GetRequiredService<InboxWaitingCounts>();

        await clinician.Open("/clinic");
        InboxLink(clinician).ShouldBe(Text["patients_contact_inbox"], "nothing waits yet");
        counts.Holds(clinic).ShouldBeTrue("the count is kept between views");

        (await SendMessage(person, clinic, "Is swimming all right?")).StatusCode.ShouldBe(HttpStatusCode.Created);
        counts.Holds(clinic).ShouldBeFalse("a saved message makes the clinic's count forgotten");
        await clinician.Open("/clinic");
        InboxLink(clinician).ShouldContain(Text.Format("inbox_waiting", 1));

        await RequestAsync(clinic, "Nell New", "nell@example.org", "Do you do evening visits?");
        await clinician.Open("/clinic");
        InboxLink(clinician).ShouldContain(Text.Format("inbox_waiting", 2));
    }

    private static string InboxLink(Browser browser) =>
        browser.Document.QuerySelector("main a[href='/clinic/inbox']")!.ParentElement!.TextContent;

    [PostgresFact]
    public async Task Given_PostgreSQL_When_the_inbox_lists_a_waiting_and_an_answered_thread_Then_the_waiting_one_comes_first()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var host = BackCareFactory.With(database.HostSettings());
        var clinic = await AddClinicAsync(host);
        var (clinician, _) = await SignedInClinicianAsync(host, clinic);
        using var _c = clinician;
        var (answered, answeredId) = await PersonAsync(host, "Ann Answered");
        using var _a = answered;
        await JoinAsync(host, clinic, answeredId, "routine");
        (await SendMessage(answered, clinic, "First question.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await clinician.Open("/clinic/inbox");
        await clinician.Submit(new() { ["body"] = "Here is the answer." }, "form[action*=Reply]");
        var (waiting, waitingId) = await PersonAsync(host, "Wes Waiting");
        using var _w = waiting;
        await JoinAsync(host, clinic, waitingId, "routine");
        (await SendMessage(waiting, clinic, "Second question.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await InDbAsync(host, db => db.Messages.Where(m => m.OwnerId == waitingId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.CreatedUtc, DateTime.UtcNow.AddDays(-3))));

        await clinician.Open("/clinic/inbox");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Names(clinician).ShouldBe(["Wes Waiting", "Ann Answered"], "an older waiting thread comes before a newer answered one");
    }

    private static List<string> Names(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("li.inbox-item h2").Select(h => h.TextContent[(h.TextContent.IndexOf(": ", StringComparison.Ordinal) + 2)..])];

    [Fact]
    public async Task Given_a_request_whose_email_matches_a_patient_in_another_case_When_listed_Then_it_is_tied_to_them_but_not_to_another_clinics_patient()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (mine, mineEmail) = await PatientAsync(clinic, "Mona Mine");
        var (theirs, theirsEmail) = await PatientAsync(other, "Theo Theirs");
        var tied = await RequestAsync(clinic, "Mona", mineEmail.ToUpperInvariant(), "Can I move my visit?");
        var untied = await RequestAsync(clinic, "Theo", theirsEmail, "Do you take new patients?");

        await clinician.Open($"/clinic/inbox/requests/{tied}");
        clinician.Document.QuerySelector($"main a[href='/clinic/patients/{mine}']").ShouldNotBeNull().TextContent.ShouldBe("Mona Mine");
        clinician.Text.ShouldContain(Text["inbox_tied_email"]);
        clinician.Text.ShouldContain(Text.Format("request_answer_thread_hint", "Mona Mine"));
        await clinician.Open($"/clinic/inbox/requests/{untied}");
        clinician.Text.ShouldContain(Text["inbox_not_tied"]);
        clinician.Text.ShouldNotContain("Theo Theirs");
        clinician.Document.QuerySelector($"a[href='/clinic/patients/{theirs}']").ShouldBeNull();
        var audited = await InDbAsync(factory, db => db.AuditEvents.Where(e => e.ResourceId == tied.ToString()).ToListAsync());
        audited.ShouldContain(e => e.SubjectId == mine && e.Action == AuditAction.Read && e.ResourceType == nameof(ContactRequest));
    }

    [Fact]
    public async Task Given_an_unmatched_request_When_the_clinician_finds_a_patient_and_links_then_unlinks_it_Then_the_tie_follows_and_each_change_is_audited()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (patient, _) = await PatientAsync(clinic, "Lina Linkable");
        var request = await RequestAsync(clinic, "Lina from her husband's phone", "husband@example.org", "Lina cannot come tomorrow.");

        await clinician.Open($"/clinic/inbox/requests/{request}?q=linkable");
        clinician.Text.ShouldContain("Lina Linkable");
        await clinician.Submit([], "form[action*=Link]");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Text.ShouldContain(Text["inbox_linked"]);
        clinician.Text.ShouldContain(Text["inbox_tied_hand"]);
        var linked = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request));
        (linked.PatientLink, linked.PatientId).ShouldBe((PatientLink.ByHand, patient));

        await clinician.Submit([], "form[action*=Unlink]");

        clinician.Text.ShouldContain(Text["inbox_unlinked"]);
        clinician.Text.ShouldContain(Text["inbox_not_tied"]);
        var unlinked = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request));
        (unlinked.PatientLink, unlinked.PatientId).ShouldBe((PatientLink.Unlinked, (Guid?)null));
        var changes = await InDbAsync(factory, db => db.AuditEvents
            .Where(e => e.ResourceId == request.ToString() && e.Action == AuditAction.Update && e.ActorId == clinicianId).ToListAsync());
        changes.Count.ShouldBe(2);
        changes.ShouldAllBe(e => e.SubjectId == patient);
    }

    [Fact]
    public async Task Given_a_request_that_matches_a_patient_by_email_When_unlinked_Then_it_stays_untied()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (_, email) = await PatientAsync(clinic, "Sam Shared");
        var request = await RequestAsync(clinic, "Sam's neighbour", email, "Using Sam's address.");
        await clinician.Open($"/clinic/inbox/requests/{request}");

        await clinician.Submit([], "form[action*=Unlink]");

        clinician.Text.ShouldContain(Text["inbox_not_tied"]);
        clinician.Text.ShouldContain(Text.Format("request_answer_email_hint", email));
    }

    [Fact]
    public async Task Given_another_clinics_patient_or_someone_who_is_nobodys_patient_When_linked_by_hand_Then_404_and_the_request_stays_untied()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (theirs, _) = await PatientAsync(other, "Theo Theirs");
        var (nobody, nobodysId) = await PersonAsync(factory, "Nora Nobody");
        nobody.Dispose();
        var request = await RequestAsync(clinic, "Someone", "someone@example.org", "Hello.");
        await clinician.Open($"/clinic/inbox/requests/{request}");
        var token = Token(clinician);

        foreach (var patient in new[] { theirs, nobodysId, Guid.NewGuid() })
        {
            await clinician.Post($"/clinic/inbox/requests/{request}?handler=Link", new() { ["patient"] = patient.ToString(), ["__RequestVerificationToken"] = token });
            clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var stored = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request));
        (stored.PatientLink, stored.PatientId).ShouldBe((PatientLink.ByEmail, (Guid?)null));
        await clinician.Open($"/clinic/inbox/requests/{request}?q=Theo");
        clinician.Text.ShouldContain(Text["request_found_none"]);
    }

    [Fact]
    public async Task Given_a_request_of_another_clinic_When_a_clinician_opens_or_posts_to_it_Then_404_and_nothing_changes()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (mine, _) = await PatientAsync(clinic, "Mo Mine");
        var theirs = await RequestAsync(other, "Vic", "vic@example.org", "secret question");
        var own = await RequestAsync(clinic, "Own", "own@example.org", "Own question.");
        await clinician.Open($"/clinic/inbox/requests/{own}");
        var token = Token(clinician);

        await clinician.Open($"/clinic/inbox/requests/{theirs}");
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        clinician.Text.ShouldNotContain("secret");
        foreach (var handler in new[] { "Link", "Unlink", "Reply", "Handled" })
        {
            await clinician.Post(
                $"/clinic/inbox/requests/{theirs}?handler={handler}",
                new() { ["patient"] = mine.ToString(), ["body"] = "hello", ["__RequestVerificationToken"] = token });
            clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        var stored = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == theirs));
        stored.PatientLink.ShouldBe(PatientLink.ByEmail);
        stored.HandledUtc.ShouldBeNull();
        stored.AnsweredUtc.ShouldBeNull();
        (await InDbAsync(factory, db => db.ContactReplies.CountAsync(r => r.RequestId == theirs))).ShouldBe(0);
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.OwnerId == mine))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_request_from_a_patient_When_the_clinician_answers_it_Then_the_request_and_the_answer_are_in_their_thread_for_them_to_read()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (person, patient) = await PersonAsync(factory, "Tara Thread");
        using var _p = person;
        await JoinAsync(factory, clinic, patient, "routine");
        var email = await InDbAsync(factory, db => db.Accounts.Where(a => a.Id == patient).Select(a => a.Email).SingleAsync());
        var sent = DateTime.UtcNow.AddHours(-5);
        var request = await RequestAsync(clinic, "Tara", email, "Is it fine to swim?", sent);
        await clinician.Open("/clinic/inbox");
        await clinician.FollowLink(Text["inbox_open_request"]);

        await clinician.Submit(new() { ["body"] = "Yes, gentle swimming helps." }, "form[action*=Reply]");

        clinician.Address.ShouldBe("/clinic/inbox");
        clinician.Text.ShouldContain(Text.Format("inbox_reply_in_thread", "Tara Thread"));
        var thread = await InDbAsync(factory, db => db.Messages.Where(m => m.ClinicId == clinic && m.OwnerId == patient).OrderBy(m => m.CreatedUtc).ToListAsync());
        thread.Select(m => (m.FromClinic, m.Body)).ShouldBe([(false, "Is it fine to swim?"), (true, "Yes, gentle swimming helps.")]);
        thread[0].CreatedUtc.ShouldBe(sent, TimeSpan.FromMilliseconds(1));
        thread[0].ReadUtc.ShouldNotBeNull();
        thread[1].AuthorId.ShouldBe(clinicianId);
        var stored = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request));
        stored.AnsweredUtc.ShouldNotBeNull();
        stored.HandledUtc.ShouldNotBeNull();
        (await InDbAsync(factory, db => db.ContactReplies.SingleAsync(r => r.RequestId == request))).Route.ShouldBe(ContactReplyRoute.Thread);
        (await InDbAsync(factory, db => db.Notifications.SingleAsync(n => n.AccountId == patient && n.SubjectId == thread[1].Id))).Kind.ShouldBe(NotificationKind.ClinicReply);
        (await InDbAsync(factory, db => db.AuditEvents.CountAsync(e => e.ResourceId == thread[1].Id.ToString() && e.SubjectId == patient && e.Action == AuditAction.Create))).ShouldBe(1);
        (await InDbAsync(factory, db => db.AuditEvents.CountAsync(e => e.SubjectId == patient && e.ResourceType == nameof(ContactReply) && e.ActorId == clinicianId))).ShouldBe(1);

        using var read = await person.GetAsync($"/api/clinics/{clinic}/messages");
        var messages = (await JsonAsync(read)).EnumerateArray().Select(m => (m.GetProperty("from").GetString(), m.GetProperty("body").GetString())).ToList();
        messages.ShouldBe([("me", "Is it fine to swim?"), ("clinic", "Yes, gentle swimming helps.")]);

        // A second answer adds only itself to the thread.
        await clinician.Open($"/clinic/inbox/requests/{request}");
        clinician.Text.ShouldContain("Yes, gentle swimming helps.");
        await clinician.Submit(new() { ["body"] = "And walk every day." }, "form[action*=Reply]");
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.OwnerId == patient))).ShouldBe(3);
    }

    [Theory]
    [InlineData("", "contact_error_body")]
    [InlineData("   ", "contact_error_body")]
    [InlineData("long", "contact_error_too_long")]
    public async Task Given_an_empty_or_too_long_answer_When_sent_Then_the_site_shows_the_problem_keeps_the_words_and_nothing_is_sent(string body, string problem)
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var request = await RequestAsync(clinic, "Vera", "vera@example.org", "Question.");
        var text = body == "long" ? new string('a', Message.MaxBodyLength + 1) : body;
        await clinician.Open($"/clinic/inbox/requests/{request}");

        await clinician.Submit(new() { ["body"] = text }, "form[action*=Reply]");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Document.ShouldShowTheProblemTheSitesWay("reply", "reply");
        clinician.Text.ShouldContain(problem == "contact_error_body" ? Text[problem] : Text.Format(problem, Message.MaxBodyLength));
        if (body == "long")
        {
            clinician.Document.QuerySelector("textarea#reply")!.TextContent.ShouldBe(text);
        }

        (await InDbAsync(factory, db => db.ContactReplies.CountAsync(r => r.RequestId == request))).ShouldBe(0);
        (await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request))).AnsweredUtc.ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_request_with_only_a_phone_number_When_answered_Then_the_page_says_to_phone_and_nothing_is_sent()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var request = await RequestAsync(clinic, "Phil", null, "Call me.", phone: "+1 555 0199");
        await clinician.Open($"/clinic/inbox/requests/{request}");
        clinician.Text.ShouldContain(Text.Format("request_no_answer", "+1 555 0199"));
        clinician.Document.QuerySelector("form[action*=Reply]").ShouldBeNull();
        var token = Token(clinician);

        await clinician.Post($"/clinic/inbox/requests/{request}?handler=Reply", new() { ["body"] = "We called.", ["__RequestVerificationToken"] = token });

        clinician.Document.ShouldShowTheProblemTheSitesWay("reply", "reply");
        (await InDbAsync(factory, db => db.ContactReplies.CountAsync(r => r.RequestId == request))).ShouldBe(0);
        await clinician.Submit([], "form[action*=Handled]");
        (await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request))).HandledUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_a_patients_waiting_thread_When_the_clinician_replies_from_the_inbox_Then_it_is_in_the_thread_read_and_answered()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (person, patient) = await PersonAsync(factory, "Wes Waiting");
        using var _p = person;
        await JoinAsync(factory, clinic, patient, "routine");
        (await SendMessage(person, clinic, "Can I take ibuprofen?")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await clinician.Open("/clinic/inbox");

        await clinician.Submit(new() { ["body"] = "" }, "form[action*=Reply]");
        clinician.Document.ShouldShowTheProblemTheSitesWay($"reply-{patient:N}", $"reply-{patient:N}");
        clinician.Document.QuerySelector("details.inbox-reply")!.HasAttribute("open").ShouldBeTrue();
        await clinician.Submit(new() { ["body"] = "Yes, with food." }, "form[action*=Reply]");

        clinician.Text.ShouldContain(Text["inbox_reply_sent"]);
        var thread = await InDbAsync(factory, db => db.Messages.Where(m => m.OwnerId == patient).OrderBy(m => m.CreatedUtc).ToListAsync());
        thread.Select(m => m.Body).ShouldBe(["Can I take ibuprofen?", "Yes, with food."]);
        thread[0].ReadUtc.ShouldNotBeNull();
        var item = clinician.Document.QuerySelectorAll("li.inbox-item").Single();
        item.TextContent.ShouldContain(Text["inbox_state_answered"]);
    }

    [Fact]
    public async Task Given_a_thread_of_another_clinics_patient_When_replied_to_from_the_inbox_Then_404_and_nothing_is_stored()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var (theirs, _) = await PatientAsync(other, "Theo Theirs");
        await RequestAsync(clinic, "Own", "own@example.org", "Own question.");
        await clinician.Open("/clinic/inbox");
        var token = Token(clinician);

        await clinician.Post("/clinic/inbox?handler=Reply", new() { ["patient"] = theirs.ToString(), ["body"] = "hello", ["__RequestVerificationToken"] = token });

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.OwnerId == theirs))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_request_When_marked_handled_on_its_page_Then_it_is_handled_and_audited_about_the_request()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var request = await RequestAsync(clinic, "Vera", "vera@example.org", "Question.");
        await clinician.Open($"/clinic/inbox/requests/{request}");

        await clinician.Submit([], "form[action*=Handled]");

        clinician.Text.ShouldContain(Text["inbox_handled_done"]);
        (await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request))).HandledUtc.ShouldNotBeNull();
        (await InDbAsync(factory, db => db.AuditEvents.CountAsync(e =>
            e.SubjectId == request && e.Action == AuditAction.Update && e.ResourceType == nameof(ContactRequest) && e.ActorId == clinicianId))).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_patient_signed_in_When_they_open_the_inbox_or_a_request_Then_they_are_refused()
    {
        var clinic = await AddClinicAsync(factory);
        var request = await RequestAsync(clinic, "Vera", "vera@example.org", "secret question");
        using var patient = new Browser(factory);
        await patient.SignUp(Accounts.Accounts.NewEmail());

        foreach (var path in new[] { "/clinic/inbox", $"/clinic/inbox/requests/{request}" })
        {
            patient.Redirects.Clear();
            await patient.Open(path);
            patient.Redirects.ShouldContain(r => r.StartsWith("/account/denied", StringComparison.Ordinal), path);
            patient.Text.ShouldNotContain("secret");
        }
    }

    private async Task<Guid> RequestAsync(
        Guid clinic, string name, string? email, string body, DateTime? sentUtc = null, bool handled = false, string? phone = null) =>
        await InDbAsync(factory, async db =>
        {
            var request = new ContactRequest(clinic, name, email, phone, body, accountId: null);
            db.ContactRequests.Add(request);
            if (handled)
            {
                request.MarkHandled(DateTime.UtcNow);
            }

            db.Entry(request).Property(r => r.CreatedUtc).CurrentValue = sentUtc ?? DateTime.UtcNow;
            await db.SaveChangesAsync();
            return request.Id;
        });

    /// <summary>A patient of the clinic, with their email.</summary>
    private async Task<(Guid Id, string Email)> PatientAsync(Guid clinic, string name)
    {
        var (client, id) = await PersonAsync(factory, name);
        client.Dispose();
        await JoinAsync(factory, clinic, id, "routine");
        return (id, await InDbAsync(factory, db => db.Accounts.Where(a => a.Id == id).Select(a => a.Email).SingleAsync()));
    }

    private static string Token(Browser browser) =>
        browser.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
