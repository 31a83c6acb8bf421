using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// The page the link to a new address opens. A GET only shows a button: mail scanners open links, and moving an
/// account must be the person's own act. The POST moves it, ends every session and tells the old address.
/// </summary>
public sealed class ConfirmNewEmailModel(AccountPasswords passwords, AccountMail mail, UserManager<Account> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var old = await passwords.ChangeEmailAsync(Id, Email, Token, AccountPages.ClientOf(HttpContext), cancellationToken);
        if (old is null)
        {
            Failed = true;
            return Page();
        }

        var account = await users.FindByIdAsync(Id!.Value.ToString());
        mail.SendEmailChanged(old, account?.DisplayName);
        await HttpContext.SignOutAsync(SignInSchemes.Cookie);
        return LocalRedirect("/account/sign-in?changed=email");
    }
}
