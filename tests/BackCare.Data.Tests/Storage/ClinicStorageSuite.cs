using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>The clinic tables on every provider: what goes in comes out, and a slot holds one booking at most.</summary>
public abstract class ClinicStorageSuite(StorageTarget target)
{
    private static readonly DateTime Nine = new(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc);

    [StorageFact]
    public async Task Given_a_clinic_with_hours_time_off_and_a_slot_When_read_back_Then_every_value_and_the_UTC_times_survive()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var (clinic, clinician, slot) = await AddClinicWithSlotAsync(services, SlotKind.Telemedicine);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.WeeklyAvailability.Add(new WeeklyAvailability(clinician.Id, DayOfWeek.Monday, 9 * 60, 12 * 60, 30, SlotKind.InPerson));
            db.TimeOff.Add(new TimeOff(clinician.Id, new DateOnly(2026, 12, 24), "Holiday"));
            db.TimeOff.Add(new TimeOff(clinician.Id, new DateOnly(2026, 12, 1), "Team meeting", 13 * 60, 14 * 60));
            await db.SaveChangesAsync();
        }

        await using var read = services.CreateAsyncScope();
        var stored = read.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var storedClinic = await stored.Clinics.AsNoTracking().SingleAsync();
        storedClinic.Name.ShouldBe("Riverside Spine Clinic");
        storedClinic.TimeZone.Id.ShouldBe("America/New_York");
        storedClinic.CreatedUtc.ShouldNotBe(default);
        (await stored.Clinicians.AsNoTracking().SingleAsync()).Specialty.ShouldBe(Specialty.Spine);
        var hours = await stored.WeeklyAvailability.AsNoTracking().SingleAsync();
        (hours.Day, hours.StartMinute, hours.EndMinute, hours.SlotMinutes, hours.Kind).ShouldBe((DayOfWeek.Monday, 540, 720, 30, SlotKind.InPerson));
        var off = await stored.TimeOff.AsNoTracking().OrderBy(t => t.Date).ToListAsync();
        off.Select(t => (t.Date, t.StartMinute, t.IsWholeDay)).ShouldBe([(new DateOnly(2026, 12, 1), 780, false), (new DateOnly(2026, 12, 24), null, true)]);
        var storedSlot = await stored.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id);
        storedSlot.StartUtc.ShouldBe(Nine);
        storedSlot.StartUtc.Kind.ShouldBe(DateTimeKind.Utc);
        storedSlot.Kind.ShouldBe(SlotKind.Telemedicine);
        (await stored.Slots.AsNoTracking().Where(s => s.ClinicId == clinic.Id && s.StartUtc >= Nine).CountAsync()).ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_a_booked_slot_When_a_second_booking_of_it_is_saved_Then_the_database_refuses_it_and_after_a_cancellation_accepts_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var (_, _, slot) = await AddClinicWithSlotAsync(services, SlotKind.InPerson);
        var first = await Samples.RegisterAsync(services);
        var second = await Samples.RegisterAsync(services);
        var booked = await BookAsync(services, first.Id, slot);

        await Should.ThrowAsync<DbUpdateException>(() => BookAsync(services, second.Id, slot));

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var appointment = await db.Appointments.SingleAsync(a => a.Id == booked.Id);
            appointment.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var rebooked = await BookAsync(services, second.Id, slot);
        await using var read = services.CreateAsyncScope();
        var all = await read.ServiceProvider.GetRequiredService<BackCareDbContext>().Appointments.AsNoTracking().ToListAsync();
        all.Count.ShouldBe(2);
        all.Single(a => a.Status == AppointmentStatus.Booked).Id.ShouldBe(rebooked.Id);
        all.Single(a => a.Status == AppointmentStatus.Cancelled).CancelledUtc.ShouldNotBeNull();
        rebooked.JoinUrl.ShouldBeNull("an in-person visit has no video link");
    }

    [StorageFact]
    public async Task Given_a_patient_on_a_worklist_When_their_account_is_deleted_Then_their_row_and_appointments_go_with_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var (clinic, _, slot) = await AddClinicWithSlotAsync(services, SlotKind.InPerson);
        var patient = await Samples.RegisterAsync(services);
        await BookAsync(services, patient.Id, slot);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.ClinicPatients.Add(new ClinicPatient(clinic.Id, patient.Id, ClinicPatient.PriorityOf("urgent"), Nine));
            db.Messages.Add(new Message(clinic.Id, patient.Id, patient.Id, fromClinic: false, "Can I come earlier?"));
            await db.SaveChangesAsync();
            await db.Accounts.Where(a => a.Id == patient.Id).ExecuteDeleteAsync();
        }

        await using var read = services.CreateAsyncScope();
        var stored = read.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await stored.ClinicPatients.CountAsync()).ShouldBe(0);
        (await stored.Appointments.CountAsync()).ShouldBe(0);
        (await stored.Messages.CountAsync()).ShouldBe(0);
        (await stored.Slots.CountAsync()).ShouldBe(1, "the slot belongs to the clinic, not the person");
    }

    private static async Task<(Clinic Clinic, Clinician Clinician, Slot Slot)> AddClinicWithSlotAsync(IServiceProvider services, SlotKind kind)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var clinic = new Clinic("Riverside Spine Clinic", "1 River Road, Springfield", "+1 555 0100", "America/New_York");
        var clinician = new Clinician(clinic.Id, "Dr. Ada Moss", Specialty.Spine);
        var slot = new Slot(clinic.Id, clinician.Id, Nine, Nine.AddMinutes(30), kind);
        db.AddRange(clinic, clinician, slot);
        await db.SaveChangesAsync();
        return (clinic, clinician, slot);
    }

    private static async Task<Appointment> BookAsync(IServiceProvider services, Guid ownerId, Slot slot)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var appointment = new Appointment(ownerId, slot, "Back spasm, urgent result", assessmentId: null, "urgent", "https://video.example.org/x");
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment;
    }
}

public sealed class SqliteClinicStorageTests(SqliteTarget target) : ClinicStorageSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresClinicStorageTests(PostgresTarget target) : ClinicStorageSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
