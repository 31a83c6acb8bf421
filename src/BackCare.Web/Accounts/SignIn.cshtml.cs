using BackCare.Data.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// Sign in with email and password. Carries a finished check (<c>s</c>) to save to the account once signed in. For an
/// account with two-step sign-in on, a right password starts no session: the person goes on to the code page with a
/// ticket (<see cref="TwoStepTickets"/>) in a cookie. A clinician or administrator without two steps is signed in but
/// sent to set them up first, since nothing of their role opens until they have.
/// </summary>
public sealed class SignInModel(AccountService accounts, CheckSaver saver, CheckStateProtector protector, TwoStepTickets tickets) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>"Keep me signed in on this device": a patient's session lasts 30 days instead of ending with the browser.</summary>
    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(Name = SignInSchemes.ReturnUrlParameter, SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "s", SupportsGet = true)]
    public string? CheckToken { get; set; }

    /// <summary>
    /// What just happened before coming here: "password" (changed), "everywhere" (signed out on every device) or "code"
    /// (the second step took too long or no longer holds).
    /// </summary>
    [BindProperty(Name = "changed", SupportsGet = true)]
    public string? Changed { get; set; }

    public FormErrors Errors { get; } = new();

    public bool SavingCheck { get; private set; }

    public string SignUpHref => AccountLinks.SignUp(ReturnUrl, SavingCheck ? CheckToken : null);

    public void OnGet() => SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);
        var text = AccountText.English;
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add("email", text.EmailInvalid);
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add("password", text.PasswordRequired);
        }

        if (Errors.Any)
        {
            return Page();
        }

        var outcome = await accounts.SignInAsync(Email!, Password!, AccountPages.ClientOf(HttpContext), cancellationToken);
        if (outcome.Account is not { } account)
        {
            Errors.Add("email", text.SignInFailed(outcome.Error));
            return Page();
        }

        if (outcome.SecondStepRequired)
        {
            var ticket = tickets.Issue(account, RememberMe, ReturnUrl, SavingCheck ? CheckToken : null);
            TwoStepTickets.SetCookie(HttpContext, ticket);
            return LocalRedirect(AccountLinks.SignInCodePath);
        }

        await AccountPages.SignInWithCookieAsync(HttpContext, account, RememberMe);
        var saved = SavingCheck ? await saver.SaveAsync(account.Id, CheckToken, cancellationToken) : null;
        var next = AccountPages.NextPage(Url, ReturnUrl, saved is null ? null : CheckToken);
        return LocalRedirect(AccountClaims.NeedsTwoSteps(account.Role) ? AccountLinks.TwoStep(next) : next);
    }
}
