using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>The page the reset link opens: a new password, then sign in with it (every other session has ended).</summary>
public sealed class ResetPasswordModel(AccountPasswords passwords, AccountMail mail, UserManager<Account> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public FormErrors Errors { get; } = new();

    public static int MinimumPasswordLength => PasswordRules.MinimumLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = AccountText.English;
        var outcome = await passwords.ResetAsync(Email, Token, NewPassword, AccountPages.ClientOf(HttpContext), cancellationToken);
        switch (outcome)
        {
            case PasswordChange.Changed:
                if (await users.FindByEmailAsync(Email!) is { } account)
                {
                    mail.SendPasswordChanged(account);
                }

                return LocalRedirect("/account/sign-in?changed=password");
            case PasswordChange.NewPasswordInvalid:
                Errors.Add("newPassword", text.For(passwords.LastProblem ?? RegistrationError.PasswordTooShort));
                return Page();
            default:
                Errors.Add("newPassword", text.ResetLinkInvalid);
                return Page();
        }
    }
}
