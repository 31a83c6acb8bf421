using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>A clinic's contact form: anyone may write, and it lands in the clinic's inbox.</summary>
public sealed class ContactModel(BackCareDbContext db, ContactLimiter limiter) : PageModel
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

        if (!limiter.TryAcquire(HttpContext))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Errors.Add("body", "You have sent several messages in a short time. Please wait an hour, or phone the clinic.");
            return Page();
        }

        db.ContactRequests.Add(new ContactRequest(Id, Name!, Email, Phone, Body!, AccountClaims.AccountIdOf(User)));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Id, sent = true });
    }

    private void Check()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
        {
            Errors.Add("name", "Tell us your name.");
        }

        var hasEmail = !string.IsNullOrWhiteSpace(Email);
        var hasPhone = !string.IsNullOrWhiteSpace(Phone);
        if (!hasEmail && !hasPhone)
        {
            Errors.Add("email", "Give an email address or a phone number, so the clinic can answer you.");
        }
        else if (hasEmail && !AccountService.IsValidEmail(Email))
        {
            Errors.Add("email", "Give an email address like name@example.org.");
        }

        if (hasPhone && (Phone!.Length > MaxPhoneLength || !Phone.Any(char.IsDigit)))
        {
            Errors.Add("phone", "Give a phone number with its digits, like +1 555 0100.");
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            Errors.Add("body", "Write your message.");
        }
        else if (Body.Length > ContactRequest.MaxBodyLength)
        {
            Errors.Add("body", $"Your message is too long: keep it under {ContactRequest.MaxBodyLength} characters.");
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Clinic = (await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken))!;
        return Clinic is not null;
    }
}
