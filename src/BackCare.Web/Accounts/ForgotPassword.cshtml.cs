using BackCare.Data.Accounts;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>Forgot my password: an email address in, the same "check your email" out, whether or not it has an account.</summary>
public sealed class ForgotPasswordModel(AccountMail mail, UserManager<Account> users, FormValidation validation) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public FormErrors Errors { get; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await validation.CheckAsync(new ForgotPasswordForm { Email = Email }, AccountText.English, Errors, cancellationToken);
        if (Errors.Any)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Email!.Trim()) is { } account)
        {
            await mail.SendResetAsync(account);
        }

        await AnswerTime.WaitOutAsync(started, AccountsApi.ResetAnswerFloor, cancellationToken);
        Sent = true;
        return Page();
    }
}
