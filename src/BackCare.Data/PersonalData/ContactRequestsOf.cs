using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.PersonalData;

/// <summary>
/// A person's contact requests: those sent while signed in (they carry the account), those a clinician tied to them by
/// hand, and those sent by anyone with the account's email, before the person had an account or while signed out. The
/// clinic's inbox would otherwise keep their name, email, phone and words after the account is erased.
/// </summary>
/// <remarks>
/// A request keeps its email as typed, and the form takes any text, so the match is made here on the normalised form
/// the accounts compare (<see cref="Account.NormalizeEmail"/>: trim, NFKC, upper case), which SQL cannot compute on
/// either provider. That reads the id and email of every request with an email; a clinic's inbox is small and
/// erasures and exports are rare (see docs/decisions/0011-erasure-and-keys.md for the time measured).
/// </remarks>
internal static class ContactRequestsOf
{
    public static async Task<IQueryable<ContactRequest>> PersonAsync(BackCareDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var email = await db.Accounts.Where(a => a.Id == personId).Select(a => a.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
        var sentWithEmail = new List<Guid>();
        if (!string.IsNullOrEmpty(email))
        {
            var withAnEmail = db.ContactRequests.AsNoTracking()
                .Where(c => c.Email != null && (c.AccountId == null || c.AccountId != personId))
                .Select(c => new { c.Id, c.Email })
                .AsAsyncEnumerable();
            await foreach (var request in withAnEmail.WithCancellation(cancellationToken))
            {
                if (string.Equals(Account.NormalizeEmail(request.Email!), email, StringComparison.Ordinal))
                {
                    sentWithEmail.Add(request.Id);
                }
            }
        }

        return db.ContactRequests.Where(c => c.AccountId == personId || c.PatientId == personId || sentWithEmail.Contains(c.Id));
    }
}
