using BackCare.Data.Accounts;
using BackCare.Data.Diary;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.PersonalData;

/// <summary>
/// Every table that holds rows about a person, and how to find that person's rows. This one list drives both
/// the export of everything held about someone (<see cref="AccountExport"/>) and its erasure
/// (<see cref="AccountErasure"/>): a feature that adds a table about people adds one line here, e.g.
/// <c>PersonalDataTable.Of("appointments", (db, id) =&gt; db.Appointments.Where(a =&gt; a.PatientId == id))</c>.
/// Rows are erased in this order, before the account itself, so list a table before the tables it refers to.
/// The storage tests check that after an erasure no table in the model still holds the person's id.
/// </summary>
public static class PersonalDataTables
{
    public static IReadOnlyList<PersonalDataTable> All { get; } =
    [
        // The emails sent or waiting, and what the person asked to receive: none of them hold words or health details.
        PersonalDataTable.Of("notifications", (db, id) => db.Notifications.Where(n => n.AccountId == id)),
        PersonalDataTable.Of("notificationPreferences", (db, id) => db.NotificationPreferences.Where(p => p.AccountId == id)),
        // Kept by the database from the diary (migration 0019); listed before the entries, so erasure finds nothing left to rebuild.
        PersonalDataTable.Of("diaryPainDays", (db, id) => db.DiaryPainDays.Where(d => d.OwnerId == id)),
        // Each entry with the result it showed, written out in full; the shared results hold nothing about anyone, so
        // erasure removes the entries and leaves them (decision 0024).
        PersonalDataTable.Of("diaryEntries", (db, id) => db.DiaryEntries.Where(e => e.OwnerId == id), ShownResult.LoadIntoAsync),
        PersonalDataTable.Of("planStepTicks", (db, id) => db.PlanStepTicks.Where(t => t.OwnerId == id)),
        PersonalDataTable.Of("appointments", (db, id) => db.Appointments.Where(a => a.OwnerId == id)),
        PersonalDataTable.Of("messages", (db, id) => db.Messages.Where(m => m.OwnerId == id)),
        PersonalDataTable.Of("clinicalNotes", (db, id) => db.ClinicalNotes.Where(n => n.OwnerId == id)),
        // The clinic's answers to a request (contact_replies) go with it, by the database (ON DELETE CASCADE).
        PersonalDataTable.Of("contactRequests", ContactRequestsOf.PersonAsync),
        PersonalDataTable.Of("worklistAcknowledgements", (db, id) => db.WorklistAcknowledgements.Where(a => a.OwnerId == id)),
        PersonalDataTable.Of("worklistAssignments", (db, id) => db.WorklistAssignments.Where(a => a.OwnerId == id)),
        PersonalDataTable.Of("clinics", (db, id) => db.ClinicPatients.Where(p => p.PatientId == id)),
        PersonalDataTable.Of("riskScreens", (db, id) => db.RiskScreens.Where(r => r.OwnerId == id)),
        PersonalDataTable.Of("savedAssessments", (db, id) => db.SavedAssessments.Where(a => a.OwnerId == id)),

        // Where and when the person signed in; their refresh tokens go with the sessions (ON DELETE CASCADE).
        PersonalDataTable.Of("signIns", (db, id) => db.AccountSessions.Where(s => s.AccountId == id)),
        PersonalDataTable.Of("accountEvents", (db, id) => db.AccountEvents.Where(e => e.AccountId == id)),
        PersonalDataTable.Of("passkeys", (db, id) => db.AccountPasskeys.Where(p => p.AccountId == id)),

        // Who read or changed the person's record. Erasure removes these too, then records the erasure itself.
        PersonalDataTable.Of("auditEvents", (db, id) => db.AuditEvents.Where(e => e.SubjectId == id)),
    ];

    /// <summary>
    /// Tables that point at an account but are the clinic's records of its staff, not data about a person's health:
    /// a clinician's profile stays with the clinic (its slots and past visits depend on it) and the database unlinks
    /// it from an erased account (<c>ON DELETE SET NULL</c>).
    /// </summary>
    public static IReadOnlySet<Type> StaffRecords { get; } = new HashSet<Type> { typeof(Clinics.Clinician) };

    /// <summary>
    /// Tables that name a person only inside the transaction that writes the row and removes it again before it commits:
    /// an erasure's leave to delete the person's audit trail (<see cref="Auditing.AuditRemovalPermit"/>). No committed
    /// row ever holds anyone, so there is nothing to export or erase.
    /// </summary>
    public static IReadOnlySet<Type> HeldOnlyInsideATransaction { get; } = new HashSet<Type> { typeof(Auditing.AuditRemovalPermit) };

    /// <summary>Columns never exported, whatever the table: secrets, not data about the person.</summary>
    public static IReadOnlySet<string> NeverExported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Account.PasswordHash),
        nameof(Account.SecurityStamp),
        nameof(Account.AuthenticatorKey),
        nameof(Account.RecoveryCodeHashes),
    };
}

/// <summary>One table's rows about a person: a name for the export, and the query that finds them.</summary>
public abstract class PersonalDataTable(string name)
{
    public string Name { get; } = name;

    public abstract Type EntityType { get; }

    public static PersonalDataTable Of<TEntity>(string name, Func<BackCareDbContext, Guid, IQueryable<TEntity>> rowsOf)
        where TEntity : class => new Table<TEntity>(name, (db, id, _) => Task.FromResult(rowsOf(db, id)), null);

    /// <summary>A table whose rows need more read after them for the export, e.g. what they share with others' rows.</summary>
    public static PersonalDataTable Of<TEntity>(
        string name, Func<BackCareDbContext, Guid, IQueryable<TEntity>> rowsOf, Func<BackCareDbContext, IReadOnlyCollection<TEntity>, CancellationToken, Task> complete)
        where TEntity : class => new Table<TEntity>(name, (db, id, _) => Task.FromResult(rowsOf(db, id)), complete);

    /// <summary>A table whose rows about a person can only be told after a look-up (contact requests matched by email).</summary>
    public static PersonalDataTable Of<TEntity>(string name, Func<BackCareDbContext, Guid, CancellationToken, Task<IQueryable<TEntity>>> rowsOf)
        where TEntity : class => new Table<TEntity>(name, rowsOf, null);

    internal abstract Task<IReadOnlyList<object>> ReadAsync(BackCareDbContext db, Guid personId, CancellationToken cancellationToken);

    internal abstract Task<int> DeleteAsync(BackCareDbContext db, Guid personId, CancellationToken cancellationToken);

    private sealed class Table<TEntity>(
        string name,
        Func<BackCareDbContext, Guid, CancellationToken, Task<IQueryable<TEntity>>> rowsOf,
        Func<BackCareDbContext, IReadOnlyCollection<TEntity>, CancellationToken, Task>? complete)
        : PersonalDataTable(name)
        where TEntity : class
    {
        public override Type EntityType => typeof(TEntity);

        internal override async Task<IReadOnlyList<object>> ReadAsync(BackCareDbContext db, Guid personId, CancellationToken cancellationToken)
        {
            var rows = await (await rowsOf(db, personId, cancellationToken)).AsNoTracking().ToListAsync(cancellationToken);
            if (complete is not null)
            {
                await complete(db, rows, cancellationToken);
            }

            return [.. rows];
        }

        internal override async Task<int> DeleteAsync(BackCareDbContext db, Guid personId, CancellationToken cancellationToken) =>
            await (await rowsOf(db, personId, cancellationToken)).ExecuteDeleteAsync(cancellationToken);
    }
}
