using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>The signed-in person who writes with the contact form: who the clinic will answer in the thread.</summary>
public sealed record ContactWriter(Guid Id, string Name, string Email);

/// <summary>
/// A clinic's contact form, with its phone and opening hours beside it. Anyone may write: a visitor's message lands in
/// the clinic's inbox with the name and email or phone they give; a signed-in patient types only the message, which
/// goes into their thread with the clinic (starting it when they have none), where the answer comes.
/// </summary>
public sealed class ContactModel(BackCareDbContext db, ContactLimiter limiter, MessageThreads threads, FormValidation validation)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public Clinic Clinic { get; private set; } = null!;

    public IReadOnlyList<string> Hours { get; private set; } = [];

    public string? Place { get; private set; }

    /// <summary>The signed-in patient, whose message goes into their thread; null for a visitor.</summary>
    public ContactWriter? Writer { get; private set; }

    public string BackHref => Writer is null ? "/" : "/messages";

    public FormErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Writer is null)
        {
            await validation.CheckAsync(new ContactVisitorForm { Name = Name, Email = Email, Phone = Phone }, PageText.English, Errors, cancellationToken);
        }

        await validation.CheckAsync(new MessageForm { Body = Body }, PageText.English, Errors, cancellationToken);
        if (Errors.Any)
        {
            return Page();
        }

        if (!await limiter.TryAcquireAsync(HttpContext))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Errors.Add("body", PageText.English["contact_error_limit"]);
            return Page();
        }

        if (Writer is { } writer)
        {
            await threads.SendFromContactFormAsync(Id, writer.Id, Body!, cancellationToken);
            TempData[nameof(MessagesModel.JustSent)] = true;
            return Redirect($"/messages/{Id}");
        }

        db.ContactRequests.Add(new ContactRequest(Id, Name!, Email, Phone, Body!, AccountClaims.AccountIdOf(User)));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Id, sent = true });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (clinic is null)
        {
            return false;
        }

        Clinic = clinic;
        Hours = await ClinicHours.OfAsync(db, Id, cancellationToken);
        Place = PatientTimes.Place(clinic.TimeZoneId);
        if (AccountClaims.AccountIdOf(User) is { } me && User.IsInRole(nameof(AccountRole.Patient)))
        {
            Writer = await db.Accounts.AsNoTracking().Where(a => a.Id == me)
                .Select(a => new ContactWriter(a.Id, a.DisplayName, a.Email)).SingleOrDefaultAsync(cancellationToken);
        }

        return true;
    }
}
