using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

public sealed record ClinicianRow(string DisplayName, string Email, Guid? ClinicId);

/// <summary>An administrator makes clinician accounts here, and sees the ones that exist.</summary>
[Authorize(Policy = AccountPolicies.Administrator)]
public sealed class CliniciansModel(AccountService accounts, BackCareDbContext db) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ClinicId { get; set; }

    [TempData]
    public string? Made { get; set; }

    public FormErrors Errors { get; private set; } = new();

    public IReadOnlyList<ClinicianRow> Clinicians { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guid? clinic = Guid.TryParse(ClinicId, out var parsed) ? parsed : null;
        Errors = await ClinicianForm.CheckAsync(Email, Password, DisplayName, clinic, db, cancellationToken);
        if (!Errors.Any)
        {
            var outcome = await accounts.RegisterClinicianAsync(Email!, Password!, DisplayName!, clinic!.Value, cancellationToken);
            if (outcome.Account is { } account)
            {
                Made = account.DisplayName;
                return RedirectToPage();
            }

            Errors.Add("email", AccountText.English.EmailTaken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Clinicians = await db.Accounts.AsNoTracking()
            .Where(a => a.Role == AccountRole.Clinician)
            .OrderBy(a => a.DisplayName)
            .Select(a => new ClinicianRow(a.DisplayName, a.Email, a.ClinicId))
            .Take(500)
            .ToListAsync(cancellationToken);
}
