using BackCare.Data.Accounts;
using BackCare.Data.PersonalData;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>Delete my account: a confirmation page that asks for the password again, then erases everything (patients only).</summary>
[Authorize]
public sealed class DeleteModel(AccountService accounts, AccountErasure erasure, FormValidation validation) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    public FormErrors Errors { get; } = new();

    /// <summary>Staff accounts are the clinic's to close: for them this page does not exist.</summary>
    public IActionResult OnGet() => StaffPages.IsStaff(User) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (StaffPages.IsStaff(User))
        {
            return NotFound();
        }

        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var text = AccountText.English;
        await validation.CheckAsync(new DeleteAccountForm { Password = Password }, text, Errors, cancellationToken);
        if (Errors.Any)
        {
            return Page();
        }

        var confirmed = await accounts.ConfirmPasswordAsync(owner, Password!, AccountPages.ClientOf(HttpContext), cancellationToken);
        if (!confirmed.Succeeded)
        {
            Errors.Add("password", confirmed.Error == SignInError.TooManyAttempts ? text.TooManyTries : text.PasswordWrongForDelete);
            return Page();
        }

        await erasure.EraseAsync(owner, cancellationToken);
        await HttpContext.SignOutAsync(SignInSchemes.Cookie); // the sessions went with the account
        return LocalRedirect("/account/deleted");
    }
}
