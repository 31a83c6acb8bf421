using System.Security.Claims;
using BackCare.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>
/// The one place that says whose health record a signed-in account may read: a person reads their own.
/// Endpoints answer 404 for anyone else's, exactly as for a person who does not exist, so that a stranger
/// cannot even learn that an id belongs to someone.
/// </summary>
internal sealed class PatientAccess(BackCareDbContext db)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AccountClaims.AccountIdOf(user) is not { } reader)
        {
            return false;
        }

        return reader == patientId && await db.Accounts.AnyAsync(a => a.Id == patientId, cancellationToken);
    }

    /// <summary>Every person whose record the account may read.</summary>
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
