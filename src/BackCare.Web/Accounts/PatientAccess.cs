using System.Security.Claims;
using BackCare.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>
/// How much of one person's record a reader sees: all of it (the person themselves), or what one clinic of theirs
/// holds (<see cref="ClinicId"/>: their assessments, diary and risk screens, and only that clinic's visits, as the
/// clinician pages show them).
/// </summary>
internal sealed record RecordScope(Guid? ClinicId)
{
    public static RecordScope Own { get; } = new((Guid?)null);

    public static RecordScope OfClinic(Guid clinicId) => new(clinicId);
}

/// <summary>
/// The one place that says whose health record a signed-in account may read: a person reads their own, and a clinician
/// (as <see cref="AccountPolicies.Clinician"/> defines one: role, clinic and two-step sign-in) reads their clinic's
/// patients'. Endpoints answer 404 for anyone else's, exactly as for a person who does not exist, so that a stranger
/// (or another clinic) cannot even learn that an id belongs to someone.
/// </summary>
internal sealed class PatientAccess(BackCareDbContext db, IAuthorizationService authorization)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken) =>
        await ScopeAsync(user, patientId, cancellationToken) is not null;

    /// <summary>How much of the person's record the account may read; null when none of it (or no such person).</summary>
    public async Task<RecordScope?> ScopeAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AccountClaims.AccountIdOf(user) is not { } reader)
        {
            return null;
        }

        if (reader == patientId)
        {
            return await db.Accounts.AnyAsync(a => a.Id == patientId, cancellationToken) ? RecordScope.Own : null;
        }

        if (AccountClaims.ClinicIdOf(user) is { } clinicId
            && (await authorization.AuthorizeAsync(user, AccountPolicies.Clinician)).Succeeded
            && await db.ClinicPatients.AnyAsync(p => p.ClinicId == clinicId && p.PatientId == patientId, cancellationToken))
        {
            return RecordScope.OfClinic(clinicId);
        }

        return null;
    }

    /// <summary>
    /// Every person whose record a search without a patient covers: the account's own. A clinician names the patient
    /// (<c>?patient=</c>), so that a search never reads a whole clinic's records at once.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ReadablePatientsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AccountClaims.AccountIdOf(user) is not { } reader)
        {
            return [];
        }

        return await db.Accounts.Where(a => a.Id == reader).Select(a => a.Id).ToListAsync(cancellationToken);
    }
}
