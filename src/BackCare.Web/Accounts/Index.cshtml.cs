using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

public sealed record SavedCheckRow(Guid Id, DateTime CreatedUtc, string Day, string Label);

/// <summary>
/// The signed-in person's account: their saved checks, the contact details their clinic sees (an optional date of birth
/// and phone number), and the ways to see, download or delete what is held. Staff see only their sign-in and security
/// pages: a clinic's account is closed by an administrator, not deleted by its holder.
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

    [BindProperty(Name = "dobDay")]
    public string? DayOfBirth { get; set; }

    [BindProperty(Name = "dobMonth")]
    public string? MonthOfBirth { get; set; }

    [BindProperty(Name = "dobYear")]
    public string? YearOfBirth { get; set; }

    [BindProperty(Name = ContactForm.PhoneField)]
    public string? Phone { get; set; }

    public FormErrors Errors { get; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(fillContactDetails: true, cancellationToken);

    /// <summary>Keeps the contact details; a problem is said at the top and beside its field, and nothing typed is lost.</summary>
    public async Task<IActionResult> OnPostContactAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == owner, cancellationToken);
        if (account is null || account.Role != BackCare.Data.Accounts.AccountRole.Patient)
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (dateOfBirth, phone) = ContactForm.Check(DayOfBirth, MonthOfBirth, YearOfBirth, Phone, today, Errors);
        if (Errors.Any)
        {
            await LoadAsync(fillContactDetails: false, cancellationToken);
            return Page();
        }

        account.SetContactDetails(dateOfBirth, phone, today);
        await db.SaveChangesAsync(cancellationToken);
        Notice = AccountText.English["contact_saved"];
        return RedirectToPage();
    }

    private async Task LoadAsync(bool fillContactDetails, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == owner)
            .Select(a => new { a.DisplayName, a.Email, a.Role, a.DateOfBirth, a.Phone })
            .SingleOrDefaultAsync(cancellationToken);
        DisplayName = account?.DisplayName ?? "";
        Email = account?.Email ?? "";
        IsAdministrator = account?.Role == BackCare.Data.Accounts.AccountRole.Administrator;
        IsStaff = account?.Role is BackCare.Data.Accounts.AccountRole.Clinician or BackCare.Data.Accounts.AccountRole.Administrator;
        if (IsStaff)
        {
            return;
        }

        if (fillContactDetails && account?.DateOfBirth is { } born)
        {
            (DayOfBirth, MonthOfBirth, YearOfBirth) = (Number(born.Day), Number(born.Month), Number(born.Year));
        }

        if (fillContactDetails)
        {
            Phone = account?.Phone;
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

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string LabelOf(string disposition) =>
        ContractNames.TryParseDisposition(disposition, out var parsed) ? SiteText.English.For(parsed).Label : disposition;
}
