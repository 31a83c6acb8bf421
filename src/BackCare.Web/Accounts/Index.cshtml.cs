using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

public sealed record SavedCheckRow(Guid Id, DateTime CreatedUtc, string Day, string Label);

/// <summary>
/// The signed-in person's account: their saved checks, and the ways to see, download or delete what is held. Staff see
/// only their sign-in and security pages: a clinic's account is closed by an administrator, not deleted by its holder.
/// </summary>
[Authorize]
public sealed class AccountModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public bool IsAdministrator { get; private set; }

    /// <summary>A clinician or administrator: their account page has none of a patient's (checks, visits, deleting the account).</summary>
    public bool IsStaff { get; private set; }

    public IReadOnlyList<SavedCheckRow> SavedChecks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == owner)
            .Select(a => new { a.DisplayName, a.Email, a.Role })
            .SingleOrDefaultAsync(cancellationToken);
        DisplayName = account?.DisplayName ?? "";
        Email = account?.Email ?? "";
        IsAdministrator = account?.Role == BackCare.Data.Accounts.AccountRole.Administrator;
        IsStaff = account?.Role is BackCare.Data.Accounts.AccountRole.Clinician or BackCare.Data.Accounts.AccountRole.Administrator;
        if (IsStaff)
        {
            return;
        }

        var saved = await db.SavedAssessments.AsNoTracking().OwnedBy(owner)
            .Select(a => new { a.Id, a.CreatedUtc, a.Disposition })
            .Take(100)
            .ToListAsync(cancellationToken);
        var zone = await BackCare.Web.Check.SavedCheckModel.ZoneOfAsync(db, owner, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        SavedChecks = [.. saved.Select(a => new SavedCheckRow(a.Id, a.CreatedUtc, PatientTimes.Day(a.CreatedUtc, zone, now), LabelOf(a.Disposition)))];
        await audit.RecordListReadAsync<SavedAssessment>(owner, cancellationToken);
    }

    private static string LabelOf(string disposition) =>
        ContractNames.TryParseDisposition(disposition, out var parsed) ? SiteText.English.For(parsed).Label : disposition;
}
