using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Appointments;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>
/// Make a patient account. The answer is the same page, word for word, whether the email was new or already had an
/// account, so the form cannot be used to learn who has one: "we have sent you an email; sign in". A new address is
/// sent a link to confirm it, the owner of a taken one a notice that someone tried. Signing in then carries the
/// finished check (<c>s</c>) and the return address on, as before.
/// </summary>
public sealed class SignUpModel(
    AccountService accounts, AccountMail mail, CheckStateProtector protector, BackCareDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>The answer comes no sooner than this, whichever way it went (a hash takes about 100 ms here).</summary>
    public static readonly TimeSpan AnswerFloor = TimeSpan.FromMilliseconds(400);

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The clinic chosen in a network (empty: choose later, on the result page).</summary>
    [BindProperty]
    public string? ClinicId { get; set; }

    /// <summary>A network's clinics to choose among, by name; empty with one clinic (everyone's) or none.</summary>
    public IReadOnlyList<SelectOption> Clinics { get; private set; } = [];

    [BindProperty(Name = SignInSchemes.ReturnUrlParameter, SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "s", SupportsGet = true)]
    public string? CheckToken { get; set; }

    public FormErrors Errors { get; private set; } = new();

    /// <summary>True once the form was accepted: the page says to check the email and sign in.</summary>
    public bool Sent { get; private set; }

    public bool SavingCheck { get; private set; }

    public string SignInHref => AccountLinks.SignIn(ReturnUrl, SavingCheck ? CheckToken : null);

    public static int MinimumPasswordLength => PasswordRules.MinimumLength;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);
        await LoadClinicsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);
        var text = AccountText.English;
        Errors = AccountForm.Check(Email, Password, DisplayName);
        if (Errors.Any)
        {
            await LoadClinicsAsync(cancellationToken);
            return Page();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await accounts.RegisterAsync(Email!, Password!, DisplayName!, AccountRole.Patient, cancellationToken);
        if (outcome.Error is { } error and not RegistrationError.EmailTaken)
        {
            Errors.Add(AccountText.FieldOf(error), text.For(error));
            await LoadClinicsAsync(cancellationToken);
            return Page();
        }

        // Looked up whichever way it went; only a new account joins, and the floor below hides the time of the join.
        var clinic = await NewPatientClinic.ClinicForAsync(db, Guid.TryParse(ClinicId, out var chosen) ? chosen : null, cancellationToken);
        if (outcome.Account is { } account && clinic is { } clinicId)
        {
            await NewPatientClinic.JoinAsync(db, audit, clinicId, account.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        await mail.SendAfterSignUpAsync(outcome, Email!);

        await AnswerTime.WaitOutAsync(started, AnswerFloor, cancellationToken);
        Sent = true;
        return Page();
    }

    private async Task LoadClinicsAsync(CancellationToken cancellationToken)
    {
        var clinics = await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Take(BookingOffers.MaxClinicChoices)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        Clinics = clinics.Count < 2 ? [] : [new("", PageText.English["signup_clinic_later"]), .. clinics.Select(c => new SelectOption(c.Id.ToString(), c.Name))];
    }
}
