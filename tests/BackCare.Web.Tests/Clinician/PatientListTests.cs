using System.Net;
using System.Text.RegularExpressions;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Navigation;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// The worklist and the list of all patients as a busy clinician uses them: their columns, filters (plain links), search
/// (a GET form), pages, and that nothing of another clinic ever shows on them.
/// </summary>
public sealed partial class PatientListTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly DateTime Long = DateTime.UtcNow.AddDays(-3);

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task Given_a_patient_with_a_saved_check_a_booking_and_a_message_When_the_clinician_opens_the_worklist_Then_their_row_shows_every_column_in_words()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Fran Columns", """{"id":"c","age":52,"sex":"female","findings":{"pain_score":7,"onset_days":1}}""");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "urgent", Long);
        var visit = new DateTime(2031, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        await VisitAsync(clinic, id, visit, "Sharp pain when lifting boxes");
        using (var sent = await SendMessage(person, clinic, "Is it safe to drive?"))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var email = await InDbAsync(factory, db => db.Accounts.Where(a => a.Id == id).Select(a => a.Email).SingleAsync());
        await ContactDetailsAsync(id, new DateOnly(1980, 3, 14), "+1 (555) 010-0123");

        await clinician.Open("/clinic");

        var table = clinician.Document.QuerySelector("main .table-region[role=region][tabindex='0'] table.worklist")!;
        table.ShouldNotBeNull("the table scrolls inside its own focusable region");
        table.QuerySelector("caption")!.TextContent.ShouldBe(PageText.English["worklist_caption"]);
        table.QuerySelectorAll("thead th[scope=col]").Length.ShouldBe(12);
        var row = Row(clinician, "Fran Columns");
        row[PageText.English["patients_col_age_sex"]].ShouldBe("52, Female");
        row[PageText.English["patients_col_born"]].ShouldBe("14 Mar 1980");
        row[PageText.English["patients_col_phone"]].ShouldBe("+1 (555) 010-0123");
        Assigned(clinician, "Fran Columns").ShouldBe(PageText.English["assigned_nobody"]);
        row[PageText.English["patients_col_email"]].ShouldBe(email);
        row[PageText.English["patients_col_latest"]].ShouldBe("Urgent: today");
        table.QuerySelector("tbody tr .badge")!.ClassList.ShouldContain("badge-urgent");
        row[PageText.English["patients_col_why"]].ShouldBe("Booked a visit: \"Sharp pain when lifting boxes\"");
        row[PageText.English["patients_col_waiting"]].ShouldStartWith("3 days, since ");
        row[PageText.English["patients_col_waiting"]].ShouldEndWith(", New York time");
        row[PageText.English["patients_col_next"]].ShouldBe("Tue 4 Mar 2031, 9:30 AM, New York time");
        row[PageText.English["patients_col_unread"]].ShouldBe("1");
    }

    [Fact]
    public async Task Given_a_patient_with_no_saved_check_When_listed_Then_age_and_sex_say_not_given_and_the_advice_none_yet()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var id = await AccountAsync("Nell Nothing");
        await InDbAsync(factory, db => WorklistUpdater.RaiseAsync(db, WorklistNews.WroteFirst(clinic, id, latestDisposition: null), Long));

        await clinician.Open("/clinic/patients");

        var row = Row(clinician, "Nell Nothing");
        row[PageText.English["patients_col_age_sex"]].ShouldBe(PageText.English["patients_not_given"]);
        row[PageText.English["patients_col_born"]].ShouldBe(PageText.English["patients_not_given"]);
        row[PageText.English["patients_col_phone"]].ShouldBe(PageText.English["patients_not_given"]);
        row[PageText.English["patients_col_latest"]].ShouldBe(PageText.English["patients_no_advice"]);
        row[PageText.English["patients_col_why"]].ShouldBe("No assessment yet");
        row[PageText.English["patients_col_next"]].ShouldBe(PageText.English["patients_none_booked"]);
    }

    [Theory]
    [InlineData("/clinic", "filter_urgent", new[] { "Eve Emergency", "Uri Urgent" })]
    [InlineData("/clinic", "filter_today", new[] { "Tod Today" })]
    [InlineData("/clinic", "filter_unread", new[] { "Una Unread" })]
    [InlineData("/clinic", "filter_everyone", new[] { "Eve Emergency", "Uri Urgent", "Tod Today", "Tim Tomorrow", "Bea Both", "Rae Replied", "Una Unread" })]
    [InlineData("/clinic/patients", "filter_urgent", new[] { "Eve Emergency", "Uri Urgent" })]
    [InlineData("/clinic/patients", "filter_today", new[] { "Tod Today" })]
    [InlineData("/clinic/patients", "filter_unread", new[] { "Una Unread" })]
    public async Task Given_patients_of_this_clinic_and_another_When_the_clinician_follows_a_filter_link_Then_only_this_clinics_patients_that_match_are_listed(
        string path, string filterKey, string[] expected)
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var today = TodayInNewYork();
        await PatientAsync(mine, "Eve Emergency", "emergency", Long.AddHours(1));
        await PatientAsync(mine, "Uri Urgent", "urgent", Long.AddHours(2));
        var tod = await PatientAsync(mine, "Tod Today", "routine", Long.AddHours(3));
        await VisitAsync(mine, tod, today);
        var tim = await PatientAsync(mine, "Tim Tomorrow", "routine", Long.AddHours(4));
        await VisitAsync(mine, tim, today.AddDays(1));
        var una = await PatientAsync(mine, "Una Unread", "self_care", Long.AddHours(7));
        await MessageAsync(mine, una, fromClinic: false);
        var rae = await PatientAsync(mine, "Rae Replied", "self_care", Long.AddHours(6));
        await MessageAsync(mine, rae, fromClinic: true);

        // A patient of both clinics whose visit today and unread message are the other clinic's.
        var bea = await PatientAsync(mine, "Bea Both", "routine", Long.AddHours(5));
        await JoinAsync(factory, theirs, bea, "routine", Long);
        await VisitAsync(theirs, bea, today);
        await MessageAsync(theirs, bea, fromClinic: false);

        // Another clinic's patient who matches every filter.
        var olga = await PatientAsync(theirs, "Olga Other", "emergency", Long);
        await VisitAsync(theirs, olga, today.AddSeconds(1)); // a slot of its own: a clinician has one slot at a time
        await MessageAsync(theirs, olga, fromClinic: false);

        await clinician.Open(path);
        await clinician.FollowLink(PageText.English[filterKey]);

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var names = Names(clinician);
        if (path == "/clinic")
        {
            names.ShouldBe(expected);
        }
        else
        {
            names.ShouldBe([.. expected.Order(StringComparer.OrdinalIgnoreCase)], "all patients are listed by name");
        }

        clinician.Document.QuerySelector(".filters a[aria-current=page]")!.TextContent.ShouldBe(PageText.English[filterKey]);
        clinician.Text.ShouldNotContain("Olga Other");
    }

    [Fact]
    public async Task Given_patients_of_this_clinic_and_another_When_searching_by_part_of_a_name_in_any_case_Then_only_this_clinics_matches_are_listed_on_both_lists()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        await PatientAsync(mine, "Greta Lindqvist", "routine", Long);
        await PatientAsync(mine, "Hugo Lind", "urgent", Long);
        await PatientAsync(mine, "Ann Nobody", "emergency", Long);
        await PatientAsync(theirs, "Lina Lindqvist", "emergency", Long);

        await clinician.Open("/clinic");
        var search = clinician.Document.QuerySelector("form[role=search]")!;
        (search.GetAttribute("method"), search.GetAttribute("action"), search.QuerySelector("input[type=search]")!.GetAttribute("name"))
            .ShouldBe(("get", "/clinic", "q"));

        await clinician.Open("/clinic?q=LINDQ");
        Names(clinician).ShouldBe(["Greta Lindqvist"]);
        clinician.Document.QuerySelector("caption")!.TextContent.ShouldContain("matching \"LINDQ\"");
        clinician.Document.QuerySelector("#patient-search")!.GetAttribute("value").ShouldBe("LINDQ");

        await clinician.Open("/clinic/patients?q=lind");
        Names(clinician).ShouldBe(["Greta Lindqvist", "Hugo Lind"]);
        clinician.Text.ShouldNotContain("Lina Lindqvist");

        await clinician.Open("/clinic?q=lind&show=urgent");
        Names(clinician).ShouldBe(["Hugo Lind"], "the search and the filter together");

        await clinician.Open("/clinic?q=%25");
        Names(clinician).ShouldBeEmpty("a typed % is a percent sign, not a wildcard");
        clinician.Text.ShouldContain(PageText.English["patients_none_match"]);
    }

    [Fact]
    public async Task Given_patients_of_this_clinic_and_another_When_searching_by_part_of_an_email_Then_only_this_clinics_match_is_listed()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var tag = Guid.NewGuid().ToString("N")[..10];
        await PatientAsync(mine, "Mail Match", "routine", Long, email: $"Mail.{tag}@Example.org");
        await PatientAsync(mine, "Mail Miss", "routine", Long);
        await PatientAsync(theirs, "Mail Other", "emergency", Long, email: $"other.{tag}@example.org");

        await clinician.Open($"/clinic?q={tag}@example");
        Names(clinician).ShouldBe(["Mail Match"]);

        await clinician.Open($"/clinic/patients?q=mail.{tag.ToUpperInvariant()}");
        Names(clinician).ShouldBe(["Mail Match"]);
        clinician.Text.ShouldNotContain("Mail Other");
    }

    [Fact]
    public async Task Given_55_patients_a_search_and_an_acknowledged_one_When_paging_all_patients_Then_50_then_5_by_name_with_next_and_previous_links_keeping_the_search()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var ids = await InDbAsync(factory, async db =>
        {
            var accounts = Enumerable.Range(0, 55).Select(i => new Account(Accounts.Accounts.NewEmail(), $"Paged {54 - i:00}", AccountRole.Patient)).ToList();
            accounts.ForEach(a => a.SetPasswordHash("not-a-real-hash"));
            db.Accounts.AddRange(accounts);
            await db.SaveChangesAsync();
            return accounts.Select(a => a.Id).ToList();
        });
        foreach (var id in ids)
        {
            await JoinAsync(factory, mine, id, "routine", Long);
        }

        await PatientAsync(mine, "Someone Else", "routine", Long);
        await PatientAsync(theirs, "Paged Other", "emergency", Long);
        var acknowledged = await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == mine && p.PatientId == ids[0]));
        var clinicianId = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == mine).Select(c => c.AccountId!.Value).FirstAsync());
        (await InDbAsync(factory, db => WorklistUpdater.AcknowledgeAsync(db, mine, ids[0], acknowledged.LastActivityUtc, clinicianId, DateTime.UtcNow)))
            .ShouldBe(AcknowledgeOutcome.Acknowledged);

        await clinician.Open("/clinic/patients?q=paged");
        var first = Names(clinician);
        clinician.Document.QuerySelectorAll(".pager a").Select(a => a.TextContent).ShouldBe([PageText.English["patients_page_next"]]);
        clinician.Text.ShouldContain(PageText.English.Format("patients_page_range_first", "Paged 00", "Paged 49"));
        await clinician.FollowLink(PageText.English["patients_page_next"]);
        var second = Names(clinician);
        clinician.Text.ShouldContain(PageText.English.Format("patients_page_range", "Paged 50", "Paged 54"), customMessage: "the page says where in the list it is");

        first.Count.ShouldBe(50);
        second.ShouldBe(["Paged 50", "Paged 51", "Paged 52", "Paged 53", "Paged 54"]);
        first.Concat(second).ShouldBe(Enumerable.Range(0, 55).Select(i => $"Paged {i:00}"));
        clinician.Document.QuerySelectorAll(".pager a").Select(a => a.TextContent)
            .ShouldBe([PageText.English["patients_page_first"], PageText.English["patients_page_previous"]]);
        Row(clinician, "Paged 54")[PageText.English["patients_col_waiting"]].ShouldStartWith("Not on the worklist: acknowledged ");

        await clinician.FollowLink(PageText.English["patients_page_previous"]);
        Names(clinician).ShouldBe(first);
        clinician.Text.ShouldNotContain("Paged Other");

        await clinician.Open("/clinic");
        Names(clinician).ShouldNotContain("Paged 54", "an acknowledged patient is on the list of all patients, not on the worklist");
    }

    [Fact]
    public async Task Given_another_clinics_patient_who_matches_everything_When_the_clinician_opens_every_list_filter_and_search_Then_they_never_appear_and_no_read_of_them_is_audited()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var today = TodayInNewYork();
        var own = await PatientAsync(mine, "Olaf Own", "emergency", Long);
        await VisitAsync(mine, own, today);
        await MessageAsync(mine, own, fromClinic: false);
        var olga = await PatientAsync(theirs, "Olga Other", "emergency", Long, email: $"olaf.{Guid.NewGuid():N}@example.org");
        await VisitAsync(theirs, olga, today);
        await MessageAsync(theirs, olga, fromClinic: false);
        var clinicianId = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == mine).Select(c => c.AccountId!.Value).FirstAsync());
        await ContactDetailsAsync(own, new DateOnly(1980, 3, 14), "+1 555 010 0123");
        await ContactDetailsAsync(olga, new DateOnly(1980, 3, 14), "+1 (555) 010-0123");
        await AssignAsync(mine, own, clinicianId);
        await InDbAsync(factory, async db => await WorklistUpdater.AssignAsync(
            db, theirs, olga, await db.Clinicians.Where(c => c.ClinicId == theirs).Select(c => c.Id).SingleAsync(), Guid.NewGuid(), null, DateTime.UtcNow));

        foreach (var list in new[] { "/clinic", "/clinic/patients" })
        {
            foreach (var query in new[]
            {
                "", "?show=urgent", "?show=today", "?show=unread", "?show=mine", "?q=ol", "?q=olaf", "?q=example.org", "?q=ol&show=today",
                "?q=5550100123", "?q=14/03/1980", "?q=1980-03-14&show=mine", $"?after={olga:N}", $"?before={olga:N}",
            })
            {
                await clinician.Open(list + query);

                clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK, list + query);
                Names(clinician).ShouldBe(["Olaf Own"], list + query);
                clinician.Text.ShouldNotContain("Olga", Case.Insensitive, list + query);
            }
        }

        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == clinicianId && e.Action == AuditAction.Read && e.ResourceType == "Worklist")
            .Select(e => e.SubjectId).ToListAsync());
        reads.Count.ShouldBe(28, "every line shown on every list is audited");
        reads.ShouldAllBe(subject => subject == own);
    }

    [Fact]
    public async Task Given_patients_with_phones_and_dates_of_birth_in_two_clinics_When_searching_by_a_phone_or_a_date_of_birth_Then_only_this_clinics_match_is_listed_on_both_lists()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var pia = await PatientAsync(mine, "Pia Phone", "routine", Long);
        var dan = await PatientAsync(mine, "Dan Date", "urgent", Long);
        await PatientAsync(mine, "Ned Neither", "emergency", Long);
        var other = await PatientAsync(theirs, "Oona Other", "emergency", Long);
        await ContactDetailsAsync(pia, new DateOnly(1975, 1, 2), "+1 (555) 010-0199");
        await ContactDetailsAsync(dan, new DateOnly(1980, 3, 14), "020 7946 0958");
        await ContactDetailsAsync(other, new DateOnly(1980, 3, 14), "555 010 0199");

        foreach (var list in new[] { "/clinic", "/clinic/patients" })
        {
            foreach (var (search, expected) in new[]
            {
                ("555 0100199", "Pia Phone"), ("(555) 010-0199", "Pia Phone"), ("79460958", "Dan Date"),
                ("1980-03-14", "Dan Date"), ("14/03/1980", "Dan Date"), ("03/14/1980", "Dan Date"), ("1975-01-02", "Pia Phone"),
            })
            {
                await clinician.Open($"{list}?q={Uri.EscapeDataString(search)}");

                Names(clinician).ShouldBe([expected], $"{list} {search}");
                clinician.Text.ShouldNotContain("Oona Other");
            }

            await clinician.Open($"{list}?q={Uri.EscapeDataString("02/01/1975")}");
            Names(clinician).ShouldBeEmpty("2 January or 1 February: a date that reads either way is not taken as one");
        }

        clinician.Document.QuerySelector("#patient-search")!.GetAttribute("aria-describedby").ShouldBe("patient-search-hint");
        clinician.Document.QuerySelector("label[for=patient-search]")!.TextContent.ShouldBe(PageText.English["patients_search_label"]);
    }

    [Fact]
    public async Task Given_patients_of_the_clinic_When_the_clinician_assigns_one_from_its_row_with_a_note_Then_the_lists_show_who_the_mine_and_unassigned_links_follow_and_it_is_audited()
    {
        var (mine, _, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var colleague = await InDbAsync(factory, async db =>
        {
            var bo = new BackCare.Data.Clinics.Clinician(mine, "Dr. Bo Reyes", Specialty.PhysicalTherapy);
            db.Clinicians.Add(bo);
            await db.SaveChangesAsync();
            return bo.Id;
        });
        var me = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == mine && c.AccountId != null).Select(c => c.Id).SingleAsync());
        var ava = await PatientAsync(mine, "Ava Assigned", "urgent", Long);
        await PatientAsync(mine, "Una Assigned", "routine", Long);
        var cal = await PatientAsync(mine, "Cal Colleague", "routine", Long.AddHours(1));

        await clinician.Open("/clinic?show=urgent");
        var form = clinician.Document.GetElementById("assign-form-" + ava.ToString("N"))!;
        form.QuerySelectorAll("select option").Select(o => o.TextContent).ShouldBe([PageText.English["assign_nobody"], "Dr. Ada Moss", "Dr. Bo Reyes"]);
        form.QuerySelector($"label[for=assign-{ava:N}]")!.TextContent.ShouldBe("Ava Assigned: " + PageText.English["assign_label"]);
        await clinician.Submit(new() { ["clinician"] = me.ToString(), ["note"] = "Red flags ruled out; call back Friday." }, "#assign-form-" + ava.ToString("N"));

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Address.ShouldBe("/clinic?show=urgent", "back to the same list");
        clinician.Document.QuerySelector(".notice[role=status]")!.TextContent.ShouldContain(PageText.English.Format("assign_done", "Dr. Ada Moss"));
        Assigned(clinician, "Ava Assigned").ShouldBe("Dr. Ada Moss");
        await clinician.Open("/clinic/patients");
        await clinician.Submit(new() { ["clinician"] = colleague.ToString(), ["note"] = "" }, "#assign-form-" + cal.ToString("N"));
        Assigned(clinician, "Cal Colleague").ShouldBe("Dr. Bo Reyes");

        await clinician.FollowLink(PageText.English["filter_mine"]);
        Names(clinician).ShouldBe(["Ava Assigned"]);
        clinician.Document.QuerySelector(".filters a[aria-current=page]")!.TextContent.ShouldBe(PageText.English["filter_mine"]);
        await clinician.Open("/clinic");
        await clinician.FollowLink(PageText.English["filter_unassigned"]);
        Names(clinician).ShouldBe(["Una Assigned"]);

        var kept = await InDbAsync(factory, db => db.WorklistAssignments.AsNoTracking().Where(a => a.OwnerId == ava).SingleAsync());
        (kept.ClinicId, kept.ClinicianId, kept.Note).ShouldBe((mine, (Guid?)me, "Red flags ruled out; call back Friday."));
        var audited = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == ava && e.ResourceType == nameof(WorklistAssignment)).ToListAsync());
        audited.ShouldHaveSingleItem().Action.ShouldBe(AuditAction.Create);
        audited[0].ActorId.ShouldBe(await InDbAsync(factory, db => db.Clinicians.Where(c => c.Id == me).Select(c => c.AccountId).SingleAsync()));

        await clinician.Open("/clinic");
        await clinician.Submit(new() { ["clinician"] = "", ["note"] = "" }, "#assign-form-" + ava.ToString("N"));
        clinician.Document.QuerySelector(".notice[role=status]")!.TextContent.ShouldContain(PageText.English["unassign_done"]);
        Assigned(clinician, "Ava Assigned").ShouldBe(PageText.English["assigned_nobody"]);
    }

    [Fact]
    public async Task Given_a_hand_over_note_too_long_When_assigning_from_a_row_Then_the_list_says_so_the_sites_way_keeps_the_note_and_assigns_nobody()
    {
        var (mine, _, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var id = await PatientAsync(mine, "Lou Long", "routine", Long);
        var me = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == mine && c.AccountId != null).Select(c => c.Id).SingleAsync());
        var note = new string('x', WorklistAssignment.MaxNoteLength + 1);

        await clinician.Open("/clinic/patients");
        await clinician.Submit(new() { ["clinician"] = me.ToString(), ["note"] = note }, "#assign-form-" + id.ToString("N"));

        var noteId = "note-" + id.ToString("N");
        clinician.Document.ShouldShowTheProblemTheSitesWay(noteId, noteId);
        clinician.Document.GetElementById(noteId)!.GetAttribute("value").ShouldBe(note);
        clinician.Document.QuerySelector($"#assign-form-{id:N}")!.ParentElement!.HasAttribute("open").ShouldBeTrue("the row's form stays open");
        (await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == id))).AssignedClinicianId.ShouldBeNull();
        (await InDbAsync(factory, db => db.WorklistAssignments.CountAsync(a => a.OwnerId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_another_clinics_patient_and_clinician_When_a_clinician_posts_an_assignment_from_a_list_Then_404_and_nothing_is_assigned()
    {
        var (mine, theirs, clinician) = await TwoClinicsAsync();
        using var _b = clinician;
        var own = await PatientAsync(mine, "Olaf Own", "routine", Long);
        var olga = await PatientAsync(theirs, "Olga Other", "routine", Long);
        var me = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == mine && c.AccountId != null).Select(c => c.Id).SingleAsync());
        var hill = await InDbAsync(factory, db => db.Clinicians.Where(c => c.ClinicId == theirs).Select(c => c.Id).SingleAsync());

        await clinician.Open("/clinic");
        var token = clinician.Document.QuerySelector($"#assign-form-{own:N} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var list in new[] { "/clinic", "/clinic/patients" })
        {
            foreach (var (patient, assignee) in new[] { (olga, me), (olga, hill), (own, hill), (olga, Guid.Empty) })
            {
                await clinician.Post($"{list}?handler=Assign", new()
                {
                    ["patient"] = patient.ToString(), ["clinician"] = assignee == Guid.Empty ? "" : assignee.ToString(), ["note"] = "", ["__RequestVerificationToken"] = token,
                });

                clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{list} {patient} {assignee}");
                clinician.Text.ShouldNotContain("Olga");
            }
        }

        (await InDbAsync(factory, db => db.ClinicPatients.CountAsync(p => p.AssignedClinicianId != null && (p.PatientId == own || p.PatientId == olga)))).ShouldBe(0);
        (await InDbAsync(factory, db => db.WorklistAssignments.CountAsync(a => a.OwnerId == own || a.OwnerId == olga))).ShouldBe(0);
    }

    private async Task<(Guid Mine, Guid Theirs, Browser Clinician)> TwoClinicsAsync()
    {
        var mine = await AddClinicAsync(factory);
        var theirs = await AddClinicAsync(factory, "Hillside Back Clinic");
        await InDbAsync(factory, db =>
        {
            db.Clinicians.Add(new BackCare.Data.Clinics.Clinician(theirs, "Dr. Hill", Specialty.Spine));
            return db.SaveChangesAsync();
        });
        var (clinician, _) = await SignedInClinicianAsync(factory, mine);
        return (mine, theirs, clinician);
    }

    /// <summary>A patient account made directly (faster than signing up), with one saved check, on the clinic's worklist.</summary>
    private async Task<Guid> PatientAsync(Guid clinic, string name, string disposition, DateTime joinedUtc, string? email = null)
    {
        var id = await AccountAsync(name, email);
        await InDbAsync(factory, db =>
        {
            db.SavedAssessments.Add(new SavedAssessment(id, """{"age":40,"sex":"male"}""", "{}", disposition, 40));
            return db.SaveChangesAsync();
        });
        await JoinAsync(factory, clinic, id, disposition, joinedUtc);
        return id;
    }

    private Task<int> ContactDetailsAsync(Guid patient, DateOnly dateOfBirth, string phone) => InDbAsync(factory, async db =>
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == patient);
        account.SetContactDetails(dateOfBirth, phone, DateOnly.FromDateTime(DateTime.UtcNow));
        return await db.SaveChangesAsync();
    });

    /// <summary>Assigns the patient to the clinic's clinician who signs in as <paramref name="clinicianAccount"/>.</summary>
    private Task<AssignOutcome> AssignAsync(Guid clinic, Guid patient, Guid clinicianAccount) => InDbAsync(factory, async db =>
        await WorklistUpdater.AssignAsync(
            db, clinic, patient, await db.Clinicians.Where(c => c.AccountId == clinicianAccount).Select(c => c.Id).SingleAsync(),
            clinicianAccount, null, DateTime.UtcNow));

    private Task<Guid> AccountAsync(string name, string? email = null) => InDbAsync(factory, async db =>
    {
        var account = new Account(email ?? Accounts.Accounts.NewEmail(), name, AccountRole.Patient);
        account.SetPasswordHash("not-a-real-hash");
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    });

    private Task<int> VisitAsync(Guid clinic, Guid patient, DateTime startUtc, string reason = "Back spasm") => InDbAsync(factory, async db =>
    {
        var clinician = await db.Clinicians.FirstAsync(c => c.ClinicId == clinic);
        var slot = new Slot(clinic, clinician.Id, startUtc, startUtc.AddMinutes(30), SlotKind.InPerson);
        db.AddRange(slot, new Appointment(patient, slot, reason, null, "routine", joinUrl: null));
        return await db.SaveChangesAsync();
    });

    private Task<int> MessageAsync(Guid clinic, Guid patient, bool fromClinic) => InDbAsync(factory, db =>
    {
        db.Messages.Add(new Message(clinic, patient, patient, fromClinic, "A question about my back."));
        return db.SaveChangesAsync();
    });

    /// <summary>A time earlier today in New York (the clinics' zone), whatever the hour the test runs.</summary>
    private static DateTime TodayInNewYork()
    {
        var now = DateTime.UtcNow;
        var localMidnight = TimeZoneInfo.ConvertTimeFromUtc(now, NewYork).Date;
        var dayStart = TimeZoneInfo.ConvertTimeToUtc(localMidnight, NewYork);
        return dayStart + ((now - dayStart) / 2);
    }

    /// <summary>Whom the person's row says they are assigned to.</summary>
    private static string Assigned(Browser browser, string name) =>
        browser.Document.QuerySelectorAll("table.worklist tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == name)
            .QuerySelector(".assigned")!.TextContent.Trim();

    private static List<string> Names(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("table.worklist tbody th[scope=row]").Select(th => th.TextContent.Trim())];

    /// <summary>The cells of the person's row, by their column's header.</summary>
    private static Dictionary<string, string> Row(Browser browser, string name)
    {
        var table = browser.Document.QuerySelector("table.worklist")!;
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim());
        var row = table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == name);
        return headers.Zip(row.Children.Select(cell => Spaces().Replace(cell.TextContent, " ").Trim()))
            .ToDictionary(pair => pair.First, pair => pair.Second);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
