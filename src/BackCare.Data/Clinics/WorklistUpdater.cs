using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>What came of acknowledging a worklist row.</summary>
public enum AcknowledgeOutcome
{
    Acknowledged,

    /// <summary>Something new came in after the clinician loaded the row: nothing was acknowledged.</summary>
    SomethingNew,

    /// <summary>Someone had acknowledged it already, and nothing new has come in since.</summary>
    AlreadyAcknowledged,

    NotFound,
}

/// <summary>What came of assigning a patient to a clinician (or to nobody).</summary>
public enum AssignOutcome
{
    Assigned,

    Unassigned,

    /// <summary>Not a patient of the clinic.</summary>
    NotFound,

    /// <summary>No such clinician at the clinic: nothing was assigned.</summary>
    NoSuchClinician,
}

/// <summary>
/// The one way a clinic's worklist changes: news about a person (<see cref="WorklistNews"/>: a check, an assessment, a
/// diary entry, a booking, a message) raises their rows, and a clinician acknowledges a row. Each change is one
/// conditional UPDATE that never reads the row first, so two things happening at once (a diary red flag and a booking,
/// or a red flag and a clinician acknowledging) can never undo each other; a new row is an INSERT that does nothing
/// when another request made it first. The statements run at once: call them inside the caller's transaction (or
/// just before the caller's own save, so that a failed save leaves the person raised, never lowered).
/// </summary>
public static class WorklistUpdater
{
    /// <summary>
    /// Applies the news to the person's rows. A new red flag from the diary puts them at the top (priority 0);
    /// otherwise a more urgent disposition moves them up and restarts their wait, and a calmer one is only remembered
    /// until the clinic acknowledges them. An acknowledged row comes back with anything new, at the news's priority
    /// (or its latest disposition's, for a message), its wait starting now. Returns how many rows changed or were made.
    /// </summary>
    public static async Task<int> RaiseAsync(BackCareDbContext db, WorklistNews news, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(news);
        var rows = db.ClinicPatients.Where(p => p.PatientId == news.PatientId);
        if (news.ClinicId is { } only)
        {
            rows = rows.Where(p => p.ClinicId == only);
        }

        var raised = await UpdateAsync(rows, news, nowUtc, cancellationToken);
        if (raised > 0 || await ClinicToJoinAsync(db, news, cancellationToken) is not { } clinicId)
        {
            return raised;
        }

        if (await InsertIfAbsentAsync(db, clinicId, news, nowUtc, cancellationToken) == 1)
        {
            return 1;
        }

        // Another request made the row between the update and the insert: raise the row it made.
        return await UpdateAsync(db.ClinicPatients.Where(p => p.ClinicId == clinicId && p.PatientId == news.PatientId), news, nowUtc, cancellationToken);
    }

    /// <summary>
    /// A clinician of the clinic has seen the row and acted: it leaves the worklist until something new comes in, its
    /// red flags are cleared and its priority drops to the latest disposition's. Only when nothing happened since the
    /// clinician loaded it (<paramref name="seenActivityUtc"/> is its <see cref="ClinicPatient.LastActivityUtc"/> then),
    /// so a red flag that arrived meanwhile is never acknowledged unseen. Who acknowledged what, and when, is kept as a
    /// <see cref="WorklistAcknowledgement"/> (audited) in the same transaction.
    /// </summary>
    public static async Task<AcknowledgeOutcome> AcknowledgeAsync(
        BackCareDbContext db, Guid clinicId, Guid patientId, DateTime seenActivityUtc, Guid clinicianAccountId, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.ClinicPatients.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ClinicId == clinicId && p.PatientId == patientId, cancellationToken);
        if (row is null)
        {
            return AcknowledgeOutcome.NotFound;
        }

        if (row.LastActivityUtc != seenActivityUtc)
        {
            return AcknowledgeOutcome.SomethingNew;
        }

        if (row.IsAcknowledged)
        {
            return AcknowledgeOutcome.AlreadyAcknowledged;
        }

        var calm = ClinicPatient.PriorityOf(row.Disposition ?? "self_care");
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var updated = await db.ClinicPatients
            .Where(p => p.ClinicId == clinicId && p.PatientId == patientId && p.LastActivityUtc == seenActivityUtc && p.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => p.AcknowledgedUtc, nowUtc)
                    .SetProperty(p => p.Priority, calm)
                    .SetProperty(p => p.RedFlags, (string?)null),
                cancellationToken);
        if (updated == 0)
        {
            // Between the read and the update: news (which moved the activity on) or another clinician's acknowledgement.
            return AcknowledgeOutcome.SomethingNew;
        }

        db.WorklistAcknowledgements.Add(new WorklistAcknowledgement(clinicId, row, clinicianAccountId, nowUtc));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return AcknowledgeOutcome.Acknowledged;
    }

    /// <summary>
    /// A clinician of the clinic assigns its patient to a clinician of the same clinic (<paramref name="clinicianId"/>),
    /// or to nobody (null), with an optional hand-over note. One UPDATE whose conditions are the clinic check: the row
    /// is the clinic's and the clinician works there, so nobody is ever assigned across clinics. Who assigned whom to
    /// whom, when and with what note is kept as a <see cref="WorklistAssignment"/> (audited) in the same transaction.
    /// The row's place on the worklist does not change.
    /// </summary>
    public static async Task<AssignOutcome> AssignAsync(
        BackCareDbContext db, Guid clinicId, Guid patientId, Guid? clinicianId, Guid assignedBy, string? note, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assignment = new WorklistAssignment(clinicId, patientId, clinicianId, assignedBy, note, nowUtc);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var updated = await db.ClinicPatients
            .Where(p => p.ClinicId == clinicId && p.PatientId == patientId)
            .Where(p => clinicianId == null || db.Clinicians.Any(c => c.Id == clinicianId && c.ClinicId == clinicId))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.AssignedClinicianId, clinicianId), cancellationToken);
        if (updated == 0)
        {
            return await db.ClinicPatients.AnyAsync(p => p.ClinicId == clinicId && p.PatientId == patientId, cancellationToken)
                ? AssignOutcome.NoSuchClinician
                : AssignOutcome.NotFound;
        }

        db.WorklistAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return clinicianId is null ? AssignOutcome.Unassigned : AssignOutcome.Assigned;
    }

    private static Task<int> UpdateAsync(IQueryable<ClinicPatient> rows, WorklistNews news, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var redFlags = news.RedFlags is { } flags ? string.Join(' ', flags) : null;

        // Every SET reads the row as it was, so the wait restarts exactly when the priority goes up or the row comes back.
        // News that does not ask the clinic to act leaves a row that is not waiting where it is, at its latest priority.
        var needsClinic = news.NeedsClinic;
        if (news.StalledDays is { } milestone)
        {
            // Once per milestone: the condition is the memory, so a second run, or a second instance, changes nothing.
            rows = rows.Where(p => p.StalledDays == null || p.StalledDays < milestone);
        }

        return rows.ExecuteUpdateAsync(
            set =>
            {
                if (news.Priority is { } priority && needsClinic)
                {
                    set.SetProperty(p => p.WaitingSinceUtc, p => p.AcknowledgedUtc != null || priority < p.Priority ? nowUtc : p.WaitingSinceUtc);
                    set.SetProperty(p => p.Priority, p => p.AcknowledgedUtc != null || priority < p.Priority ? priority : p.Priority);
                }
                else if (news.Priority is { } calm)
                {
                    set.SetProperty(p => p.WaitingSinceUtc, p => p.AcknowledgedUtc == null && calm < p.Priority ? nowUtc : p.WaitingSinceUtc);
                    set.SetProperty(p => p.Priority, p => p.AcknowledgedUtc != null || calm < p.Priority ? calm : p.Priority);
                }
                else if (needsClinic)
                {
                    set.SetProperty(p => p.WaitingSinceUtc, p => p.AcknowledgedUtc != null ? nowUtc : p.WaitingSinceUtc);
                }

                set.SetProperty(p => p.LastActivityUtc, nowUtc);
                if (needsClinic)
                {
                    set.SetProperty(p => p.AcknowledgedUtc, (DateTime?)null);
                }
                if (news.Disposition is { } disposition)
                {
                    set.SetProperty(p => p.Disposition, disposition);
                }

                if (redFlags is not null)
                {
                    set.SetProperty(p => p.RedFlags, p => p.RedFlags == null ? redFlags : p.RedFlags + " " + redFlags);
                }

                if (news.StalledDays is { } days)
                {
                    set.SetProperty(p => p.StalledDays, days);
                    set.SetProperty(p => p.StalledUtc, nowUtc);
                }
            },
            cancellationToken);
    }

    private static async Task<Guid?> ClinicToJoinAsync(BackCareDbContext db, WorklistNews news, CancellationToken cancellationToken)
    {
        switch (news.Join)
        {
            case WorklistJoin.ThisClinic:
                return news.ClinicId;
            case WorklistJoin.TheOnlyClinic:
                var clinics = await db.Clinics.AsNoTracking().Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
                return clinics.Count == 1 ? clinics[0] : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The row, made unless it exists; 1 when this call made it. News that does not ask the clinic to act makes it as
    /// not waiting (<c>acknowledged_utc</c> set, with no acknowledgement kept): in the clinic's list of all patients,
    /// off its worklist until something does.
    /// </summary>
    private static Task<int> InsertIfAbsentAsync(BackCareDbContext db, Guid clinicId, WorklistNews news, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var priority = news.Priority ?? ClinicPatient.PriorityOf("self_care");

        // EF Core's SQLite provider stores a Guid as upper-case text; PostgreSQL has a uuid type.
        object clinic = db.Database.IsSqlite() ? clinicId.ToString().ToUpperInvariant() : clinicId;
        object patient = db.Database.IsSqlite() ? news.PatientId.ToString().ToUpperInvariant() : news.PatientId;
        var columns = new List<string> { "clinic_id", "patient_id", "priority", "waiting_since_utc", "last_activity_utc" };
        var values = new List<object> { clinic, patient, priority, nowUtc, nowUtc };
        if (news.Disposition is { } disposition)
        {
            columns.Add("disposition");
            values.Add(disposition);
        }

        if (!news.NeedsClinic)
        {
            columns.Add("acknowledged_utc");
            values.Add(nowUtc);
        }

        var placeholders = string.Join(", ", values.Select((_, i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        var sql = System.Runtime.CompilerServices.FormattableStringFactory.Create(
            $"INSERT INTO clinic_patients ({string.Join(", ", columns)}) VALUES ({placeholders}) ON CONFLICT (clinic_id, patient_id) DO NOTHING",
            [.. values]);
        return db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }
}
