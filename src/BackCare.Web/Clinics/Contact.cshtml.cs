using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
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
public sealed class ContactModel(BackCareDbContext db, ContactLimiter limiter, MessageThreads threads) : PageModel
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 40;

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

        Check();
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

    private void Check()
    {
        var text = PageText.English;
        if (Writer is null)
        {
            if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
            {
                Errors.Add("name", text["contact_error_name"]);
            }

            var hasEmail = !string.IsNullOrWhiteSpace(Email);
            var hasPhone = !string.IsNullOrWhiteSpace(Phone);
            if (!hasEmail && !hasPhone)
            {
                Errors.Add("email", text["contact_error_reach"]);
            }
            else if (hasEmail && !AccountService.IsValidEmail(Email))
            {
                Errors.Add("email", text["contact_error_email"]);
            }

            if (hasPhone && (Phone!.Length > MaxPhoneLength || !Phone.Any(char.IsDigit)))
            {
                Errors.Add("phone", text["contact_error_phone"]);
            }
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            Errors.Add("body", text["contact_error_body"]);
        }
        else if (Body.Length > Math.Min(ContactRequest.MaxBodyLength, Message.MaxBodyLength))
        {
            Errors.Add("body", text.Format("contact_error_too_long", Math.Min(ContactRequest.MaxBodyLength, Message.MaxBodyLength)));
        }
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
