using BackCare.Data.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>Make a patient account and sign in with it. Carries a finished check (<c>s</c>) to save to the new account.</summary>
public sealed class SignUpModel(AccountService accounts, CheckSaver saver, CheckStateProtector protector) : PageModel
{
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

        var outcome = await accounts.RegisterAsync(Email!, Password!, DisplayName!, AccountRole.Patient, cancellationToken);
        if (outcome.Account is not { } account)
        {
            Errors.Add(AccountText.FieldOf(outcome.Error!.Value), text.For(outcome.Error.Value));
            return Page();
        }

        await AccountPages.SignInWithCookieAsync(HttpContext, account);
        var saved = SavingCheck ? await saver.SaveAsync(account.Id, CheckToken, cancellationToken) : null;
        return LocalRedirect(AccountPages.NextPage(Url, ReturnUrl, saved is null ? null : CheckToken));
    }
}
