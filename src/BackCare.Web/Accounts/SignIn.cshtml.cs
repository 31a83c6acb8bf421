using BackCare.Data.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Forms;
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
public sealed partial class SignInModel(
    AccountService accounts, CheckSaver saver, CheckStateProtector protector, TwoStepTickets tickets,
    PasskeyCeremonies ceremonies, AccountPasskeys passkeys, FormValidation validation, ILogger<SignInModel> log) : PageModel
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

    /// <summary>A passkey's answer from the browser (<c>passkeys.js</c>), and the sealed state its options came with.</summary>
    [BindProperty]
    public string? Credential { get; set; }

    [BindProperty]
    public string? State { get; set; }

    public FormErrors Errors { get; } = new();

    public bool SavingCheck { get; private set; }

    /// <summary>The options for signing in with a passkey, made fresh with each showing of the page.</summary>
    public PasskeyStart? Passkey { get; private set; }

    public string SignUpHref => AccountLinks.SignUp(ReturnUrl, SavingCheck ? CheckToken : null);

    public async Task OnGetAsync()
    {
        SavingCheck = CheckSaver.IsFinished(protector.Unprotect(CheckToken), out _);
        Passkey = PasskeyCeremonies.Possible(Request) ? await ceremonies.StartSignInAsync(HttpContext) : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync();
        var text = AccountText.English;
        await validation.CheckAsync(new SignInForm { Email = Email, Password = Password }, text, Errors, cancellationToken);

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

    /// <summary>
    /// Signing in with a passkey: Identity's handler checks the device's signature over this page's challenge; the
    /// device must also have checked the person (PIN, fingerprint or face), so the session counts as two steps and
    /// opens the clinic and admin pages. A passkey cannot be guessed, so a failure counts towards no wait, but is logged.
    /// </summary>
    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken cancellationToken)
    {
        var text = AccountText.English;
        var verified = await ceremonies.FinishSignInAsync(Credential, State, HttpContext);
        await OnGetAsync();
        if (verified is not { Succeeded: true, User: { } user, Passkey: { } passkey })
        {
            PasskeyRefused(log, verified?.Failure?.Message ?? "no live state or no answer", AccountPages.ClientOf(HttpContext) ?? "unknown");
            Errors.Add("passkey", text["passkey_sign_in_failed"]);
            return Page();
        }

        if (!passkey.IsUserVerified)
        {
            PasskeyRefused(log, "the device did not verify the person", AccountPages.ClientOf(HttpContext) ?? "unknown");
            Errors.Add("passkey", text["passkey_needs_screen_lock"]);
            return Page();
        }

        if (await passkeys.SignedInAsync(user, passkey, AccountPages.ClientOf(HttpContext), cancellationToken) is not { } account)
        {
            Errors.Add("passkey", text["passkey_sign_in_failed"]);
            return Page();
        }

        await AccountPages.SignInWithCookieAsync(HttpContext, account, RememberMe, twoStep: true);
        var saved = SavingCheck ? await saver.SaveAsync(account.Id, CheckToken, cancellationToken) : null;
        return LocalRedirect(AccountPages.NextPage(Url, ReturnUrl, saved is null ? null : CheckToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passkey sign-in refused ({Reason}) from {Client}")]
    private static partial void PasskeyRefused(ILogger logger, string reason, string client);
}
