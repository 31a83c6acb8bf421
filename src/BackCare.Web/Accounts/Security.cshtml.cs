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
public sealed class SecurityModel(AccountSessions sessions, AccountPasswords passwords, AccountTwoStep twoStep) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<AccountSession> Sessions { get; private set; } = [];

    public Guid? ThisSession { get; private set; }

    public bool TwoStepOn { get; private set; }

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
        ThisSession = AccountClaims.SessionIdOf(User);
        TwoStepOn = (await twoStep.StatusAsync(AccountClaims.AccountIdOf(User)!.Value, cancellationToken))?.On == true;
    }
}
