using System.Security.Cryptography;
using System.Text;
using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Accounts;

/// <summary>
/// Two-step sign-in: set it up (a new key to type into an authenticator app, then a code from the app and the password
/// to turn it on, then ten recovery codes shown once), make new recovery codes, or turn it off (the password again).
/// The key waits in the form, encrypted, until a code proves the app holds it; nothing is stored before. Turning it on
/// or off renews the stamp, so every other session ends, and this one carries on: after turning it on, as a session
/// signed in with two steps, since the person has just shown both their password and their app. Either change is
/// mailed to the account's address. Clinicians and administrators are sent here until they have set it up.
/// </summary>
[Authorize]
public sealed class TwoStepModel(AccountTwoStep twoStep, AccountSessions sessions, AccountMail mail, IDataProtectionProvider dataProtection) : PageModel
{
    /// <summary>How long a key shown for set-up can be confirmed: long enough to find the phone and install an app.</summary>
    private static readonly TimeSpan SetupLifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _setupProtector =
        dataProtection.CreateProtector("BackCare.Accounts.TwoStepSetup.v1").ToTimeLimitedDataProtector();

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The password in the form that turns two steps off (each form on the page has its own field).</summary>
    [BindProperty]
    public string? OffPassword { get; set; }

    /// <summary>The password in the form that makes new recovery codes.</summary>
    [BindProperty]
    public string? CodesPassword { get; set; }

    /// <summary>The key being set up, encrypted and bound to this account, carried by the form.</summary>
    [BindProperty(Name = "setup")]
    public string? SetupToken { get; set; }

    [BindProperty(Name = SignInSchemes.ReturnUrlParameter, SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"off" after turning two-step sign-in off.</summary>
    [BindProperty(Name = "changed", SupportsGet = true)]
    public string? Changed { get; set; }

    public FormErrors Errors { get; } = new();

    public TwoStepStatus Status { get; private set; } = null!;

    /// <summary>The key being set up, in groups of four for typing.</summary>
    public string GroupedKey { get; private set; } = "";

    /// <summary>The key as an <c>otpauth://</c> link, which authenticator apps on the same phone open.</summary>
    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The recovery codes just made; shown on this answer only.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool JustTurnedOn { get; private set; }

    /// <summary>A clinician or administrator who must set it up before anything of their role opens.</summary>
    public bool Required => AccountClaims.NeedsTwoSteps(Status.Role) && !Status.On;

    public bool IsStaff => AccountClaims.NeedsTwoSteps(Status.Role);

    public string NextHref => AccountPages.NextPage(Url, ReturnUrl, null);

    private Guid Me => AccountClaims.AccountIdOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        if (!Status.On)
        {
            ShowKey(twoStep.NewAuthenticatorKey());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostOnAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        if (Status.On)
        {
            return LocalRedirect(AccountLinks.TwoStepPath);
        }

        var text = AccountText.English;
        if (SetupKey() is not { } key)
        {
            Errors.Add("code", text.SetupExpired);
            ShowKey(twoStep.NewAuthenticatorKey());
            return Page();
        }

        ShowKey(key);
        RequireCodeAndPassword(text);
        if (Errors.Any)
        {
            return Page();
        }

        var outcome = await twoStep.TurnOnAsync(Me, key, Code, Password, AccountPages.ClientOf(HttpContext), cancellationToken);
        switch (outcome.Change)
        {
            case TwoStepChange.TurnedOn:
                if (!await CarryOnAsync(outcome.Account!, signedInWithTwoSteps: true, cancellationToken))
                {
                    return await GoneAsync();
                }

                mail.SendTwoStepChanged(outcome.Account!, turnedOn: true);
                JustTurnedOn = true;
                RecoveryCodes = outcome.RecoveryCodes ?? [];
                await LoadAsync(cancellationToken);
                return Page();
            case TwoStepChange.AlreadyOn:
                return LocalRedirect(AccountLinks.TwoStepPath);
            case TwoStepChange.Gone:
                return await GoneAsync();
            default:
                AddRefusal(outcome.Change, text);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostOffAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        var text = AccountText.English;
        if (string.IsNullOrEmpty(OffPassword))
        {
            Errors.Add("offPassword", text.PasswordRequired);
            return Page();
        }

        var outcome = await twoStep.TurnOffAsync(Me, OffPassword, AccountPages.ClientOf(HttpContext), cancellationToken);
        switch (outcome.Change)
        {
            case TwoStepChange.TurnedOff:
                if (!await CarryOnAsync(outcome.Account!, signedInWithTwoSteps: false, cancellationToken))
                {
                    return await GoneAsync();
                }

                mail.SendTwoStepChanged(outcome.Account!, turnedOn: false);
                return LocalRedirect(AccountLinks.TwoStepPath + "?changed=off");
            case TwoStepChange.AlreadyOff:
                return LocalRedirect(AccountLinks.TwoStepPath);
            case TwoStepChange.Gone:
                return await GoneAsync();
            default:
                AddRefusal(outcome.Change, text, "offPassword");
                return Page();
        }
    }

    public async Task<IActionResult> OnPostCodesAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        var text = AccountText.English;
        if (string.IsNullOrEmpty(CodesPassword))
        {
            Errors.Add("codesPassword", text.PasswordRequired);
            return Page();
        }

        var outcome = await twoStep.NewRecoveryCodesAsync(Me, CodesPassword, AccountPages.ClientOf(HttpContext), cancellationToken);
        switch (outcome.Change)
        {
            case TwoStepChange.NewRecoveryCodes:
                RecoveryCodes = outcome.RecoveryCodes ?? [];
                await LoadAsync(cancellationToken);
                return Page();
            case TwoStepChange.AlreadyOff:
                return LocalRedirect(AccountLinks.TwoStepPath);
            case TwoStepChange.Gone:
                return await GoneAsync();
            default:
                AddRefusal(outcome.Change, text, "codesPassword");
                return Page();
        }
    }

    /// <summary>Four characters at a time, as people type from a screen: "JBSW Y3DP EHPK 3PXP".</summary>
    public static string Grouped(string key) => string.Join(' ', (key ?? "").Chunk(4).Select(group => new string(group)));

    /// <summary>The key URI authenticator apps read (<c>otpauth://totp/BackCare:{email}?secret=...&amp;issuer=BackCare</c>).</summary>
    public static string UriFor(string email, string key) =>
        $"otpauth://totp/BackCare:{Uri.EscapeDataString(email)}?secret={key}&issuer=BackCare";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Status = (await twoStep.StatusAsync(Me, cancellationToken))!;
        return Status is not null;
    }

    private void ShowKey(string key)
    {
        GroupedKey = Grouped(key);
        AuthenticatorUri = UriFor(Status.Email, key);
        var bound = Encoding.UTF8.GetBytes(Me.ToString("N") + "\n" + key);
        SetupToken = WebEncoders.Base64UrlEncode(_setupProtector.Protect(bound, SetupLifetime));
    }

    /// <summary>The key from the form, if it was made for this account within the hour and not altered.</summary>
    private string? SetupKey()
    {
        if (string.IsNullOrEmpty(SetupToken))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(_setupProtector.Unprotect(WebEncoders.Base64UrlDecode(SetupToken))).Split('\n');
            return parts is [var account, var key] && account == Me.ToString("N") && key.Length > 0 ? key : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private void RequireCodeAndPassword(AccountText text)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            Errors.Add("code", text.CodeRequired);
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add("password", text.PasswordRequired);
        }
    }

    private void AddRefusal(TwoStepChange change, AccountText text, string passwordField = "password")
    {
        switch (change)
        {
            case TwoStepChange.WrongCode:
                Errors.Add("code", text.SetupCodeWrong);
                break;
            case TwoStepChange.TooManyAttempts:
                Errors.Add(passwordField, text.TooManyTries);
                break;
            default:
                Errors.Add(passwordField, text.PasswordWrongForTwoStep);
                break;
        }
    }

    /// <summary>The change renewed the stamp, which ended this session with the others; this device carries on in a new one.</summary>
    private async Task<bool> CarryOnAsync(Account account, bool signedInWithTwoSteps, CancellationToken cancellationToken)
    {
        var session = AccountClaims.SessionIdOf(User) is { } id
            ? await sessions.ContinueAsync(id, account, signedInWithTwoSteps, AccountPages.ClientOf(HttpContext), cancellationToken)
            : null;
        if (session is null)
        {
            return false;
        }

        await AccountPages.CookieForAsync(HttpContext, account, session);
        return true;
    }

    private async Task<IActionResult> GoneAsync()
    {
        await HttpContext.SignOutAsync(SignInSchemes.Cookie);
        return LocalRedirect(AccountLinks.SignInPath);
    }
}
