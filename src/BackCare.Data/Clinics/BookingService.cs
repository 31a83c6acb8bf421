using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCare.Data.Clinics;

public enum BookingError
{
    SlotNotFound,
    SlotInPast,
    SlotTaken,
    AssessmentNotFound,
    AppointmentNotFound,
    AppointmentCancelled,
}

/// <summary>A booking made, or why not.</summary>
public sealed record BookingOutcome(Appointment? Appointment, BookingError? Error)
{
    public bool Succeeded => Appointment is not null;

    internal static BookingOutcome Failed(BookingError error) => new(null, error);
}

/// <summary>
/// Books, cancels and reschedules. A slot is never booked twice: nothing here checks whether it is free, the
/// insert is the check, and the partial unique index <c>ux_appointments_booked_slot</c> refuses a second booked
/// row however many requests race. Each booking raises the person on the clinic's worklist in the same transaction.
/// </summary>
public sealed class BookingService(BackCareDbContext db, TimeProvider clock, IOptions<BookingOptions> options)
{
    /// <summary>The disposition a booking without an assessment is put on the worklist with: it asked for a visit.</summary>
    public const string UnassessedDisposition = "routine";

    private const int MaxAttempts = 3;

    public async Task<BookingOutcome> BookAsync(
        Guid ownerId, Guid slotId, string reason, Guid? assessmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return await InTransactionAsync(async () =>
        {
            var disposition = UnassessedDisposition;
            if (assessmentId is { } id)
            {
                var own = await db.SavedAssessments.AsNoTracking()
                    .Where(a => a.Id == id && a.OwnerId == ownerId).Select(a => a.Disposition).FirstOrDefaultAsync(cancellationToken);
                if (own is null)
                {
                    return BookingOutcome.Failed(BookingError.AssessmentNotFound);
                }

                disposition = own;
            }

            return await AddBookingAsync(ownerId, slotId, reason, assessmentId, disposition, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Cancels one of the person's appointments; false when they have no such appointment.</summary>
    public async Task<bool> CancelAsync(Guid ownerId, Guid appointmentId, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId && a.OwnerId == ownerId, cancellationToken);
        if (appointment is null)
        {
            return false;
        }

        if (appointment.Status == AppointmentStatus.Booked)
        {
            appointment.Cancel(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Cancels the appointment and books the new slot in one transaction: when the new slot is taken, nothing
    /// changes and the old booking stands.
    /// </summary>
    public async Task<BookingOutcome> RescheduleAsync(Guid ownerId, Guid appointmentId, Guid newSlotId, CancellationToken cancellationToken = default) =>
        await InTransactionAsync(async () =>
        {
            var old = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId && a.OwnerId == ownerId, cancellationToken);
            if (old is null)
            {
                return BookingOutcome.Failed(BookingError.AppointmentNotFound);
            }

            if (old.Status != AppointmentStatus.Booked)
            {
                return BookingOutcome.Failed(BookingError.AppointmentCancelled);
            }

            old.Cancel(clock.GetUtcNow().UtcDateTime);

            // Saved first, so that moving to the same slot again frees it before the new row claims it.
            await db.SaveChangesAsync(cancellationToken);
            return await AddBookingAsync(ownerId, newSlotId, old.Reason, old.AssessmentId, old.Disposition ?? UnassessedDisposition, cancellationToken);
        }, cancellationToken);

    private async Task<BookingOutcome> AddBookingAsync(
        Guid ownerId, Guid slotId, string reason, Guid? assessmentId, string disposition, CancellationToken cancellationToken)
    {
        var slot = await db.Slots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return BookingOutcome.Failed(BookingError.SlotNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (slot.StartUtc <= now)
        {
            return BookingOutcome.Failed(BookingError.SlotInPast);
        }

        var settings = options.Value;
        var appointment = new Appointment(ownerId, slot, reason, assessmentId, disposition, id => settings.JoinUrl(id, slot.ClinicId));
        db.Appointments.Add(appointment);
        await RaiseOnWorklistAsync(slot.ClinicId, ownerId, disposition, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new BookingOutcome(appointment, null);
    }

    /// <summary>
    /// Puts the person on the clinic's worklist, or moves them up when this disposition is more urgent than their
    /// place (<see cref="ClinicPatient.Raise"/>). Saved with the caller's next save.
    /// </summary>
    public async Task RaiseOnWorklistAsync(Guid clinicId, Guid patientId, string disposition, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var priority = ClinicPatient.PriorityOf(disposition);
        var row = await db.ClinicPatients.FirstOrDefaultAsync(p => p.ClinicId == clinicId && p.PatientId == patientId, cancellationToken);
        // The disposition goes with the row, so the worklist can say why the person is on it ("Urgent: today").
        if (row is null)
        {
            db.ClinicPatients.Add(new ClinicPatient(clinicId, patientId, priority, nowUtc, disposition));
        }
        else
        {
            row.Raise(priority, nowUtc, disposition);
        }
    }

    /// <summary>
    /// Runs one booking in a transaction. A lost race for the slot is the answer "taken"; a lost race for the
    /// person's new worklist row (two bookings of theirs at once) is tried again, when the row exists.
    /// </summary>
    private async Task<BookingOutcome> InTransactionAsync(Func<Task<BookingOutcome>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var outcome = await work();
                if (outcome.Succeeded)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }

                return outcome;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolationOf(AppointmentConfiguration.SlotTakenIndex, "appointments.slot_id"))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return BookingOutcome.Failed(BookingError.SlotTaken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
