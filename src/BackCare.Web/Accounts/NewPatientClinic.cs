using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>
/// Whose patient a new account is (decision 0026), for every way of signing up (the page and the API): with exactly
/// one clinic, its patient; in a network, the clinic chosen on the sign-up page, if any. The person is in the
/// clinic's list of all patients and not on its worklist (<see cref="WorklistNews.SignedUp"/>). Audited as the
/// clinic choice on the result page is: a change to the person's account, naming the clinic.
/// </summary>
public static class NewPatientClinic
{
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

    /// <summary>Makes the new account <paramref name="patientId"/> the patient of <paramref name="clinicId"/>, and audits it.</summary>
    public static async Task JoinAsync(BackCareDbContext db, AuditLog audit, Guid clinicId, Guid patientId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        await WorklistUpdater.RaiseAsync(db, WorklistNews.SignedUp(clinicId, patientId), nowUtc, cancellationToken);
        await audit.RecordAsync(AuditAction.Update, patientId, nameof(ClinicPatient), clinicId.ToString(), cancellationToken);
    }
}
