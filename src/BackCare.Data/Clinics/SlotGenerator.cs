using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>
/// Keeps every clinic's slots filled for the coming days from its clinicians' weekly hours and time off. Idempotent:
/// a slot that exists is left alone, and when another server inserted the same slot first, the unique index on
/// (clinician, start) refuses the copy and this run reads what is there and carries on.
/// </summary>
public sealed class SlotGenerator(BackCareDbContext db, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    // Any fixed number, the same for every BackCare server sharing one database; not the migrator's.
    private const long PostgresLockKey = 0x426b43536c6f7473;

    /// <summary>Adds the missing slots of the next <paramref name="days"/> local days (today included); returns how many.</summary>
    public async Task<int> GenerateAsync(int days, CancellationToken cancellationToken = default)
    {
        var clinics = await db.Clinics.AsNoTracking().ToListAsync(cancellationToken);
        var added = 0;
        foreach (var clinic in clinics)
        {
            added += await GenerateAsync(clinic, days, cancellationToken);
        }

        return added;
    }

    public async Task<int> GenerateAsync(Clinic clinic, int days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = clinic.TimeZone;
        var today = SlotPlanner.LocalDate(zone, now);
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => c.ClinicId == clinic.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var hours = await db.WeeklyAvailability.AsNoTracking().Where(h => clinicians.Contains(h.ClinicianId)).ToListAsync(cancellationToken);
        var lastDay = today.AddDays(days);
        var timeOff = await db.TimeOff.AsNoTracking()
            .Where(t => clinicians.Contains(t.ClinicianId) && t.Date >= today && t.Date < lastDay)
            .ToListAsync(cancellationToken);
        var planned = SlotPlanner.Plan(zone, hours, timeOff, today, days).Where(s => s.StartUtc > now).ToList();
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

            var existing = (await db.Slots.AsNoTracking()
                    .Where(s => s.ClinicId == clinic.Id && s.StartUtc >= from)
                    .Select(s => new { s.ClinicianId, s.StartUtc })
                    .ToListAsync(cancellationToken))
                .Select(s => (s.ClinicianId, s.StartUtc))
                .ToHashSet();
            var missing = planned.Where(s => !existing.Contains((s.ClinicianId, s.StartUtc)))
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
