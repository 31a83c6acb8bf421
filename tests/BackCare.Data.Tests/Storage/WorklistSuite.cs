using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>The clinic worklist on every provider: its order, its keyset pages, and the updates that keep it current.</summary>
public abstract class WorklistSuite(StorageTarget target)
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The account of the clinician who acknowledges (the acknowledgement names it; no account row is needed).</summary>
    private static readonly Guid Clinician = Guid.Parse("0b7e2c1a-5d3f-4a8e-9b6c-2f1d8e4a7c90");

    [StorageFact]
    public async Task Given_patients_of_every_disposition_and_wait_When_the_worklist_is_read_Then_red_flags_come_first_then_urgency_then_the_longest_wait()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var routineLong = await AddPatientAsync(services, clinic, "routine", Monday);
        var selfCare = await AddPatientAsync(services, clinic, "self_care", Monday.AddDays(-9));
        var urgentRecent = await AddPatientAsync(services, clinic, "urgent", Monday.AddHours(5));
        var emergency = await AddPatientAsync(services, clinic, "emergency", Monday.AddHours(6));
        var urgentLong = await AddPatientAsync(services, clinic, "urgent", Monday.AddHours(1));
        var flagged = await AddPatientAsync(services, clinic, "self_care", Monday.AddHours(2));
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(flagged, "emergency", ["bladder_dysfunction"]), Monday.AddHours(7)));

        var page = await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, after: null, Monday.AddHours(8)));

        page.Rows.Select(r => r.PatientId).ShouldBe([flagged, emergency, urgentLong, urgentRecent, routineLong, selfCare]);
        page.Rows.Select(r => r.Priority).ShouldBe([0, 1, 2, 2, 3, 4]);
        page.Rows[0].RedFlags.ShouldBe(["bladder_dysfunction"]);
        page.Rows[0].Disposition.ShouldBe("emergency");
        page.Rows[0].WaitingSinceUtc.ShouldBe(Monday.AddHours(7));
        page.Rows[0].Name.ShouldBe("Patient bladder");
        page.Next.ShouldBeNull();
    }

    [StorageFact]
    public async Task Given_more_patients_than_a_page_some_with_the_same_wait_When_paging_by_cursor_Then_every_patient_comes_once_in_order()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var expected = new List<(int Priority, DateTime Waiting, Guid Id)>();
        foreach (var (disposition, index) in Enumerable.Range(0, 23).Select(i => (i % 3 == 0 ? "urgent" : "routine", i)))
        {
            var waiting = Monday.AddMinutes(index % 4); // ties on the wait, broken by the patient id
            var id = await AddPatientAsync(services, clinic, disposition, waiting);
            expected.Add((ClinicPatient.PriorityOf(disposition), waiting, id));
        }

        await AddPatientAsync(services, other, "emergency", Monday);

        var seen = new List<WorklistRow>();
        WorklistCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, cursor, Monday, pageSize: 5));
            page.Rows.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Rows);
            cursor = page.Next is null ? null : WorklistCursor.Parse(page.Next.Encode());
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(5);
        seen.Select(r => r.PatientId).Distinct().Count().ShouldBe(23);
        seen.Select(r => (r.Priority, r.WaitingSinceUtc)).ShouldBe(
            expected.OrderBy(e => e.Priority).ThenBy(e => e.Waiting).Select(e => (e.Priority, e.Waiting)));
        seen.ShouldAllBe(r => r.Priority != 1, "the other clinic's emergency is not on this clinic's list");
    }

    [StorageFact]
    public async Task Given_a_patient_with_visits_and_messages_When_the_worklist_is_read_Then_it_shows_the_next_booked_visit_and_the_unread_count()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "routine", Monday);
        await InScopeAsync(services, async db =>
        {
            var clinician = new Clinician(clinic, "Dr. Lee", Specialty.Spine);
            var past = new Slot(clinic, clinician.Id, Monday.AddDays(-1), Monday.AddDays(-1).AddMinutes(30), SlotKind.InPerson);
            var cancelled = new Slot(clinic, clinician.Id, Monday.AddDays(1), Monday.AddDays(1).AddMinutes(30), SlotKind.InPerson);
            var next = new Slot(clinic, clinician.Id, Monday.AddDays(2), Monday.AddDays(2).AddMinutes(30), SlotKind.Telemedicine);
            var later = new Slot(clinic, clinician.Id, Monday.AddDays(5), Monday.AddDays(5).AddMinutes(30), SlotKind.InPerson);
            db.AddRange(clinician, past, cancelled, next, later);
            var cancelledVisit = new Appointment(patient, cancelled, "Back pain", null, "routine", joinUrl: null);
            cancelledVisit.Cancel(Monday);
            db.AddRange(
                new Appointment(patient, past, "Back pain", null, "routine", joinUrl: null), cancelledVisit,
                new Appointment(patient, later, "Back pain", null, "routine", joinUrl: null), new Appointment(patient, next, "Back pain", null, "routine", joinUrl: null));
            var read = new Message(clinic, patient, patient, fromClinic: false, "Read already");
            read.MarkRead(Monday);
            db.AddRange(
                read,
                new Message(clinic, patient, patient, fromClinic: false, "Is it OK to swim?"),
                new Message(clinic, patient, patient, fromClinic: false, "And to run?"),
                new Message(clinic, patient, Guid.NewGuid(), fromClinic: true, "Yes, gently."));
            await db.SaveChangesAsync();
            return 0;
        });

        var row = (await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, null, Monday))).Rows.Single();

        row.NextAppointmentUtc.ShouldBe(Monday.AddDays(2));
        row.UnreadMessages.ShouldBe(2);
    }

    [StorageFact]
    public async Task Given_an_urgent_patient_When_calmer_news_comes_then_the_clinic_acknowledges_them_Then_the_row_leaves_only_this_clinics_worklist()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var second = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "urgent", Monday);
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Booked(second, patient, "urgent"), Monday));

        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(patient, "self_care"), Monday.AddDays(1)));
        var both = await RowsAsync(services, patient);
        both.Count.ShouldBe(2, "the person is a patient of two clinics and both rows follow them");
        both.ShouldAllBe(r => r.Priority == 2 && r.WaitingSinceUtc == Monday && r.Disposition == "self_care" && r.LastActivityUtc == Monday.AddDays(1));

        var outcome = await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, Monday.AddDays(1), Clinician, Monday.AddDays(2)));

        outcome.ShouldBe(AcknowledgeOutcome.Acknowledged);
        var rows = await RowsAsync(services, patient);
        rows.Single(r => r.ClinicId == clinic).AcknowledgedUtc.ShouldBe(Monday.AddDays(2));
        rows.Single(r => r.ClinicId == clinic).Priority.ShouldBe(4, "the latest disposition is what is left once the clinic has acted");
        rows.Single(r => r.ClinicId == second).IsAcknowledged.ShouldBeFalse("another clinic's row is theirs to acknowledge");
        (await PageAsync(services, clinic, Monday.AddDays(2))).ShouldNotContain(patient);
        (await PageAsync(services, second, Monday.AddDays(2))).ShouldContain(patient);
    }

    [StorageFact]
    public async Task Given_a_clinician_acknowledging_a_red_flag_When_it_is_saved_Then_who_acknowledged_what_and_when_is_kept_and_audited()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "routine", Monday);
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(patient, "emergency", ["saddle_anesthesia"]), Monday.AddHours(1)));

        var outcome = await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, Monday.AddHours(1), Clinician, Monday.AddHours(3)));

        outcome.ShouldBe(AcknowledgeOutcome.Acknowledged);
        var acknowledgement = await InScopeAsync(services, db => db.WorklistAcknowledgements.AsNoTracking().SingleAsync());
        (acknowledgement.ClinicId, acknowledgement.OwnerId, acknowledgement.AcknowledgedBy, acknowledgement.CreatedUtc)
            .ShouldBe((clinic, patient, Clinician, Monday.AddHours(3)));
        (acknowledgement.Priority, acknowledgement.Disposition, acknowledgement.RedFlags, acknowledgement.WaitingSinceUtc)
            .ShouldBe((0, "emergency", "saddle_anesthesia", Monday.AddHours(1)));
        var audited = await InScopeAsync(services, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == patient && e.ResourceType == nameof(WorklistAcknowledgement)).ToListAsync());
        audited.ShouldHaveSingleItem().Action.ShouldBe(BackCare.Data.Auditing.AuditAction.Create);
        audited[0].ResourceId.ShouldBe(acknowledgement.Id.ToString());
    }

    [StorageFact]
    public async Task Given_an_acknowledged_patient_When_a_check_a_red_flag_a_booking_or_a_message_comes_Then_the_row_is_back_waiting_from_then()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "urgent", Monday);
        var news = new (WorklistNews News, int Priority)[]
        {
            (WorklistNews.Wrote(clinic, patient), 2),
            (WorklistNews.Assessed(patient, "urgent"), 2),
            (WorklistNews.DiaryEntry(patient, "routine", null), 3),
            (WorklistNews.Booked(clinic, patient, "urgent"), 2),
            (WorklistNews.DiaryEntry(patient, "self_care", ["bladder_dysfunction"]), 0),
        };
        var now = Monday;
        foreach (var (item, priority) in news)
        {
            var loaded = (await RowsAsync(services, patient)).Single().LastActivityUtc;
            now = now.AddHours(1);
            (await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, loaded, Clinician, now))).ShouldBe(AcknowledgeOutcome.Acknowledged);
            (await PageAsync(services, clinic, now)).ShouldBeEmpty();

            now = now.AddHours(1);
            await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, item, now));

            (await PageAsync(services, clinic, now)).ShouldBe([patient], item.ToString());
            var row = (await RowsAsync(services, patient)).Single();
            (row.Priority, row.WaitingSinceUtc, row.IsAcknowledged).ShouldBe((priority, now, false), item.ToString());
        }

        (await InScopeAsync(services, db => db.WorklistAcknowledgements.CountAsync(a => a.OwnerId == patient))).ShouldBe(news.Length);
    }

    [StorageFact]
    public async Task Given_a_clinician_looking_at_a_patient_When_a_red_flag_arrives_before_they_acknowledge_Then_the_red_flag_stays()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "routine", Monday);
        var loaded = (await RowsAsync(services, patient)).Single().LastActivityUtc;
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(patient, "emergency", ["saddle_anesthesia"]), Monday.AddHours(1)));

        var outcome = await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, loaded, Clinician, Monday.AddHours(2)));

        outcome.ShouldBe(AcknowledgeOutcome.SomethingNew);
        var row = (await RowsAsync(services, patient)).Single();
        (row.Priority, row.RedFlags, row.IsAcknowledged).ShouldBe((0, "saddle_anesthesia", false));
        (await InScopeAsync(services, db => db.WorklistAcknowledgements.CountAsync())).ShouldBe(0);

        (await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, row.LastActivityUtc, Clinician, Monday.AddHours(3))))
            .ShouldBe(AcknowledgeOutcome.Acknowledged);
        (await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, row.LastActivityUtc, Clinician, Monday.AddHours(4))))
            .ShouldBe(AcknowledgeOutcome.AlreadyAcknowledged);
        var after = (await RowsAsync(services, patient)).Single();
        after.Priority.ShouldBe(1, "after the red flag is acknowledged, the person is as urgent as the diary's emergency");
        after.RedFlags.ShouldBeNull();
    }

    [StorageFact]
    public async Task Given_a_patient_with_a_red_flag_When_a_second_one_comes_Then_both_are_kept_and_the_wait_runs_from_the_first()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "routine", Monday);
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(patient, "emergency", ["saddle_anesthesia"]), Monday.AddHours(1)));
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(patient, "emergency", ["bladder_dysfunction"]), Monday.AddHours(2)));
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Wrote(clinic, patient), Monday.AddHours(3)));

        var row = (await RowsAsync(services, patient)).Single();

        row.RedFlags.ShouldBe("saddle_anesthesia bladder_dysfunction");
        row.WaitingSinceUtc.ShouldBe(Monday.AddHours(1));
        row.LastActivityUtc.ShouldBe(Monday.AddHours(3));
    }

    [StorageFact]
    public async Task Given_a_person_of_no_clinic_and_one_clinic_When_they_assess_as_routine_Then_they_are_its_patient_off_its_worklist()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var person = (await Samples.RegisterAsync(services)).Id;

        var raised = await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(person, "routine"), Monday));

        raised.ShouldBe(1);
        var row = (await RowsAsync(services, person)).ShouldHaveSingleItem();
        (row.ClinicId, row.Disposition, row.Priority, row.AcknowledgedUtc).ShouldBe((clinic, "routine", 3, Monday));
        (await PageAsync(services, clinic, Monday.AddHours(1))).ShouldBeEmpty("a routine check does not ask the clinic to act");
        (await InScopeAsync(services, db => db.WorklistAcknowledgements.CountAsync())).ShouldBe(0, "nobody acknowledged anything");
    }

    [StorageFact]
    public async Task Given_one_clinic_When_a_person_signs_up_Then_they_are_its_patient_off_the_worklist_until_they_need_it_and_a_second_clinic_later_moves_nobody()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var person = (await Samples.RegisterAsync(services)).Id;

        (await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.SignedUp(clinic, person), Monday))).ShouldBe(1);
        var row = (await RowsAsync(services, person)).ShouldHaveSingleItem();
        (row.ClinicId, row.Disposition, row.Priority, row.AcknowledgedUtc).ShouldBe((clinic, null, 4, Monday));
        (await PageAsync(services, clinic, Monday)).ShouldBeEmpty();

        var second = await AddClinicAsync(services);
        var later = (await Samples.RegisterAsync(services)).Id;
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(person, "urgent"), Monday.AddHours(1)));
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(later, "urgent"), Monday.AddHours(1)));

        (await RowsAsync(services, person)).ShouldHaveSingleItem().ClinicId.ShouldBe(clinic, "a second clinic moves nobody");
        (await PageAsync(services, clinic, Monday.AddHours(2))).ShouldBe([person], "an urgent check needs the clinic");
        (await PageAsync(services, second, Monday.AddHours(2))).ShouldBeEmpty();
        (await RowsAsync(services, later)).ShouldBeEmpty("in a network a person chooses their clinic");
    }

    [StorageFact]
    public async Task Given_a_patient_off_the_worklist_When_a_home_care_check_a_calm_diary_entry_or_a_calm_choice_comes_Then_it_is_remembered_and_they_stay_off()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, "urgent", Monday);
        (await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, Monday, Clinician, Monday.AddHours(1)))).ShouldBe(AcknowledgeOutcome.Acknowledged);
        var now = Monday.AddHours(1);
        foreach (var news in new[] { WorklistNews.Assessed(patient, "routine"), WorklistNews.DiaryEntry(patient, "self_care", null), WorklistNews.Chose(clinic, patient, "self_care") })
        {
            now = now.AddHours(1);
            (await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, news, now))).ShouldBe(1);

            var row = (await RowsAsync(services, patient)).Single();
            (row.IsAcknowledged, row.LastActivityUtc, row.Disposition).ShouldBe((true, now, news.Disposition), news.ToString());
            (await PageAsync(services, clinic, now)).ShouldBeEmpty(news.ToString());
        }

        (await RowsAsync(services, patient)).Single().Priority.ShouldBe(4, "its priority is the latest news's, as an acknowledgement leaves it");
    }

    [StorageFact]
    public async Task Given_a_person_of_no_clinic_and_one_clinic_When_their_saved_check_is_urgent_or_an_emergency_Then_they_are_on_its_worklist()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var urgent = (await Samples.RegisterAsync(services)).Id;
        var emergency = (await Samples.RegisterAsync(services)).Id;

        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(urgent, "urgent"), Monday));
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(emergency, "emergency"), Monday.AddHours(1)));

        (await PageAsync(services, clinic, Monday.AddHours(2))).ShouldBe([emergency, urgent]);
        var row = (await RowsAsync(services, urgent)).Single();
        (row.ClinicId, row.Priority, row.Disposition, row.WaitingSinceUtc).ShouldBe((clinic, 2, "urgent", Monday));
    }

    [StorageFact]
    public async Task Given_a_person_of_no_clinic_in_a_network_of_clinics_When_their_check_is_urgent_Then_no_clinic_is_chosen_for_them()
    {
        await using var services = await NewDatabaseAsync();
        await AddClinicAsync(services);
        await AddClinicAsync(services);
        var person = (await Samples.RegisterAsync(services)).Id;

        var raised = await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(person, "emergency"), Monday));

        raised.ShouldBe(0);
        (await RowsAsync(services, person)).ShouldBeEmpty();
    }

    [StorageFact]
    public async Task Given_patients_of_two_clinics_When_the_lists_are_filtered_searched_and_paged_Then_the_database_matches_only_this_clinics_rows_with_the_latest_checks_age_and_sex()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var urgent = await AddPatientAsync(services, clinic, "urgent", Monday);
        var routine = await AddPatientAsync(services, clinic, "routine", Monday.AddHours(1));
        var theirs = await AddPatientAsync(services, other, "emergency", Monday);
        await InScopeAsync(services, async db =>
        {
            var clinician = new BackCare.Data.Clinics.Clinician(clinic, "Dr. Ada Moss", Specialty.Spine);
            var otherClinician = new BackCare.Data.Clinics.Clinician(other, "Dr. Hill", Specialty.Spine);
            var slot = new Slot(clinic, clinician.Id, Monday.AddHours(3), Monday.AddHours(4), SlotKind.InPerson);
            var theirSlot = new Slot(other, otherClinician.Id, Monday.AddHours(3), Monday.AddHours(4), SlotKind.InPerson);
            db.AddRange(clinician, otherClinician, slot, theirSlot);
            db.AddRange(new Appointment(urgent, slot, "Sharp pain", null, "urgent", joinUrl: null), new Appointment(theirs, theirSlot, "Pain", null, "emergency", joinUrl: null));
            db.AddRange(new Message(clinic, routine, routine, fromClinic: false, "A question"), new Message(other, theirs, theirs, fromClinic: false, "A question"));
            db.Add(new BackCare.Data.Assessments.SavedAssessment(routine, """{"age":30,"sex":"other"}""", "{}", "routine", 30));
            await db.SaveChangesAsync();
            db.Add(new BackCare.Data.Assessments.SavedAssessment(routine, """{"age":31,"sex":"female"}""", "{}", "routine", 31));
            return await db.SaveChangesAsync();
        });

        async Task<List<Guid>> Filtered(WorklistFilter filter) =>
            [.. (await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, after: null, Monday, filter))).Rows.Select(r => r.PatientId)];

        (await Filtered(new(UrgentOrAbove: true))).ShouldBe([urgent]);
        (await Filtered(new(UnreadMessages: true))).ShouldBe([routine]);
        (await Filtered(new(VisitBetween: (Monday, Monday.AddDays(1))))).ShouldBe([urgent]);
        (await Filtered(new(VisitBetween: (Monday.AddDays(1), Monday.AddDays(2))))).ShouldBeEmpty();
        (await Filtered(new(Search: "ROUTINE"))).ShouldBe([routine]);
        (await Filtered(new(Search: "patient"))).ShouldBe([urgent, routine]);
        (await Filtered(new(Search: "%"))).ShouldBeEmpty("a typed % matches itself");

        var first = await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, place: null, Monday, pageSize: 1));
        var second = await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, PatientListPlace.After(first.Rows[0].PatientId), Monday, pageSize: 1));
        (first.Rows.Single().PatientId, first.HasNext, second.Rows.Single().PatientId, second.HasNext).ShouldBe((routine, true, urgent, false));
        (first.Rows[0].Age, first.Rows[0].Sex, first.Rows[0].UnreadMessages).ShouldBe((31, "female", 1));
        (second.Rows[0].Age, second.Rows[0].Sex, second.Rows[0].VisitReason, second.Rows[0].NextAppointmentUtc).ShouldBe((null, null, "Sharp pain", Monday.AddHours(3)));
    }

    [StorageFact]
    public async Task Given_patients_with_phones_and_dates_of_birth_in_two_clinics_When_searching_by_digits_or_a_date_in_any_of_its_forms_Then_the_database_matches_only_this_clinics_patient()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var anna = await AddPatientAsync(services, clinic, "urgent", Monday);
        var ben = await AddPatientAsync(services, clinic, "routine", Monday.AddHours(1));
        var nobody = await AddPatientAsync(services, clinic, "self_care", Monday.AddHours(3));
        var theirs = await AddPatientAsync(services, other, "emergency", Monday);
        await SetContactDetailsAsync(services, anna, new DateOnly(1980, 3, 14), "+1 (555) 010-0123");
        await SetContactDetailsAsync(services, ben, new DateOnly(1980, 6, 5), "020 7946 0958");
        await SetContactDetailsAsync(services, theirs, new DateOnly(1980, 3, 14), "+1 555 010 0123");

        async Task<List<Guid>> Found(string search) =>
            [.. (await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, after: null, Monday, new WorklistFilter(Search: search)))).Rows.Select(r => r.PatientId)];

        (await Found("15550100123")).ShouldBe([anna]);
        (await Found("555 010 0123")).ShouldBe([anna], "spaces and punctuation do not count");
        (await Found("(555) 010-01")).ShouldBe([anna]);
        (await Found("7946-0958")).ShouldBe([ben]);
        (await Found("1980-03-14")).ShouldBe([anna]);
        (await Found("14/03/1980")).ShouldBe([anna]);
        (await Found("03/14/1980")).ShouldBe([anna]);
        (await Found("1980-06-05")).ShouldBe([ben]);
        (await Found("05/06/1980")).ShouldBeEmpty("5 June or 6 May: a date that could be read either way is not read as a date");
        (await Found("31/02/1980")).ShouldBeEmpty("no such date");
        (await Found("555 ab")).ShouldBeEmpty("not a phone number, and no name or email holds it");

        var rows = (await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, place: null, Monday))).Rows;
        rows.Single(r => r.PatientId == anna).ShouldSatisfyAllConditions(
            r => r.DateOfBirth.ShouldBe(new DateOnly(1980, 3, 14)),
            r => r.Phone.ShouldBe("+1 (555) 010-0123"));
        rows.Single(r => r.PatientId == nobody).ShouldSatisfyAllConditions(r => r.DateOfBirth.ShouldBeNull(), r => r.Phone.ShouldBeNull());
    }

    [StorageFact]
    public async Task Given_clinicians_of_two_clinics_When_a_patient_is_assigned_and_unassigned_Then_only_a_clinician_of_their_clinic_takes_them_the_lists_filter_by_it_and_each_assignment_is_kept_and_audited()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var assigned = await AddPatientAsync(services, clinic, "urgent", Monday);
        var left = await AddPatientAsync(services, clinic, "routine", Monday.AddHours(1));
        var theirs = await AddPatientAsync(services, other, "emergency", Monday);
        var adaAccount = await AddPatientAsync(services, other, "self_care", Monday.AddDays(-30)); // any account can sign in as a clinician here
        var (ada, hill) = await InScopeAsync(services, async db =>
        {
            var ada = new BackCare.Data.Clinics.Clinician(clinic, "Dr. Ada Moss", Specialty.Spine, adaAccount);
            var hill = new BackCare.Data.Clinics.Clinician(other, "Dr. Hill", Specialty.Spine);
            db.AddRange(ada, hill);
            await db.SaveChangesAsync();
            return (ada.Id, hill.Id);
        });
        var before = await RowsAsync(services, assigned);

        Task<AssignOutcome> Assign(Guid clinicId, Guid patient, Guid? clinician, string? note = null) =>
            InScopeAsync(services, db => WorklistUpdater.AssignAsync(db, clinicId, patient, clinician, Clinician, note, Monday.AddHours(2)));

        (await Assign(clinic, assigned, ada, "  Call her about the MRI.  ")).ShouldBe(AssignOutcome.Assigned);
        (await Assign(clinic, left, hill)).ShouldBe(AssignOutcome.NoSuchClinician, "Dr. Hill works at the other clinic");
        (await Assign(clinic, theirs, ada)).ShouldBe(AssignOutcome.NotFound, "not this clinic's patient");
        (await Assign(other, assigned, hill)).ShouldBe(AssignOutcome.NotFound, "not the other clinic's patient");
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Wrote(clinic, assigned), Monday.AddHours(3)));

        var row = (await RowsAsync(services, assigned)).Single();
        (row.AssignedClinicianId, row.Priority, row.WaitingSinceUtc).ShouldBe((ada, before[0].Priority, before[0].WaitingSinceUtc), "assigning moves nobody, and news keeps it");
        (await RowsAsync(services, left)).Single().AssignedClinicianId.ShouldBeNull();
        (await RowsAsync(services, theirs)).Single().AssignedClinicianId.ShouldBeNull();

        async Task<List<WorklistRow>> Listed(Guid clinicId, WorklistFilter filter) =>
            [.. (await InScopeAsync(services, db => Worklist.PageAsync(db, clinicId, after: null, Monday, filter))).Rows];

        (await Listed(clinic, new(AssignedToAccount: adaAccount))).Select(r => (r.PatientId, r.AssignedClinician)).ShouldBe([(assigned, "Dr. Ada Moss")]);
        (await Listed(clinic, new(Unassigned: true))).Select(r => r.PatientId).ShouldBe([left]);
        (await Listed(other, new(AssignedToAccount: adaAccount))).ShouldBeEmpty("Dr. Moss has no patient at the other clinic");
        (await Listed(clinic, WorklistFilter.Everyone)).Single(r => r.PatientId == left).AssignedClinician.ShouldBeNull();

        var kept = await InScopeAsync(services, db => db.WorklistAssignments.AsNoTracking().SingleAsync());
        (kept.ClinicId, kept.OwnerId, kept.ClinicianId, kept.AssignedBy, kept.Note).ShouldBe((clinic, assigned, (Guid?)ada, Clinician, "Call her about the MRI."));
        var audited = await InScopeAsync(services, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == assigned && e.ResourceType == nameof(WorklistAssignment)).ToListAsync());
        audited.ShouldHaveSingleItem().Action.ShouldBe(BackCare.Data.Auditing.AuditAction.Create);
        audited[0].ResourceId.ShouldBe(kept.Id.ToString());

        (await Assign(clinic, assigned, null)).ShouldBe(AssignOutcome.Unassigned);
        (await RowsAsync(services, assigned)).Single().AssignedClinicianId.ShouldBeNull();
        (await Listed(clinic, new(Unassigned: true))).Select(r => r.PatientId).ShouldBe([assigned, left]);
        (await InScopeAsync(services, db => db.WorklistAssignments.CountAsync(a => a.OwnerId == assigned && a.ClinicianId == null))).ShouldBe(1);
        (await InScopeAsync(services, db => db.AuditEvents.CountAsync(e => e.ResourceType == nameof(WorklistAssignment)))).ShouldBe(2, "each assignment, and only those made");
    }

    [StorageFact]
    public async Task Given_named_patients_in_two_clinics_When_searching_by_part_of_a_name_or_email_after_a_rename_and_an_erasure_Then_the_index_follows_the_accounts_and_only_this_clinics_patients_match()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var carla = await AddNamedPatientAsync(services, clinic, "Carla Quist", "carla.q@example.org");
        var bruno = await AddNamedPatientAsync(services, clinic, "Bruno Quist", "b.quist@example.org");
        await AddNamedPatientAsync(services, clinic, "Dana Roe", "dana@example.org");
        await AddNamedPatientAsync(services, other, "Anna Quist", "anna.quist@example.org");

        async Task<List<Guid>> Found(string search) =>
            [.. (await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, place: null, Monday, new WorklistFilter(Search: search)))).Rows.Select(r => r.PatientId)];

        (await Found("quist")).ShouldBe([bruno, carla], "by name, and never the other clinic's Anna Quist");
        (await Found("QUIS")).ShouldBe([bruno, carla], "in any case");
        (await Found("la qu")).ShouldBe([carla], "anywhere in the name, spaces included");
        (await Found("carla.q@")).ShouldBe([carla], "part of an email");
        (await Found("arl%")).ShouldBeEmpty("a typed % matches itself");

        await InScopeAsync(services, db => db.Accounts.Where(a => a.Id == carla).ExecuteUpdateAsync(u => u.SetProperty(a => a.DisplayName, "Aaron Quist")));
        (await Found("quist")).ShouldBe([carla, bruno], "a new name sorts by itself");
        (await Found("carla q")).ShouldBeEmpty("the old name is no longer found");
        (await Found("aaron")).ShouldBe([carla]);

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BackCare.Data.PersonalData.AccountErasure>().EraseAsync(bruno)).ShouldBeTrue();
        }

        (await Found("bruno")).ShouldBeEmpty();
        (await Found("b.quist")).ShouldBeEmpty();
        if (target.Provider == StorageProvider.Sqlite)
        {
            (await InScopeAsync(services, db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM account_search WHERE id = {bruno.ToString().ToUpperInvariant()}").SingleAsync()))
                .ShouldBe(0, "the erased account's row of the search index goes with it");
        }

        (await Found("quist")).ShouldBe([carla]);
    }

    [StorageFact]
    public async Task Given_five_patients_When_paging_all_patients_two_at_a_time_forwards_and_back_Then_each_page_starts_after_or_ends_before_its_place_and_a_place_of_another_clinic_shows_the_first()
    {
        await using var services = await NewDatabaseAsync();
        var clinic = await AddClinicAsync(services);
        var other = await AddClinicAsync(services);
        var ids = new List<Guid>();
        foreach (var name in new[] { "eve", "Ada", "cyd", "Bo", "Dee" })
        {
            ids.Add(await AddNamedPatientAsync(services, clinic, name, $"{Guid.NewGuid():N}@example.org"));
        }

        var theirs = await AddNamedPatientAsync(services, other, "Abe", $"{Guid.NewGuid():N}@example.org");
        var (eve, ada, cyd, bo, dee) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        var names = new Dictionary<Guid, string> { [eve] = "eve", [ada] = "Ada", [cyd] = "cyd", [bo] = "Bo", [dee] = "Dee" };

        // The page as "previous? names next?", e.g. "< cyd Dee >".
        async Task<string> Page(PatientListPlace? place)
        {
            var page = await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, place, Monday, pageSize: 2));
            return string.Join(" ", [.. page.HasPrevious ? ["<"] : Array.Empty<string>(), .. page.Rows.Select(r => names[r.PatientId]), .. page.HasNext ? [">"] : Array.Empty<string>()]);
        }

        (await Page(null)).ShouldBe("Ada Bo >", "by name, whatever its case");
        (await Page(PatientListPlace.After(bo))).ShouldBe("< cyd Dee >");
        (await Page(PatientListPlace.After(dee))).ShouldBe("< eve");
        (await Page(PatientListPlace.Before(eve))).ShouldBe("< cyd Dee >");
        (await Page(PatientListPlace.Before(cyd))).ShouldBe("Ada Bo >", "going back to the start shows the first page");
        (await Page(PatientListPlace.Before(bo))).ShouldBe("Ada Bo >", "fewer than a page before: the first page whole");
        (await Page(PatientListPlace.After(theirs))).ShouldBe("Ada Bo >", "another clinic's patient places nothing");
        (await InScopeAsync(services, db => db.ClinicPatients.Where(p => p.ClinicId == clinic).OrderBy(p => p.SortName).Select(p => p.SortName).ToListAsync()))
            .ShouldBe(["ada", "bo", "cyd", "dee", "eve"], "the kept sort name is the account's name in lower case");
    }

    private static async Task<Guid> AddNamedPatientAsync(IServiceProvider services, Guid clinicId, string name, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackCare.Data.Accounts.AccountService>();
        var account = (await accounts.RegisterAsync(email, Samples.Password, name)).Account!;
        await WorklistUpdater.RaiseAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), WorklistNews.Booked(clinicId, account.Id, "routine"), Monday);
        return account.Id;
    }

    private static Task<int> SetContactDetailsAsync(IServiceProvider services, Guid accountId, DateOnly dateOfBirth, string phone) =>
        InScopeAsync(services, async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
            account.SetContactDetails(dateOfBirth, phone, new DateOnly(2026, 11, 23));
            return await db.SaveChangesAsync();
        });

    private async Task<ServiceProvider> NewDatabaseAsync()
    {
        var database = await target.CreateDatabaseAsync();
        var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        return services;
    }

    private static async Task<List<Guid>> PageAsync(IServiceProvider services, Guid clinicId, DateTime nowUtc) =>
        [.. (await InScopeAsync(services, db => Worklist.PageAsync(db, clinicId, after: null, nowUtc))).Rows.Select(r => r.PatientId)];

    private static async Task<Guid> AddClinicAsync(IServiceProvider services) =>
        await InScopeAsync(services, async db =>
        {
            var clinic = new Clinic("Riverside Spine Clinic", "1 River Road", "+1 555 0100", "America/New_York");
            db.Clinics.Add(clinic);
            await db.SaveChangesAsync();
            return clinic.Id;
        });

    private static async Task<Guid> AddPatientAsync(IServiceProvider services, Guid clinicId, string disposition, DateTime since)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackCare.Data.Accounts.AccountService>();
        var name = disposition == "self_care" && since == Monday.AddHours(2) ? "Patient bladder" : $"Patient {disposition}";
        var account = (await accounts.RegisterAsync($"{Guid.NewGuid():N}@example.org", Samples.Password, name)).Account!;
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        await WorklistUpdater.RaiseAsync(db, WorklistNews.Booked(clinicId, account.Id, disposition), since);
        return account.Id;
    }

    private static Task<List<ClinicPatient>> RowsAsync(IServiceProvider services, Guid patientId) =>
        InScopeAsync(services, db => db.ClinicPatients.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync());

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }
}

public sealed class SqliteWorklistTests(SqliteTarget target) : WorklistSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresWorklistTests(PostgresTarget target) : WorklistSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
