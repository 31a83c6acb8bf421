using System.Buffers.Binary;
using BackCare.Data.Notifications;
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

    /// <summary>The person already holds <see cref="BookingOptions.MaxOpenPerPerson"/> open appointments.</summary>
    TooManyOpen,
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
/// row however many requests race. A person never holds more than <see cref="BookingOptions.MaxOpenPerPerson"/> open
/// appointments: the count and the insert are one step for that person (<see cref="LockPersonAsync"/>). Each booking
/// raises the person on the clinic's worklist in the same transaction, and each booking, move and cancellation puts its
/// email in the outbox in the same save (<see cref="NotificationOutbox"/>).
/// </summary>
public sealed class BookingService(
    BackCareDbContext db, TimeProvider clock, IOptions<BookingOptions> options, NotificationOutbox notifications, Telemetry.BackCareMetrics metrics)
{
    /// <summary>The disposition a booking without an assessment is put on the worklist with: it asked for a visit.</summary>
    public const string UnassessedDisposition = "routine";

    private const int MaxAttempts = 3;

    // Any fixed number, the same for every BackCare server sharing one database: the first half of the key of each
    // person's advisory lock on PostgreSQL, so that it never meets another feature's lock.
    private const int PersonLockSpace = 0x426b4f70;

    /// <summary>How many open appointments one person may hold (<c>Booking:MaxOpenPerPerson</c>).</summary>
    public int MaxOpenPerPerson => options.Value.MaxOpenPerPerson;

    public async Task<BookingOutcome> BookAsync(
        Guid ownerId, Guid slotId, string reason, Guid? assessmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var outcome = await InTransactionAsync(async () =>
        {
            await LockPersonAsync(ownerId, cancellationToken);
            if (await OpenCountAsync(ownerId, cancellationToken) >= MaxOpenPerPerson)
            {
                return BookingOutcome.Failed(BookingError.TooManyOpen);
            }

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

            return await AddBookingAsync(ownerId, slotId, reason, assessmentId, disposition, movedFrom: null, cancellationToken);
        }, cancellationToken);
        RingIf(outcome.Succeeded);
        return outcome;
    }

    /// <summary>
    /// Whether the person may book one more appointment now, for a page to say so before the form. A read only:
    /// <see cref="BookAsync"/> counts again under the person's lock.
    /// </summary>
    public async Task<bool> HasRoomAsync(Guid ownerId, CancellationToken cancellationToken = default) =>
        await OpenCountAsync(ownerId, cancellationToken) < MaxOpenPerPerson;

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
            await notifications.VisitCancelledAsync(appointment, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            notifications.Ring();
        }

        return true;
    }

    /// <summary>
    /// Cancels the appointment and books the new slot in one transaction: when the new slot is taken, nothing
    /// changes and the old booking stands. The cap on open appointments does not apply: one goes as one comes, so a
    /// person at the cap (or over it, after the cap was lowered) may still move a visit.
    /// </summary>
    public async Task<BookingOutcome> RescheduleAsync(Guid ownerId, Guid appointmentId, Guid newSlotId, CancellationToken cancellationToken = default)
    {
        var outcome = await InTransactionAsync(async () =>
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
            var moved = await AddBookingAsync(
                ownerId, newSlotId, old.Reason, old.AssessmentId, old.Disposition ?? UnassessedDisposition, movedFrom: old, cancellationToken);
            if (moved.Appointment is { } replacement)
            {
                old.MovedTo(replacement.Id);
                await db.SaveChangesAsync(cancellationToken);
            }

            return moved;
        }, cancellationToken);
        RingIf(outcome.Succeeded);
        return outcome;
    }

    private void RingIf(bool succeeded)
    {
        if (succeeded)
        {
            notifications.Ring();
        }
    }

    /// <summary>Booked and not yet started: a visit under way or past no longer holds a place.</summary>
    private Task<int> OpenCountAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Appointments.AsNoTracking()
            .CountAsync(a => a.OwnerId == ownerId && a.Status == AppointmentStatus.Booked && a.StartUtc > now, cancellationToken);
    }

    /// <summary>
    /// Makes one person's bookings wait for each other until the transaction ends, so that two sent at once cannot
    /// both count room for one more. On SQLite the transaction began with the database's write lock (BEGIN
    /// IMMEDIATE), which already does this. On PostgreSQL (READ COMMITTED) each would count before the other's insert
    /// is visible, so each takes a transaction-scoped advisory lock on the person first; other people's bookings do
    /// not wait, and the lock goes with the commit or rollback. Two people whose ids share a key only wait for each other.
    /// </summary>
    private async Task LockPersonAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var key = PersonLockKey(ownerId);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PersonLockSpace}, {key})", cancellationToken);
    }

    /// <summary>The person's id folded to the 32 bits the lock's second half takes (every byte counts: v7 ids begin with the time).</summary>
    private static int PersonLockKey(Guid ownerId)
    {
        Span<byte> bytes = stackalloc byte[16];
        ownerId.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[4..])
            ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
    }

    private async Task<BookingOutcome> AddBookingAsync(
        Guid ownerId, Guid slotId, string reason, Guid? assessmentId, string disposition, Appointment? movedFrom, CancellationToken cancellationToken)
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
        var template = await db.Clinics.AsNoTracking().Where(c => c.Id == slot.ClinicId).Select(c => c.JoinUrlTemplate).SingleOrDefaultAsync(cancellationToken);
        var appointment = new Appointment(ownerId, slot, reason, assessmentId, disposition, id => settings.JoinUrl(id, slot.ClinicId, template));
        db.Appointments.Add(appointment);
        if (movedFrom is null)
        {
            notifications.VisitBooked(appointment);
        }
        else
        {
            await notifications.VisitMovedAsync(movedFrom, appointment, cancellationToken);
        }

        // The disposition goes with the row, so the worklist can say why the person is on it ("Urgent: today").
        await WorklistUpdater.RaiseAsync(db, WorklistNews.Booked(slot.ClinicId, ownerId, disposition), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new BookingOutcome(appointment, null);
    }

    /// <summary>
    /// Runs one booking in a transaction. A lost race for the slot is the answer "taken"; any other unique violation
    /// (none is expected: the worklist row is made with an insert that yields to one made meanwhile) is tried again.
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
                metrics.BookingConflict();
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
