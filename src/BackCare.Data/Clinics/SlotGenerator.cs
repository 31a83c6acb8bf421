using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>
/// Keeps every clinic's slots filled for its booking window from its clinicians' weekly hours and time off. Idempotent:
/// a slot that exists is left alone (and no new slot overlaps one of the same clinician), and when another server
/// inserted the same slot first, the unique index on (clinician, start) refuses the copy and this run reads what is
/// there and carries on. After an administrator changes the hours, <see cref="RegenerateAsync"/> also takes away the
/// free times that no longer fit; a booked time is never touched.
/// </summary>
public sealed class SlotGenerator(BackCareDbContext db, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    // Any fixed number, the same for every BackCare server sharing one database; not the migrator's.
    private const long PostgresLockKey = 0x426b43536c6f7473;

    /// <summary>
    /// Adds the missing slots of every clinic's booking window (<see cref="Clinic.BookingDays"/> local days, today
    /// included), or of the next <paramref name="days"/> when given; returns how many.
    /// </summary>
    public async Task<int> GenerateAsync(int? days = null, CancellationToken cancellationToken = default)
    {
        var clinics = await db.Clinics.AsNoTracking().ToListAsync(cancellationToken);
        var added = 0;
        foreach (var clinic in clinics)
        {
            added += await GenerateAsync(clinic, days ?? clinic.BookingDays, cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// After the clinic's hours, time off or visit length changed: removes its future slots that the plan no longer
    /// has and nobody ever booked (a slot with any appointment, booked or cancelled, stays, so a visit and its history
    /// keep their time), then adds the missing ones. Returns how many were removed and added.
    /// </summary>
    public async Task<(int Removed, int Added)> RegenerateAsync(Clinic clinic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var now = clock.GetUtcNow().UtcDateTime;
        var planned = (await PlanAsync(clinic, clinic.BookingDays, now, cancellationToken))
            .Select(s => (s.ClinicianId, s.StartUtc, s.EndUtc, s.Kind)).ToHashSet();
        int removed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            var free = await db.Slots.AsNoTracking()
                .Where(s => s.ClinicId == clinic.Id && s.StartUtc > now && !db.Appointments.Any(a => a.SlotId == s.Id))
                .Select(s => new { s.Id, s.ClinicianId, s.StartUtc, s.EndUtc, s.Kind })
                .ToListAsync(cancellationToken);
            var unplanned = free.Where(s => !planned.Contains((s.ClinicianId, s.StartUtc, s.EndUtc, s.Kind))).Select(s => s.Id).ToList();
            removed = 0;
            foreach (var chunk in unplanned.Chunk(500))
            {
                // The condition again in the statement: a slot booked since the read above stays.
                removed += await db.Slots.Where(s => chunk.Contains(s.Id) && !db.Appointments.Any(a => a.SlotId == s.Id))
                    .ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var added = await GenerateAsync(clinic, clinic.BookingDays, cancellationToken);
        return (removed, added);
    }

    private async Task<List<PlannedSlot>> PlanAsync(Clinic clinic, int days, DateTime now, CancellationToken cancellationToken)
    {
        var zone = clinic.TimeZone;
        var today = SlotPlanner.LocalDate(zone, now);
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => c.ClinicId == clinic.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var hours = await db.WeeklyAvailability.AsNoTracking().Where(h => clinicians.Contains(h.ClinicianId)).ToListAsync(cancellationToken);
        var lastDay = today.AddDays(days);
        var timeOff = await db.TimeOff.AsNoTracking()
            .Where(t => clinicians.Contains(t.ClinicianId) && t.Date >= today && t.Date < lastDay)
            .ToListAsync(cancellationToken);
        return [.. SlotPlanner.Plan(zone, hours, timeOff, today, days).Where(s => s.StartUtc > now)];
    }

    public async Task<int> GenerateAsync(Clinic clinic, int days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var now = clock.GetUtcNow().UtcDateTime;
        var planned = await PlanAsync(clinic, days, now, cancellationToken);
        if (planned.Count == 0)
        {
            return 0;
        }

        var from = planned.Min(s => s.StartUtc);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                // Two servers inserting overlapping batches in different orders would deadlock on the unique index;
                // one at a time instead. (SQLite's write transaction already is one at a time.)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            // Reaching back one longest visit, so that a slot kept from before a change (a booked 30 minutes when visits
            // are 20 now) keeps new slots from overlapping it.
            var reach = from.AddMinutes(-Clinic.MaxSlotMinutes);
            var existing = (await db.Slots.AsNoTracking()
                    .Where(s => s.ClinicId == clinic.Id && s.EndUtc > reach)
                    .Select(s => new { s.ClinicianId, s.StartUtc, s.EndUtc })
                    .ToListAsync(cancellationToken))
                .ToLookup(s => s.ClinicianId);
            var missing = planned.Where(p => !existing[p.ClinicianId].Any(s => s.StartUtc < p.EndUtc && p.StartUtc < s.EndUtc))
                .Select(s => new Slot(clinic.Id, s.ClinicianId, s.StartUtc, s.EndUtc, s.Kind))
                .ToList();
            if (missing.Count == 0)
            {
                return 0;
            }

            db.Slots.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return missing.Count;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < MaxAttempts)
            {
                // Someone inserted some of these slots by another road (an older server without the lock): read again.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
