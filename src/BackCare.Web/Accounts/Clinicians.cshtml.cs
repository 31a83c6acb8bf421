using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Clinics;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

public sealed record ClinicianRow(string DisplayName, string Email, string? Clinic);

/// <summary>
/// An administrator makes clinician accounts here, each for a clinic chosen from the list and, with a specialty, in
/// its team of people who see patients for visits (whose weekly hours the clinic's page sets); and sees the ones that exist.
/// </summary>
[Authorize(Policy = AccountPolicies.Administrator)]
public sealed class CliniciansModel(AccountService accounts, BackCareDbContext db, ClinicAdmin admin, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The clinic chosen (a clinic's page links here with <c>?clinic=</c> to choose it at once).</summary>
    [BindProperty]
    public string? ClinicId { get; set; }

    /// <summary>The wire name of what they do; empty for an account that works the worklist and messages only.</summary>
    [BindProperty(Name = "specialty")]
    public string? SpecialtyName { get; set; }

    public IReadOnlyList<ClinicSummary> Clinics { get; private set; } = [];

    [TempData]
    public string? Made { get; set; }

    public FormErrors Errors { get; private set; } = new();

    public IReadOnlyList<ClinicianRow> Clinicians { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken)
    {
        ClinicId = Request.Query["clinic"].FirstOrDefault();
        return LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guid? clinic = Guid.TryParse(ClinicId, out var parsed) ? parsed : null;
        Errors = await ClinicianForm.CheckAsync(Email, Password, DisplayName, clinic, db, cancellationToken);
        Specialty? specialty = null;
        if (ClinicNames.TryParseSpecialty(SpecialtyName, out var what))
        {
            specialty = what;
        }
        else if (!string.IsNullOrEmpty(SpecialtyName))
        {
            Errors.Add("specialty", PageText.English["admin_error_specialty"]);
        }

        if (!Errors.Any)
        {
            var outcome = await accounts.RegisterClinicianAsync(Email!, Password!, DisplayName!, clinic!.Value, cancellationToken);
            if (outcome.Account is { } account)
            {
                await ClinicianForm.JoinTeamAsync(db, audit, account, specialty, cancellationToken);
                Made = account.DisplayName;
                return RedirectToPage();
            }

            Errors.Add("email", AccountText.English.EmailTaken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Clinics = await admin.ListAsync(cancellationToken);
        Clinicians = await (from a in db.Accounts.AsNoTracking()
                            where a.Role == AccountRole.Clinician
                            join c in db.Clinics.AsNoTracking() on a.ClinicId equals c.Id into clinics
                            from c in clinics.DefaultIfEmpty()
                            orderby a.DisplayName
                            select new ClinicianRow(a.DisplayName, a.Email, c == null ? null : c.Name))
            .Take(500)
            .ToListAsync(cancellationToken);
    }
}
