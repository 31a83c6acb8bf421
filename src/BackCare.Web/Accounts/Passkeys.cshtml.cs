using System.Globalization;
using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// A person's passkeys: the list, with a way to remove each (a plain form), and adding one in two steps. First the
/// password (so that a borrowed device or a stolen cookie cannot add a passkey of its own and keep the account), which
/// gives back the options for this device; then the device makes the key when the person presses the button. Making a
/// key needs the browser's WebAuthn script; without it the page says so and the rest works.
/// </summary>
[Authorize]
public sealed partial class PasskeysModel(
    AccountPasskeys passkeys, AccountService accounts, UserManager<Account> users, PasskeyCeremonies ceremonies, ILogger<PasskeysModel> log) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    [BindProperty]
    public string? State { get; set; }

    /// <summary>"added" or "removed", after the change.</summary>
    [BindProperty(Name = "done", SupportsGet = true)]
    public string? Done { get; set; }

    public FormErrors Errors { get; } = new();

    /// <summary>False when the site is reached by an IP address, where no passkey can be made or used.</summary>
    public bool Possible => PasskeyCeremonies.Possible(Request);

    public IReadOnlyList<PasskeySummary> List { get; private set; } = [];

    /// <summary>Set once the password was right: the device may now make the key.</summary>
    public PasskeyStart? Ceremony { get; private set; }

    public static string Added(PasskeySummary passkey) => string.Format(
        CultureInfo.InvariantCulture, AccountText.English["passkey_added_on"], passkey.AddedUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));

    public static string LastUsed(PasskeySummary passkey) => passkey.LastUsedUtc is { } used
        ? string.Format(CultureInfo.InvariantCulture, AccountText.English["passkey_last_used"], used.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
        : AccountText.English["passkey_never_used"];

    public async Task OnGetAsync(CancellationToken cancellationToken) => List = await passkeys.ListAsync(Owner, cancellationToken);

    /// <summary>The first step of adding one: the password, then the options for this device.</summary>
    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var text = AccountText.English;
        List = await passkeys.ListAsync(Owner, cancellationToken);
        if (List.Count >= AccountPasskey.MaximumPerAccount)
        {
            Errors.Add("password", string.Format(CultureInfo.InvariantCulture, text["passkey_limit"], AccountPasskey.MaximumPerAccount));
            return Page();
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add("password", text.PasswordRequired);
            return Page();
        }

        var confirmed = await accounts.ConfirmPasswordAsync(Owner, Password, AccountPages.ClientOf(HttpContext), cancellationToken);
        if (confirmed.Account is not { } account)
        {
            Errors.Add("password", confirmed.Error == SignInError.TooManyAttempts ? text.TooManyTries : text["password_wrong_for_passkey"]);
            return Page();
        }

        Name = AccountPasskey.CleanName(Name);
        Ceremony = await ceremonies.StartRegistrationAsync(account, HttpContext);
        return Page();
    }

    /// <summary>The second step: the device's answer, checked by Identity, then kept.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var text = AccountText.English;
        if (await users.FindByIdAsync(Owner.ToString()) is not { } account)
        {
            return LocalRedirect(AccountLinks.SignInPath);
        }

        var verified = await ceremonies.FinishRegistrationAsync(account, Credential, State, HttpContext);
        if (verified is not { Succeeded: true })
        {
            PasskeyNotAdded(log, verified?.Failure?.Message ?? "no live state or no answer", AccountPages.ClientOf(HttpContext) ?? "unknown");
        }

        var change = verified is { Succeeded: true, Passkey: { } passkey }
            ? await passkeys.AddAsync(Owner, passkey, Name, AccountPages.ClientOf(HttpContext), cancellationToken)
            : (PasskeyChange?)null;
        switch (change)
        {
            case PasskeyChange.Added:
                return LocalRedirect(AccountLinks.PasskeysPath + "?done=added");
            case PasskeyChange.Gone:
                return LocalRedirect(AccountLinks.SignInPath);
            case PasskeyChange.AlreadyAdded:
                Errors.Add("password", text["passkey_already_added"]);
                break;
            case PasskeyChange.TooMany:
                Errors.Add("password", string.Format(CultureInfo.InvariantCulture, text["passkey_limit"], AccountPasskey.MaximumPerAccount));
                break;
            default:
                Errors.Add("password", text["passkey_failed"]);
                break;
        }

        List = await passkeys.ListAsync(Owner, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(id))
        {
            await passkeys.RemoveAsync(Owner, id, AccountPages.ClientOf(HttpContext), cancellationToken);
        }

        return LocalRedirect(AccountLinks.PasskeysPath + "?done=removed");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passkey not added ({Reason}) from {Client}")]
    private static partial void PasskeyNotAdded(ILogger logger, string reason, string client);

    private Guid Owner => AccountClaims.AccountIdOf(User)!.Value;
}
