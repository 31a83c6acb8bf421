using BackCare.Data.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// Make a patient account. The answer is the same page, word for word, whether the email was new or already had an
/// account, so the form cannot be used to learn who has one: "we have sent you an email; sign in". A new address is
/// sent a link to confirm it, the owner of a taken one a notice that someone tried. Signing in then carries the
/// finished check (<c>s</c>) and the return address on, as before.
/// </summary>
public sealed class SignUpModel(AccountService accounts, AccountMail mail, CheckStateProtector protector) : PageModel
{
    /// <summary>The answer comes no sooner than this, whichever way it went (a hash takes about 100 ms here).</summary>
    public static readonly TimeSpan AnswerFloor = TimeSpan.FromMilliseconds(400);

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

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

    public void OnGet() => SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);
        var text = AccountText.English;
        Errors = AccountForm.Check(Email, Password, DisplayName);
        if (Errors.Any)
        {
            return Page();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await accounts.RegisterAsync(Email!, Password!, DisplayName!, AccountRole.Patient, cancellationToken);
        if (outcome.Error is { } error and not RegistrationError.EmailTaken)
        {
            Errors.Add(AccountText.FieldOf(error), text.For(error));
            return Page();
        }

        await mail.SendAfterSignUpAsync(outcome, Email!);

        await AnswerTime.WaitOutAsync(started, AnswerFloor, cancellationToken);
        Sent = true;
        return Page();
    }
}
