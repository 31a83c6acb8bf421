using System.Net;
using System.Net.Http.Json;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Navigation;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

public sealed class ClinicianPagesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly DateTime Long = DateTime.UtcNow.AddDays(-3);

    [Fact]
    public async Task Given_patients_of_every_urgency_When_the_clinician_opens_the_worklist_Then_emergency_urgent_routine_self_care_in_that_order_longest_wait_first()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        foreach (var (name, disposition, hoursAgo) in new[]
        {
            ("Selma Selfcare", "self_care", 90), ("Rita Routine", "routine", 80), ("Uma Urgent-recent", "urgent", 2),
            ("Ulf Urgent-long", "urgent", 30), ("Emil Emergency", "emergency", 1),
        })
        {
            var (client, id) = await PersonAsync(factory, name);
            client.Dispose();
            await JoinAsync(factory, clinic, id, disposition, DateTime.UtcNow.AddHours(-hoursAgo));
        }

        await clinician.Open("/clinic");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Names(clinician).ShouldBe(["Emil Emergency", "Ulf Urgent-long", "Uma Urgent-recent", "Rita Routine", "Selma Selfcare"]);
        clinician.Document.QuerySelectorAll("table.worklist tbody tr")[1].TextContent.ShouldContain("Urgent: today");
    }

    [Fact]
    public async Task Given_a_routine_patient_When_their_diary_reports_bladder_trouble_Then_they_are_at_the_top_with_the_red_flag_named_in_plain_words()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (emergencyClient, emergency) = await PersonAsync(factory, "Earl Emergency");
        emergencyClient.Dispose();
        await JoinAsync(factory, clinic, emergency, "emergency", Long);
        var (person, id) = await PersonAsync(factory, "Dana Diary");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine", Long.AddDays(-1));

        using var written = await person.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        });
        written.StatusCode.ShouldBe(HttpStatusCode.Created);
        await clinician.Open("/clinic");

        Names(clinician).ShouldBe(["Dana Diary", "Earl Emergency"]);
        var top = clinician.Document.QuerySelector("table.worklist tbody tr")!;
        top.TextContent.ShouldContain("New red flag in the diary: New trouble with peeing");
        top.ClassName.ShouldBe("worklist-red-flag");
    }

    [Fact]
    public async Task Given_thirty_patients_When_paging_the_worklist_Then_the_first_page_has_25_and_the_next_page_the_other_5()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var ids = await InDbAsync(factory, async db =>
        {
            var accounts = Enumerable.Range(0, 30).Select(i => new BackCare.Data.Accounts.Account($"p{i}-{Guid.NewGuid():N}@example.org", $"Person {i:00}", BackCare.Data.Accounts.AccountRole.Patient)).ToList();
            accounts.ForEach(a => a.SetPasswordHash("not-a-real-hash"));
            db.Accounts.AddRange(accounts);
            await db.SaveChangesAsync();
            return accounts.Select(a => a.Id).ToList();
        });
        for (var i = 0; i < ids.Count; i++)
        {
            await JoinAsync(factory, clinic, ids[i], "routine", Long.AddMinutes(i));
        }

        await clinician.Open("/clinic");
        var first = Names(clinician);
        await clinician.FollowLink("Next page");
        var second = Names(clinician);

        first.Count.ShouldBe(25);
        second.ShouldBe(["Person 25", "Person 26", "Person 27", "Person 28", "Person 29"]);
        first.Concat(second).ShouldBe(Enumerable.Range(0, 30).Select(i => $"Person {i:00}"));
        clinician.Document.QuerySelectorAll("a").Any(a => a.TextContent == "Next page").ShouldBeFalse();
    }

    [Fact]
    public async Task Given_a_patient_of_another_clinic_When_a_clinician_opens_or_posts_to_their_timeline_Then_404_and_nothing_is_stored()
    {
        var mine = await AddClinicAsync(factory);
        var theirs = await AddClinicAsync(factory, "Hillside Back Clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, mine);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Olga Other");
        using var _p = person;
        await JoinAsync(factory, theirs, id, "urgent");
        using (var sent = await SendMessage(person, theirs, "secret question"))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Open("/clinic");
        var form = clinician.Document.QuerySelector("form") ;
        await clinician.Open($"/clinic/patients/{id}");
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        clinician.Text.ShouldNotContain("Olga");

        // The antiforgery token of one of the clinician's own pages, sent with posts to the other clinic's patient.
        await clinician.Open("/clinic/inbox");
        var token = clinician.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var (own, ownId) = await PersonAsync(factory, "Mia Mine");
        own.Dispose();
        await JoinAsync(factory, mine, ownId, "routine");
        await clinician.Open($"/clinic/patients/{ownId}");
        token = clinician.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Note", "Reply", "Acknowledge", "Assign" })
        {
            await clinician.Post($"/clinic/patients/{id}?handler={handler}", new() { ["body"] = "hello", ["activity"] = "0", ["note"] = "hello", ["__RequestVerificationToken"] = token });
            clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        // Their own patient, to the other clinic's clinician: not found either, and nobody is assigned.
        var hill = await InDbAsync(factory, async db =>
        {
            var clinician = new BackCare.Data.Clinics.Clinician(theirs, "Dr. Hill", Specialty.Spine);
            db.Clinicians.Add(clinician);
            await db.SaveChangesAsync();
            return clinician.Id;
        });
        await clinician.Post($"/clinic/patients/{ownId}?handler=Assign", new() { ["clinician"] = hill.ToString(), ["note"] = "", ["__RequestVerificationToken"] = token });
        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InDbAsync(factory, db => db.WorklistAssignments.CountAsync(a => a.OwnerId == id || a.OwnerId == ownId))).ShouldBe(0);
        (await InDbAsync(factory, db => db.ClinicPatients.CountAsync(p => (p.PatientId == id || p.PatientId == ownId) && p.AssignedClinicianId != null))).ShouldBe(0);

        (await InDbAsync(factory, db => db.ClinicalNotes.CountAsync(n => n.OwnerId == id))).ShouldBe(0);
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.OwnerId == id && m.FromClinic))).ShouldBe(0);
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.OwnerId == id && m.ReadUtc != null))).ShouldBe(0, "the other clinic's message stays unread");
    }

    [Fact]
    public async Task Given_a_patient_with_contact_details_When_the_clinician_assigns_them_to_a_colleague_with_a_note_on_their_page_Then_the_page_shows_who_by_whom_and_the_note()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Hana Handover");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "urgent");
        await InDbAsync(factory, async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == id);
            account.SetContactDetails(new DateOnly(1990, 12, 1), "+1 555 010 0142", DateOnly.FromDateTime(DateTime.UtcNow));
            db.Clinicians.Add(new BackCare.Data.Clinics.Clinician(clinic, "Dr. Bo Reyes", Specialty.PhysicalTherapy));
            return await db.SaveChangesAsync();
        });
        var colleague = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == clinic && c.DisplayName == "Dr. Bo Reyes").Select(c => c.Id).SingleAsync());

        await clinician.Open($"/clinic/patients/{id}");
        Summary(clinician, PageText.English["patient_born_label"]).ShouldBe("1 Dec 1990");
        Summary(clinician, PageText.English["patient_phone_label"]).ShouldBe("+1 555 010 0142");
        Summary(clinician, PageText.English["assigned_label"]).ShouldBe(PageText.English["assigned_nobody"]);
        clinician.Document.QuerySelector("label[for=assign-to]")!.TextContent.ShouldBe(PageText.English["assign_label"]);
        await clinician.Submit(new() { ["clinician"] = colleague.ToString(), ["note"] = "Needs an MRI request before Friday." }, "form[action*=Assign]");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Text.ShouldContain(PageText.English.Format("assign_done", "Dr. Bo Reyes"));
        Summary(clinician, PageText.English["assigned_label"]).ShouldStartWith("Dr. Bo Reyes, by Dr. Ada Moss, ");
        Summary(clinician, PageText.English["assigned_note_label"]).ShouldBe("Needs an MRI request before Friday.");
        clinician.Document.QuerySelector("#assign-to option[selected]")!.TextContent.ShouldBe("Dr. Bo Reyes");
        var audited = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.SubjectId == id && e.ResourceType == nameof(WorklistAssignment)));
        (audited.Action, audited.ActorId).ShouldBe((AuditAction.Create, accountId));

        await clinician.Submit(new() { ["clinician"] = "", ["note"] = new string('x', WorklistAssignment.MaxNoteLength + 1) }, "form[action*=Assign]");
        clinician.Document.QuerySelector(".error-summary a[href='#handover']")!.TextContent.ShouldBe(PageText.English.Format("assign_note_too_long", WorklistAssignment.MaxNoteLength));
        clinician.Document.GetElementById("handover")!.TextContent.Length.ShouldBe(WorklistAssignment.MaxNoteLength + 1, "the note typed is kept");
        (await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == id))).AssignedClinicianId.ShouldBe(colleague);
    }

    [Fact]
    public async Task Given_a_saved_check_When_the_clinician_opens_the_chart_Then_it_shows_the_findings_in_clinical_words_the_rule_ids_and_the_email()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Finn Findings", """{"age":52,"sex":"male","findings":{"fever":true,"pain_score":7,"onset_days":3,"course":"worsening","leg_weakness":false}}""");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "urgent");
        var (email, resultJson) = await InDbAsync(factory, async db => (
            (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id)).Email,
            (await db.SavedAssessments.AsNoTracking().SingleAsync(a => a.OwnerId == id)).ResultJson));
        using var result = System.Text.Json.JsonDocument.Parse(resultJson);
        var rules = result.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString()!).Distinct().ToList();
        rules.ShouldNotBeEmpty();

        await clinician.Open($"/clinic/patients/{id}");

        var check = clinician.Document.QuerySelector("dl.check-findings")!;
        Summary(check, PageText.English["chart_findings"]).ShouldBe(
            "Fever or chills; Worst pain in the last day (0 to 10): 7; Days since the pain started: 3; How it is going: Getting worse");
        check.QuerySelectorAll("code.rule-id").Select(c => c.TextContent).ShouldBe(rules);
        clinician.Document.QuerySelector("details summary")!.TextContent.ShouldBe(PageText.English["chart_told"]);
        Summary(clinician, PageText.English["patient_email_label"]).ShouldBe(email);
        clinician.Document.QuerySelectorAll("main form").ShouldAllBe(f => f.ClassList.Contains("no-print"), "the chart prints as a record, without its forms");
        clinician.Document.QuerySelectorAll("main form").Length.ShouldBe(4, "acknowledge, assign, reply and note");
    }

    [Fact]
    public async Task Given_a_patient_When_the_clinician_adds_a_note_Then_the_timeline_shows_it_with_its_author_and_it_is_stored_for_this_clinic()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Nina Note");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");

        await clinician.Open($"/clinic/patients/{id}");
        await clinician.Submit(new() { ["body"] = "Advised walking; review in one week." }, "form[action*=Note]");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Text.ShouldContain("Note added.");
        clinician.Text.ShouldContain("Advised walking; review in one week.");
        clinician.Text.ShouldContain("Dr. Ada Moss");
        var note = await InDbAsync(factory, db => db.ClinicalNotes.SingleAsync(n => n.OwnerId == id));
        (note.ClinicId, note.AuthorId).ShouldBe((clinic, accountId));
    }

    [Fact]
    public async Task Given_an_empty_note_When_adding_it_Then_the_page_says_what_is_wrong_and_stores_nothing()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Ed Empty");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");

        await clinician.Open($"/clinic/patients/{id}");
        await clinician.Submit(new() { ["body"] = "  " }, "form[action*=Note]");

        clinician.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("Write the note.");
        clinician.Document.ShouldShowTheProblemTheSitesWay("note", "note");
        (await InDbAsync(factory, db => db.ClinicalNotes.CountAsync(n => n.OwnerId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_patient_who_writes_to_the_clinic_When_the_clinician_reads_and_replies_Then_both_sides_see_the_thread_and_the_unread_counts_follow()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Mo Message");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine", Long);
        var before = await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == id));

        using (var sent = await SendMessage(person, clinic, "Can I swim this week?"))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var after = await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == id));
        (after.Priority, after.WaitingSinceUtc).ShouldBe((before.Priority, before.WaitingSinceUtc), "a message raises nothing clinically");
        after.LastActivityUtc.ShouldBeGreaterThan(before.LastActivityUtc);
        await clinician.Open("/clinic");
        Cells(clinician, "Mo Message")[^1].ShouldBe("1");

        await clinician.Open($"/clinic/patients/{id}");
        clinician.Text.ShouldContain("Can I swim this week?");
        await clinician.Submit(new() { ["body"] = "Yes, gentle swimming helps." }, "form[action*=Reply]");
        clinician.Text.ShouldContain("Message sent.");
        await clinician.Open("/clinic");
        Cells(clinician, "Mo Message")[^1].ShouldBe("0");

        using var thread = await person.GetAsync($"/api/clinics/{clinic}/messages");
        var messages = (await JsonAsync(thread)).EnumerateArray().ToList();
        messages.Select(m => (m.GetProperty("from").GetString(), m.GetProperty("body").GetString(), m.GetProperty("unread").GetBoolean()))
            .ShouldBe([("me", "Can I swim this week?", false), ("clinic", "Yes, gentle swimming helps.", true)]);
        using var again = await person.GetAsync($"/api/clinics/{clinic}/messages");
        (await JsonAsync(again)).EnumerateArray().ShouldAllBe(m => !m.GetProperty("unread").GetBoolean());
    }

    [Fact]
    public async Task Given_a_person_who_is_not_a_patient_of_a_clinic_When_using_its_thread_Then_404_on_the_api_and_the_page()
    {
        var clinic = await AddClinicAsync(factory);
        var (person, _) = await PersonAsync(factory, "Nick Nobody");
        using var _p = person;

        using var read = await person.GetAsync($"/api/clinics/{clinic}/messages");
        using var sent = await SendMessage(person, clinic, "hello?");
        using var page = await person.GetAsync($"/messages/{clinic}");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sent.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InDbAsync(factory, db => db.Messages.CountAsync(m => m.ClinicId == clinic))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_clinician_When_they_open_a_patients_timeline_Then_each_kind_of_record_read_is_audited_with_them_as_actor_and_the_patient_as_subject()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Alma Audit");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine");
        using (var written = await person.PostAsJsonAsync("/api/diary", new { painScore = 5, spasms = 1 }))
        {
            written.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Open("/clinic");
        await clinician.Open($"/clinic/patients/{id}");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Document.QuerySelector("svg.trend").ShouldNotBeNull();
        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == id && e.ActorId == accountId && e.Action == AuditAction.Read)
            .Select(e => e.ResourceType).ToListAsync());
        reads.ShouldBeSubsetOf(["Worklist", "SavedAssessment", "DiaryEntry", "RiskScreen", "Appointment", "ClinicalNote", "Message"]);
        foreach (var kind in new[] { "Worklist", "SavedAssessment", "DiaryEntry", "Appointment", "ClinicalNote", "Message" })
        {
            reads.ShouldContain(kind);
        }
    }

    [Fact]
    public async Task Given_an_urgent_patient_When_the_clinician_acknowledges_them_Then_the_row_leaves_the_worklist_and_who_did_it_is_recorded_and_audited()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Sam Seen");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "urgent", Long);
        await clinician.Open("/clinic");
        Names(clinician).ShouldContain("Sam Seen");

        await clinician.Open($"/clinic/patients/{id}");
        await clinician.Submit([], "form[action*=Acknowledge]");

        clinician.Text.ShouldContain(PageText.English["acknowledge_done"]);
        clinician.Text.ShouldContain("Dr. Ada Moss");
        clinician.Document.QuerySelector("form[action*=Acknowledge]").ShouldBeNull("an acknowledged row has nothing left to acknowledge");
        await clinician.Open("/clinic");
        Names(clinician).ShouldNotContain("Sam Seen");
        var acknowledgement = await InDbAsync(factory, db => db.WorklistAcknowledgements.AsNoTracking().SingleAsync(a => a.OwnerId == id));
        (acknowledgement.ClinicId, acknowledgement.AcknowledgedBy, acknowledgement.Disposition).ShouldBe((clinic, accountId, "urgent"));
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().CountAsync(e =>
            e.SubjectId == id && e.ActorId == accountId && e.Action == AuditAction.Create && e.ResourceType == nameof(WorklistAcknowledgement)))).ShouldBe(1);
    }

    [Fact]
    public async Task Given_an_acknowledged_patient_When_their_diary_reports_a_red_flag_Then_they_are_back_at_the_top_of_the_worklist()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Bea Back");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine", Long);
        var (otherClient, other) = await PersonAsync(factory, "Eve Emergency");
        otherClient.Dispose();
        await JoinAsync(factory, clinic, other, "emergency", Long);
        await clinician.Open($"/clinic/patients/{id}");
        await clinician.Submit([], "form[action*=Acknowledge]");
        await clinician.Open("/clinic");
        Names(clinician).ShouldBe(["Eve Emergency"]);

        using (var written = await person.PostAsJsonAsync("/api/diary", new
        {
            painScore = 6, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        }))
        {
            written.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Open("/clinic");
        Names(clinician).ShouldBe(["Bea Back", "Eve Emergency"]);
    }

    [Fact]
    public async Task Given_a_clinician_who_opened_a_patient_When_a_message_arrives_before_they_acknowledge_Then_nothing_is_acknowledged_and_the_page_says_why()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Max Meanwhile");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine", Long);
        await clinician.Open($"/clinic/patients/{id}");
        using (var sent = await SendMessage(person, clinic, "It is worse today."))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Submit([], "form[action*=Acknowledge]");

        clinician.Text.ShouldContain(PageText.English["acknowledge_something_new"]);
        (await InDbAsync(factory, db => db.WorklistAcknowledgements.CountAsync(a => a.OwnerId == id))).ShouldBe(0);
        await clinician.Open("/clinic");
        Names(clinician).ShouldContain("Max Meanwhile");
    }

    [Fact]
    public async Task Given_a_patient_account_When_opening_the_clinician_pages_Then_they_are_refused()
    {
        await AddClinicAsync(factory);
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.Accounts.NewEmail());

        await browser.Open("/clinic");

        browser.Redirects.ShouldContain(r => r.StartsWith("/account/denied", StringComparison.Ordinal));
        browser.Text.ShouldNotContain("Worklist:");
    }

    private static List<string> Names(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("table.worklist tbody th[scope=row]").Select(th => th.TextContent.Trim())];

    private static string[] Cells(Browser browser, string name) =>
        [.. browser.Document.QuerySelectorAll("table.worklist tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == name)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    /// <summary>What the patient page's summary says beside a label.</summary>
    private static string Summary(Accounts.Browser browser, string label) =>
        browser.Document.QuerySelectorAll("dl.summary .summary-row").Single(row => row.QuerySelector("dt")!.TextContent.Trim() == label)
            .QuerySelector("dd")!.TextContent.Trim();

    private static string Summary(AngleSharp.Dom.IElement list, string label) =>
        list.QuerySelectorAll(".summary-row").Single(row => row.QuerySelector("dt")!.TextContent.Trim() == label)
            .QuerySelector("dd")!.TextContent.Trim();
}
