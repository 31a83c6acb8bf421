using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// Signing in and security: change the password (which signs out everywhere), whether two-step sign-in is on (with
/// the way to set it up or manage it), see where the account is signed in, and sign out on every device at once.
/// </summary>
[Authorize]
public sealed class SecurityModel(
    AccountSessions sessions, AccountPasswords passwords, AccountService accounts, AccountMail mail, AccountTwoStep twoStep, AccountPasskeys passkeys,
    BackCareDbContext db, TimeProvider clock)
    : PageModel
{
    /// <summary>The person's clinic's time zone: when each device signed in is said in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public DateTime NowUtc { get; } = clock.GetUtcNow().UtcDateTime;

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? EmailPassword { get; set; }

    /// <summary>Set once a link was sent to the new address.</summary>
    public string? EmailSent { get; private set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<AccountSession> Sessions { get; private set; } = [];

    public Guid? ThisSession { get; private set; }

    public bool TwoStepOn { get; private set; }

    public int PasskeyCount { get; private set; }

    public static int MinimumPasswordLength => PasswordRules.MinimumLength;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var text = AccountText.English;
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors.Add("currentPassword", text.PasswordRequired);
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            Errors.Add("newPassword", text.PasswordRequired);
        }

        if (!Errors.Any)
        {
            var outcome = await passwords.ChangeAsync(owner, CurrentPassword, NewPassword, AccountPages.ClientOf(HttpContext), cancellationToken);
            switch (outcome)
            {
                case PasswordChange.Changed:
                    await HttpContext.SignOutAsync(SignInSchemes.Cookie);
                    return LocalRedirect("/account/sign-in?changed=password");
                case PasswordChange.Gone:
                    await HttpContext.SignOutAsync(SignInSchemes.Cookie);
                    return LocalRedirect("/account/sign-in");
                case PasswordChange.NewPasswordInvalid:
                    Errors.Add("newPassword", text.For(passwords.LastProblem ?? RegistrationError.PasswordTooShort));
                    break;
                case PasswordChange.TooManyAttempts:
                    Errors.Add("currentPassword", text.TooManyTries);
                    break;
                default:
                    Errors.Add("currentPassword", text.PasswordWrongForChange);
                    break;
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Sends a link to the new address (after the password); the account moves only when it is followed.</summary>
    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var text = AccountText.English;
        if (!AccountService.IsValidEmail(NewEmail))
        {
            Errors.Add("newEmail", text.EmailInvalid);
        }

        if (string.IsNullOrEmpty(EmailPassword))
        {
            Errors.Add("emailPassword", text.PasswordRequired);
        }

        if (!Errors.Any)
        {
            var confirmed = await accounts.ConfirmPasswordAsync(owner, EmailPassword!, AccountPages.ClientOf(HttpContext), cancellationToken);
            if (confirmed.Account is { } account)
            {
                await mail.SendConfirmNewEmailAsync(account, Account.CanonicalEmail(NewEmail!));
                EmailSent = text.EmailChangeSent;
            }
            else
            {
                Errors.Add("emailPassword", confirmed.Error == SignInError.TooManyAttempts ? text.TooManyTries : text.PasswordWrongForChange);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        await sessions.EndAllAsync(owner, AccountEventKind.SignedOutEverywhere, AccountPages.ClientOf(HttpContext), cancellationToken);
        await HttpContext.SignOutAsync(SignInSchemes.Cookie);
        return LocalRedirect("/account/sign-in?changed=everywhere");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sessions = await sessions.OpenSessionsAsync(AccountClaims.AccountIdOf(User)!.Value, cancellationToken);
        Zone = await BackCare.Web.Check.SavedCheckModel.ZoneOfAsync(db, AccountClaims.AccountIdOf(User)!.Value, cancellationToken);
        ThisSession = AccountClaims.SessionIdOf(User);
        TwoStepOn = (await twoStep.StatusAsync(AccountClaims.AccountIdOf(User)!.Value, cancellationToken))?.On == true;
        PasskeyCount = await passkeys.CountAsync(AccountClaims.AccountIdOf(User)!.Value, cancellationToken);
    }
}
