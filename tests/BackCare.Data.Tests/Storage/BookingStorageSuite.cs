using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>Slot making and booking on every provider, including the races they must survive.</summary>
public abstract class BookingStorageSuite(StorageTarget target)
{
    [StorageFact]
    public async Task Given_fifty_people_booking_one_slot_at_once_When_they_race_Then_exactly_one_gets_it_and_the_rest_hear_it_is_taken()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var (clinic, _, slot) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddDays(1), SlotKind.Telemedicine);
        var people = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            people.Add((await Samples.RegisterAsync(services)).Id);
        }

        using var start = new SemaphoreSlim(0);
        var racers = people.Select(person => Task.Run(async () =>
        {
            await start.WaitAsync();
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(person, slot.Id, "Back spasm", assessmentId: null);
        })).ToList();
        start.Release(people.Count);
        var outcomes = await Task.WhenAll(racers);

        outcomes.Count(o => o.Succeeded).ShouldBe(1);
        outcomes.Count(o => o.Error == BookingError.SlotTaken).ShouldBe(49);
        await using var read = services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var booked = await db.Appointments.AsNoTracking().SingleAsync();
        booked.OwnerId.ShouldBe(outcomes.Single(o => o.Succeeded).Appointment!.OwnerId);
        booked.JoinUrl.ShouldNotBeNull().ShouldStartWith("https://meet.example.org/backcare/" + booked.Id);
        (await db.ClinicPatients.AsNoTracking().SingleAsync()).ShouldSatisfyAllConditions(
            row => row.PatientId.ShouldBe(booked.OwnerId),
            row => row.ClinicId.ShouldBe(clinic.Id));
    }

    [StorageFact]
    public async Task Given_a_person_one_below_the_cap_When_ten_of_their_bookings_race_for_ten_free_slots_Then_exactly_one_is_booked_and_the_rest_hear_the_cap()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock, more: s => s.ConfigureDbContext<BackCareDbContext>(
            options => options.AddInterceptors(new PauseAfterCount("appointments", TimeSpan.FromMilliseconds(100)))));
        await services.InitializeBackCareStorageAsync();
        var (clinic, clinician, first) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddDays(1), SlotKind.InPerson);
        var me = await Samples.RegisterAsync(services);
        (await BookAsync(services, me.Id, first.Id)).Succeeded.ShouldBeTrue();
        (await BookAsync(services, me.Id, (await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(2))).Id)).Succeeded.ShouldBeTrue();
        var slots = new List<Slot>();
        for (var i = 0; i < 10; i++)
        {
            slots.Add(await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3).AddHours(i)));
        }

        using var start = new SemaphoreSlim(0);
        var racers = slots.Select(slot => Task.Run(async () =>
        {
            await start.WaitAsync();
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(me.Id, slot.Id, "Back spasm", assessmentId: null);
        })).ToList();
        start.Release(slots.Count);
        var outcomes = await Task.WhenAll(racers);

        outcomes.Count(o => o.Succeeded).ShouldBe(1);
        outcomes.Count(o => o.Error == BookingError.TooManyOpen).ShouldBe(9);
        (await AppointmentsAsync(services, me.Id)).Count(a => a.Status == AppointmentStatus.Booked).ShouldBe(3);
    }

    [StorageFact]
    public async Task Given_a_person_at_the_cap_When_a_visit_starts_or_is_cancelled_or_moved_Then_starting_and_cancelling_free_a_place_and_moving_is_allowed()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var (clinic, clinician, soon) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddHours(2), SlotKind.InPerson);
        var later = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(2));
        var latest = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3));
        var spares = new List<Slot>();
        for (var i = 4; i < 8; i++)
        {
            spares.Add(await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(i)));
        }

        var me = await Samples.RegisterAsync(services);
        var visits = new List<Appointment>();
        foreach (var slot in new[] { soon, later, latest })
        {
            visits.Add((await BookAsync(services, me.Id, slot.Id)).Appointment.ShouldNotBeNull());
        }

        (await BookAsync(services, me.Id, spares[0].Id)).Error.ShouldBe(BookingError.TooManyOpen);
        (await WithBooking(services, b => b.RescheduleAsync(me.Id, visits[2].Id, spares[0].Id))).Succeeded.ShouldBeTrue("moving is never refused by the cap");
        (await WithScope(services, s => s.GetRequiredService<BookingService>().HasRoomAsync(me.Id))).ShouldBeFalse();

        clock.Advance(TimeSpan.FromHours(3));
        (await WithScope(services, s => s.GetRequiredService<BookingService>().HasRoomAsync(me.Id))).ShouldBeTrue("the first visit has started");
        (await BookAsync(services, me.Id, spares[1].Id)).Succeeded.ShouldBeTrue();
        (await BookAsync(services, me.Id, spares[2].Id)).Error.ShouldBe(BookingError.TooManyOpen);

        (await WithScope(services, s => s.GetRequiredService<BookingService>().CancelAsync(me.Id, visits[1].Id))).ShouldBeTrue();
        (await BookAsync(services, me.Id, spares[2].Id)).Succeeded.ShouldBeTrue("a cancelled visit frees its place");
    }

    [StorageFact]
    public async Task Given_a_booked_slot_When_the_booking_is_moved_to_a_taken_slot_Then_nothing_changes_and_to_a_free_one_then_the_first_slot_is_free_again()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var (clinic, clinician, first) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddDays(1), SlotKind.InPerson);
        var taken = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(2));
        var free = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3));
        var me = await Samples.RegisterAsync(services);
        var other = await Samples.RegisterAsync(services);
        var mine = (await BookAsync(services, me.Id, first.Id)).Appointment!;
        (await BookAsync(services, other.Id, taken.Id)).Succeeded.ShouldBeTrue();

        var refused = await WithBooking(services, b => b.RescheduleAsync(me.Id, mine.Id, taken.Id));

        refused.Error.ShouldBe(BookingError.SlotTaken);
        (await AppointmentsAsync(services, me.Id)).Select(a => (a.SlotId, a.Status)).ShouldBe([(first.Id, AppointmentStatus.Booked)]);

        var moved = await WithBooking(services, b => b.RescheduleAsync(me.Id, mine.Id, free.Id));

        moved.Appointment.ShouldNotBeNull().SlotId.ShouldBe(free.Id);
        moved.Appointment.Reason.ShouldBe(mine.Reason);
        (await AppointmentsAsync(services, me.Id)).Select(a => (a.SlotId, a.Status)).Order().ShouldBe(
            new[] { (first.Id, AppointmentStatus.Cancelled), (free.Id, AppointmentStatus.Booked) }.Order());
        (await AppointmentsAsync(services, me.Id)).Single(a => a.Id == mine.Id).MovedToId.ShouldBe(moved.Appointment.Id, "the old visit says where it went");
        (await AppointmentsAsync(services, me.Id)).Single(a => a.Id == moved.Appointment.Id).MovedToId.ShouldBeNull();
        (await BookAsync(services, other.Id, first.Id)).Succeeded.ShouldBeTrue("the old slot is free again");
        (await WithBooking(services, b => b.RescheduleAsync(other.Id, mine.Id, first.Id))).Error.ShouldBe(BookingError.AppointmentNotFound);
    }

    [StorageFact]
    public async Task Given_an_urgent_assessment_When_a_routine_patient_books_with_it_Then_they_are_raised_on_the_worklist_and_a_stranger_s_assessment_is_refused()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var (clinic, clinician, first) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddDays(1), SlotKind.InPerson);
        var second = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(2));
        var me = await Samples.RegisterAsync(services);
        var stranger = await Samples.RegisterAsync(services);
        var urgent = await SaveAssessmentAsync(services, me.Id, "urgent");
        var theirs = await SaveAssessmentAsync(services, stranger.Id, "emergency");

        (await WithBooking(services, b => b.BookAsync(me.Id, first.Id, "Sore back", theirs.Id))).Error.ShouldBe(BookingError.AssessmentNotFound);
        (await BookAsync(services, me.Id, first.Id)).Succeeded.ShouldBeTrue();
        (await WorklistRowAsync(services, clinic.Id, me.Id)).Priority.ShouldBe(ClinicPatient.PriorityOf("routine"));
        clock.Advance(TimeSpan.FromHours(1));

        var booked = await WithBooking(services, b => b.BookAsync(me.Id, second.Id, "Legs feel weak", urgent.Id));

        booked.Appointment.ShouldNotBeNull().Disposition.ShouldBe("urgent");
        booked.Appointment.AssessmentId.ShouldBe(urgent.Id);
        var row = await WorklistRowAsync(services, clinic.Id, me.Id);
        row.Priority.ShouldBe(ClinicPatient.PriorityOf("urgent"));
        row.WaitingSinceUtc.ShouldBe(clock.UtcNow);
    }

    [StorageFact]
    public async Task Given_a_booking_half_way_through_its_transaction_When_the_diary_reports_a_red_flag_for_the_same_patient_Then_neither_change_undoes_the_other()
    {
        var clock = new ManualClock();
        var hold = new HoldAtFirstCommand("clinic_patients");
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock, more: s => s.ConfigureDbContext<BackCareDbContext>(options => options.AddInterceptors(hold)));
        await services.InitializeBackCareStorageAsync();
        var (clinic, _, slot) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddDays(1), SlotKind.InPerson);
        var me = await Samples.RegisterAsync(services);
        await WithScope(services, s => WorklistUpdater.RaiseAsync(
            s.GetRequiredService<BackCareDbContext>(), WorklistNews.Assessed(me.Id, "self_care"), clock.UtcNow));
        await WithScope(services, s => WorklistUpdater.RaiseAsync(
            s.GetRequiredService<BackCareDbContext>(), WorklistNews.Booked(clinic.Id, me.Id, "self_care"), clock.UtcNow));
        clock.Advance(TimeSpan.FromMinutes(5));

        // The booking stops inside its transaction right after its first statement on the worklist row.
        hold.Arm();
        var booking = Task.Run(() => BookAsync(services, me.Id, slot.Id));
        await hold.Reached;
        var diary = Task.Run(() => services.GetRequiredService<DiaryWriter>().WriteAsync(
            new DiaryEntry(me.Id, Samples.Diary(), Samples.Reassessment()), AuditActor.System, ["bladder_dysfunction"]));
        await DiaryWaitsOrIsDoneAsync(database, diary);
        hold.Release();
        await Task.WhenAll(booking, diary);

        (await booking).Succeeded.ShouldBeTrue();
        var row = await WorklistRowAsync(services, clinic.Id, me.Id);
        row.RedFlags.ShouldBe("bladder_dysfunction", "the booking did not write over the diary's red flag");
        row.Priority.ShouldBe(ClinicPatient.NewRedFlagPriority);
        row.Disposition.ShouldBe("gp_soon", "the diary, which waited for the booking, wrote last");
        (await AppointmentsAsync(services, me.Id)).ShouldHaveSingleItem();
    }

    /// <summary>
    /// Until the diary's write has either finished or is waiting for a lock the booking holds. PostgreSQL says so in
    /// pg_locks; SQLite lets one writer at a time in, and the booking's transaction began with the write lock, so there
    /// the diary cannot have written anything yet. A wait for a state, never a timed assertion.
    /// </summary>
    private static async Task DiaryWaitsOrIsDoneAsync(TestDatabase database, Task diary)
    {
        if (database.Target.Provider != StorageProvider.Postgres)
        {
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()",
            connection);
        for (var attempt = 0; attempt < 3000 && !diary.IsCompleted; attempt++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        diary.IsCompleted.ShouldBeTrue("the diary's write neither finished nor waited for the booking's lock");
    }

    [StorageFact]
    public async Task Given_a_slot_in_the_past_or_unknown_When_booked_Then_the_booking_is_refused_for_that_reason()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var (_, _, slot) = await AddClinicWithSlotAsync(services, clock.UtcNow.AddMinutes(-30), SlotKind.InPerson);
        var me = await Samples.RegisterAsync(services);

        (await BookAsync(services, me.Id, slot.Id)).Error.ShouldBe(BookingError.SlotInPast);
        (await BookAsync(services, me.Id, Guid.NewGuid())).Error.ShouldBe(BookingError.SlotNotFound);
        (await AppointmentsAsync(services, me.Id)).ShouldBeEmpty();
    }

    [StorageFact]
    public async Task Given_weekly_hours_When_several_servers_make_slots_at_once_and_again_later_Then_each_slot_exists_once()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var clinic = new Clinic("Harbour Back Clinic", "2 Quay Street", "+49 30 0000000", "Europe/Berlin");
        var clinician = new Clinician(clinic.Id, "Dr. Lena Brandt", Specialty.Orthopedic);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.AddRange(clinic, clinician);
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.Add(new WeeklyAvailability(clinician.Id, day, 9 * 60, 12 * 60, 30, SlotKind.InPerson));
            }

            db.Add(new TimeOff(clinician.Id, new DateOnly(2026, 3, 18), "Course"));
            await db.SaveChangesAsync();
        }

        var servers = Enumerable.Range(0, 4).Select(_ => database.BuildServices(clock)).ToList();
        var added = await Task.WhenAll(servers.Select(server => Task.Run(async () =>
        {
            await using var scope = server.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SlotGenerator>().GenerateAsync(14);
        })));
        var again = await WithScope(services, s => s.GetRequiredService<SlotGenerator>().GenerateAsync(14));

        // 14 March 2026 is a Saturday: two working weeks, less one day off, of six slots each.
        added.Sum().ShouldBe(9 * 6);
        again.ShouldBe(0);
        await using var read = services.CreateAsyncScope();
        var slots = await read.ServiceProvider.GetRequiredService<BackCareDbContext>().Slots.AsNoTracking().ToListAsync();
        slots.Count.ShouldBe(9 * 6);
        slots.ShouldAllBe(s => s.StartUtc > clock.UtcNow);
        slots.ShouldNotContain(s => s.StartUtc.Date == new DateTime(2026, 3, 18));
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    [StorageFact]
    public async Task Given_a_booked_and_a_cancelled_time_When_the_visits_get_longer_and_the_slots_are_made_again_Then_both_stay_the_other_free_times_are_recut_and_none_overlaps_them()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var clinic = new Clinic("Harbour Back Clinic", "2 Quay Street", "+49 30 0000000", "Europe/Berlin");
        var clinician = new Clinician(clinic.Id, "Dr. Lena Brandt", Specialty.Orthopedic);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.AddRange(clinic, clinician);
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.Add(new WeeklyAvailability(clinician.Id, day, 9 * 60, 12 * 60, 30, SlotKind.InPerson));
            }

            return await db.SaveChangesAsync();
        });
        (await WithScope(services, s => s.GetRequiredService<SlotGenerator>().GenerateAsync(14))).ShouldBe(10 * 6);
        var zone = clinic.TimeZone;
        var tenOClock = SlotPlanner.ToUtc(zone, new DateTime(2026, 3, 16, 10, 0, 0))!.Value;
        var elevenOClock = SlotPlanner.ToUtc(zone, new DateTime(2026, 3, 16, 11, 0, 0))!.Value;
        var slotIds = await WithScope(services, s => s.GetRequiredService<BackCareDbContext>().Slots.AsNoTracking()
            .Where(x => x.StartUtc == tenOClock || x.StartUtc == elevenOClock).OrderBy(x => x.StartUtc).Select(x => x.Id).ToListAsync());
        var booker = await Samples.RegisterAsync(services);
        var canceller = await Samples.RegisterAsync(services);
        (await BookAsync(services, booker.Id, slotIds[0])).Succeeded.ShouldBeTrue();
        var cancelled = await BookAsync(services, canceller.Id, slotIds[1]);
        (await WithScope(services, s => s.GetRequiredService<BookingService>().CancelAsync(canceller.Id, cancelled.Appointment!.Id))).ShouldBeTrue();

        var (removed, added) = await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            var tracked = await db.Clinics.SingleAsync(c => c.Id == clinic.Id);
            tracked.PlanBooking(45, 14, null);
            await db.WeeklyAvailability.Where(h => h.ClinicianId == clinician.Id).ExecuteUpdateAsync(set => set.SetProperty(h => h.SlotMinutes, 45));
            await db.SaveChangesAsync();
            return await s.GetRequiredService<SlotGenerator>().RegenerateAsync(tracked);
        });

        // Every 30-minute time nobody ever booked goes; 45-minute ones come, but on Monday 16th only 9:00 fits around the two kept.
        removed.ShouldBe((10 * 6) - 2);
        added.ShouldBe((9 * 4) + 1);
        var slots = await WithScope(services, s => s.GetRequiredService<BackCareDbContext>().Slots.AsNoTracking().ToListAsync());
        slots.Select(x => x.Id).ShouldContain(slotIds[0]);
        slots.Select(x => x.Id).ShouldContain(slotIds[1]);
        slots.Where(x => !slotIds.Contains(x.Id)).ShouldAllBe(x => x.EndUtc - x.StartUtc == TimeSpan.FromMinutes(45));
        foreach (var kept in slots.Where(x => slotIds.Contains(x.Id)))
        {
            slots.Where(x => x.Id != kept.Id).ShouldNotContain(x => x.StartUtc < kept.EndUtc && kept.StartUtc < x.EndUtc);
        }

        (await AppointmentsAsync(services, booker.Id)).Single().Status.ShouldBe(AppointmentStatus.Booked);
        (await WithScope(services, s => s.GetRequiredService<SlotGenerator>().RegenerateAsync(clinic))).ShouldBe((0, 0));
    }

    private static async Task<(Clinic Clinic, Clinician Clinician, Slot Slot)> AddClinicWithSlotAsync(IServiceProvider services, DateTime startUtc, SlotKind kind)
    {
        var clinic = new Clinic("Riverside Spine Clinic", "1 River Road, Springfield", "+1 555 0100", "America/New_York");
        var clinician = new Clinician(clinic.Id, "Dr. Ada Moss", Specialty.Spine);
        var slot = new Slot(clinic.Id, clinician.Id, startUtc, startUtc.AddMinutes(30), kind);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.AddRange(clinic, clinician, slot);
            return await db.SaveChangesAsync();
        });
        return (clinic, clinician, slot);
    }

    private static async Task<Slot> AddSlotAsync(IServiceProvider services, Clinic clinic, Clinician clinician, DateTime startUtc)
    {
        var slot = new Slot(clinic.Id, clinician.Id, startUtc, startUtc.AddMinutes(30), SlotKind.InPerson);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.Add(slot);
            return await db.SaveChangesAsync();
        });
        return slot;
    }

    private static async Task<SavedAssessment> SaveAssessmentAsync(IServiceProvider services, Guid ownerId, string disposition)
    {
        var saved = new SavedAssessment(ownerId, "{\"age\":40}", $"{{\"disposition\":\"{disposition}\"}}", disposition, 40);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.Add(saved);
            return await db.SaveChangesAsync();
        });
        return saved;
    }

    private static Task<BookingOutcome> BookAsync(IServiceProvider services, Guid ownerId, Guid slotId) =>
        WithBooking(services, b => b.BookAsync(ownerId, slotId, "Back spasm for three days", assessmentId: null));

    private static Task<BookingOutcome> WithBooking(IServiceProvider services, Func<BookingService, Task<BookingOutcome>> work) =>
        WithScope(services, s => work(s.GetRequiredService<BookingService>()));

    private static Task<List<Appointment>> AppointmentsAsync(IServiceProvider services, Guid ownerId) =>
        WithScope(services, s => s.GetRequiredService<BackCareDbContext>().Appointments.AsNoTracking().Where(a => a.OwnerId == ownerId).ToListAsync());

    private static Task<ClinicPatient> WorklistRowAsync(IServiceProvider services, Guid clinicId, Guid patientId) =>
        WithScope(services, s => s.GetRequiredService<BackCareDbContext>().ClinicPatients.AsNoTracking()
            .SingleAsync(p => p.ClinicId == clinicId && p.PatientId == patientId));

    private static async Task<T> WithScope<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteBookingStorageTests(SqliteTarget target) : BookingStorageSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresBookingStorageTests(PostgresTarget target) : BookingStorageSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
