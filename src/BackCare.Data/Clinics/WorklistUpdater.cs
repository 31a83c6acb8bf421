using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>
/// Keeps the clinics' worklist rows current as a person assesses, writes their diary, books and writes to a clinic.
/// Each change is one conditional UPDATE, so two things happening at once (a red flag and a clinician marking the
/// person as seen) can never undo each other. The updates run at once: call them inside the caller's transaction
/// (or just before the caller's own save, so that a failed save leaves the person raised, never lowered).
/// </summary>
public static class WorklistUpdater
{
    /// <summary>Stands in for a missing disposition (a visit booked without an assessment): a booking is at least routine.</summary>
    public const string UnknownDisposition = "routine";

    /// <summary>
    /// Something new about the person: raises their row on every clinic they are a patient of. A new red flag from the
    /// diary puts them at the top (priority 0); otherwise a more urgent disposition moves them up and restarts their
    /// wait, and a calmer one is only remembered until the clinic marks them as seen.
    /// </summary>
    /// <param name="disposition">The contract's disposition code of what was just assessed.</param>
    /// <param name="newRedFlags">The finding codes of red flags the diary reports as new; none for an assessment or a booking.</param>
    public static Task<int> RaiseAsync(
        BackCareDbContext db, Guid patientId, string? disposition, DateTime nowUtc,
        IReadOnlyCollection<string>? newRedFlags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Raise(db.ClinicPatients.Where(p => p.PatientId == patientId), disposition, nowUtc, newRedFlags, cancellationToken);
    }

    /// <summary>Makes the person a patient of the clinic (a booking, a referral), or raises their row when they already are.</summary>
    public static async Task AddPatientAsync(
        BackCareDbContext db, Guid clinicId, Guid patientId, string? disposition, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = db.ClinicPatients.Where(p => p.ClinicId == clinicId && p.PatientId == patientId);
        if (await Raise(row, disposition, nowUtc, newRedFlags: null, cancellationToken) > 0)
        {
            return;
        }

        var code = disposition ?? UnknownDisposition;
        db.ClinicPatients.Add(new ClinicPatient(clinicId, patientId, ClinicPatient.PriorityOf(code), nowUtc, code));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The person wrote to the clinic: nothing clinical changes, but the row shows the activity.</summary>
    public static Task<int> TouchAsync(BackCareDbContext db, Guid clinicId, Guid patientId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ClinicPatients
            .Where(p => p.ClinicId == clinicId && p.PatientId == patientId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.LastActivityUtc, nowUtc), cancellationToken);
    }

    /// <summary>
    /// The clinic has acted on what it saw: the person's priority drops to their latest disposition and their red flags
    /// are cleared. Only when nothing happened since the clinician loaded the row (<paramref name="seenActivityUtc"/>
    /// is its <see cref="ClinicPatient.LastActivityUtc"/> then): a red flag that arrived meanwhile is never cleared
    /// unseen. False when something did happen, or there is no such row.
    /// </summary>
    public static async Task<bool> SeenAsync(
        BackCareDbContext db, Guid clinicId, Guid patientId, DateTime seenActivityUtc, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.ClinicPatients.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ClinicId == clinicId && p.PatientId == patientId, cancellationToken);
        if (row is null || row.LastActivityUtc != seenActivityUtc)
        {
            return false;
        }

        var priority = ClinicPatient.PriorityOf(row.Disposition ?? UnknownDisposition);
        var updated = await db.ClinicPatients
            .Where(p => p.ClinicId == clinicId && p.PatientId == patientId && p.LastActivityUtc == seenActivityUtc)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => p.Priority, priority)
                    .SetProperty(p => p.WaitingSinceUtc, nowUtc)
                    .SetProperty(p => p.LastActivityUtc, nowUtc)
                    .SetProperty(p => p.RedFlags, (string?)null),
                cancellationToken);
        return updated == 1;
    }

    private static Task<int> Raise(
        IQueryable<ClinicPatient> rows, string? disposition, DateTime nowUtc, IReadOnlyCollection<string>? newRedFlags, CancellationToken cancellationToken)
    {
        var code = disposition ?? UnknownDisposition;
        var redFlags = newRedFlags is { Count: > 0 } ? string.Join(' ', newRedFlags) : null;
        var priority = redFlags is null ? ClinicPatient.PriorityOf(code) : ClinicPatient.NewRedFlagPriority;

        // Every SET reads the row as it was, so the wait restarts exactly when the priority goes up.
        return rows.ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(p => p.WaitingSinceUtc, p => priority < p.Priority ? nowUtc : p.WaitingSinceUtc);
                set.SetProperty(p => p.Priority, p => priority < p.Priority ? priority : p.Priority);
                set.SetProperty(p => p.LastActivityUtc, nowUtc);
                if (disposition is not null)
                {
                    set.SetProperty(p => p.Disposition, disposition);
                }

                if (redFlags is not null)
                {
                    set.SetProperty(p => p.RedFlags, p => p.RedFlags == null ? redFlags : p.RedFlags + " " + redFlags);
                }
            },
            cancellationToken);
    }
}
