using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>A clinic named by an API caller (<c>clinicId</c>): the clinic, or what is wrong with the id (for that field).</summary>
public sealed record ClinicNamed(Guid? ClinicId, string? Problem);

/// <summary>
/// Whose patient a person is (decisions 0026 and 0028), for every door: the sign-up page, <c>POST /api/account/register</c>,
/// the result page's "Make ... my clinic" and <c>PUT /api/account/clinic</c>. With exactly one clinic a new account is
/// its patient; in a network, the clinic chosen, if any. Joining at sign-up puts the person in the clinic's list of all
/// patients and not on its worklist (<see cref="WorklistNews.SignedUp"/>); a later choice follows
/// <see cref="WorklistNews.Chose"/>. Both are audited alike: a change to the person's account, naming the clinic.
/// </summary>
public static class NewPatientClinic
{
    public const string Field = "clinicId";

    /// <summary>The clinic a new account joins: the only one, else the one chosen that exists, else none.</summary>
    public static async Task<Guid?> ClinicForAsync(BackCareDbContext db, Guid? chosen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstTwo = await db.Clinics.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        if (firstTwo.Count == 1)
        {
            return firstTwo[0];
        }

        return chosen is { } id && firstTwo.Count > 1 && await db.Clinics.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken) ? id : null;
    }

    /// <summary>
    /// Reads the <c>clinicId</c> an API caller sent: none (when <paramref name="required"/> is false), or the id of a
    /// clinic that exists; anything else is a problem for that field. With one clinic, an id other than its own names
    /// no clinic, so it is refused like any unknown id.
    /// </summary>
    public static async Task<ClinicNamed> ReadAsync(BackCareDbContext db, string? clinicId, bool required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = AccountText.English;
        if (string.IsNullOrWhiteSpace(clinicId))
        {
            return new(null, required ? words["clinic_choice_required"] : null);
        }

        if (!Guid.TryParse(clinicId.Trim(), out var id))
        {
            return new(null, words["clinic_choice_malformed"]);
        }

        return await db.Clinics.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken)
            ? new(id, null)
            : new(null, words["clinic_choice_unknown"]);
    }

    /// <summary>Makes the new account <paramref name="patientId"/> the patient of <paramref name="clinicId"/>, and audits it.</summary>
    public static async Task JoinAsync(BackCareDbContext db, AuditLog audit, Guid clinicId, Guid patientId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        await WorklistUpdater.RaiseAsync(db, WorklistNews.SignedUp(clinicId, patientId), nowUtc, cancellationToken);
        await audit.RecordAsync(AuditAction.Update, patientId, nameof(ClinicPatient), clinicId.ToString(), cancellationToken);
    }

    /// <summary>
    /// A patient makes <paramref name="clinicId"/> their clinic (the result page and the API alike): they become its
    /// patient with their latest check's disposition (<see cref="WorklistNews.Chose"/>), and its times are the ones
    /// offered to them from now on. One transaction with its audit event.
    /// </summary>
    public static async Task ChooseAsync(BackCareDbContext db, AuditLog audit, Guid clinicId, Guid patientId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        var latest = await db.SavedAssessments.AsNoTracking().Where(a => a.OwnerId == patientId)
            .OrderByDescending(a => a.CreatedUtc).Select(a => a.Disposition).FirstOrDefaultAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WorklistUpdater.RaiseAsync(db, WorklistNews.Chose(clinicId, patientId, latest), nowUtc, cancellationToken);
        await audit.RecordAsync(AuditAction.Update, patientId, nameof(ClinicPatient), clinicId.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
