using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>
/// What every clinician page shares: it is for signed-in clinicians only, and their clinic is the one on their account.
/// A patient of another clinic is simply not found.
/// </summary>
[Authorize(Policy = AccountPolicies.Clinician)]
public abstract class ClinicianPage(BackCareDbContext db) : PageModel
{
    protected BackCareDbContext Db { get; } = db;

    /// <summary>The clinic of the signed-in clinician (the policy guarantees the claim).</summary>
    protected Guid ClinicId => AccountClaims.ClinicIdOf(User)!.Value;

    protected Guid ClinicianAccountId => AccountClaims.AccountIdOf(User)!.Value;

    public Clinic Clinic { get; private set; } = null!;

    /// <summary>Loads the clinician's clinic; false when it no longer exists.</summary>
    protected async Task<bool> LoadClinicAsync(CancellationToken cancellationToken)
    {
        Clinic = (await Db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == ClinicId, cancellationToken))!;
        return Clinic is not null;
    }

    /// <summary>The patient's row on this clinic's worklist; null when they are not this clinic's patient.</summary>
    protected Task<ClinicPatient?> PatientRowAsync(Guid patientId, CancellationToken cancellationToken) =>
        Db.ClinicPatients.AsNoTracking().SingleOrDefaultAsync(p => p.ClinicId == ClinicId && p.PatientId == patientId, cancellationToken);

    public string Local(DateTime utc) => WorklistWords.Local(utc, Clinic.TimeZone);
}
