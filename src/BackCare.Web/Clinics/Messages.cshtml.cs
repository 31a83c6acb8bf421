using BackCare.Data;
using BackCare.Web.Accounts;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>The signed-in person's secure thread with a clinic they are a patient of.</summary>
[Authorize]
public sealed class MessagesModel(BackCareDbContext db, MessageThreads threads, FormValidation validation, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ClinicId { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [TempData]
    public bool JustSent { get; set; }

    public string ClinicName { get; private set; } = "";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The place whose clock the times are on ("New York"), or null for a zone with no place.</summary>
    public string? Place { get; private set; }

    public string ClinicPhone { get; private set; } = "";

    public DateTime NowUtc { get; private set; }

    /// <summary>The form's problem, if any, shown the site's way.</summary>
    public FormErrors Errors { get; } = new();

    public IReadOnlyList<ThreadMessage> Messages { get; private set; } = [];

    private Guid Me => AccountClaims.AccountIdOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await threads.IsPatientAsync(ClinicId, Me, cancellationToken))
        {
            return NotFound();
        }

        await validation.CheckAsync(new MessageForm { Body = Body }, PageText.English, Errors, cancellationToken);
        if (Errors.Any)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        await threads.SendFromPersonAsync(ClinicId, Me, Body!, cancellationToken);
        JustSent = true;
        return RedirectToPage(new { ClinicId });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await threads.IsPatientAsync(ClinicId, Me, cancellationToken))
        {
            return false;
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == ClinicId, cancellationToken);
        ClinicName = clinic.Name;
        ClinicPhone = clinic.Phone;
        Zone = clinic.TimeZone;
        Place = Text.PatientTimes.Place(clinic.TimeZoneId);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Messages = await threads.ReadAsync(ClinicId, Me, readerIsClinic: false, cancellationToken);
        return true;
    }
}
