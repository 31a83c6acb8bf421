using BackCare.Data.Accounts;
using BackCare.Web.Email;
using Microsoft.AspNetCore.Identity;

namespace BackCare.Web.Accounts;

/// <summary>
/// The messages about a person's account, each with its links made from the address the request came to (which
/// <c>AllowedHosts</c> limits to this server's own names in Production). All are queued (<see cref="MailSender"/>), so
/// whether one was sent never shows in how long the answer took.
/// </summary>
public sealed class AccountMail(MailSender queue, MailComposer composer, UserManager<Account> users, IHttpContextAccessor http)
{
    public const string ConfirmPath = "/account/confirm";
    public const string ResetPath = "/account/reset-password";
    public const string ForgotPath = "/account/forgot-password";
    public const string ConfirmChangePath = "/account/confirm-new-email";

    /// <summary>After sign-up: follow the link to confirm this address is yours.</summary>
    public async Task SendConfirmationAsync(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = await users.GenerateEmailConfirmationTokenAsync(account);
        queue.Enqueue(composer.ConfirmEmail(account.Email, account.DisplayName, Link(ConfirmPath, ("id", account.Id.ToString()), ("token", token))));
    }

    /// <summary>
    /// After a sign-up that was not refused for its details: the new account is sent its confirmation link, the owner of
    /// a taken address a notice that someone tried. The caller answers the same either way.
    /// </summary>
    public async Task SendAfterSignUpAsync(RegistrationOutcome outcome, string email)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Account is { } account)
        {
            await SendConfirmationAsync(account);
        }
        else if (await users.FindByEmailAsync(email.Trim()) is { } owner)
        {
            SendAccountExists(owner);
        }
    }

    /// <summary>Someone tried to make an account with an address that has one: its owner is told, and nobody else.</summary>
    public void SendAccountExists(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        queue.Enqueue(composer.AccountExists(account.Email, account.DisplayName, Link(SignInSchemes.SignInPath), Link(ForgotPath)));
    }

    /// <summary>A link to set a new password; it works once, and not after the password or the stamp changed.</summary>
    public async Task SendResetAsync(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = await users.GeneratePasswordResetTokenAsync(account);
        queue.Enqueue(composer.ResetPassword(account.Email, account.DisplayName, Link(ResetPath, ("email", account.Email), ("token", token))));
    }

    /// <summary>
    /// To the new address: follow the link to move the account here. Nothing changes until then, so a typo in the new
    /// address, or someone else's, leaves the account where it was.
    /// </summary>
    public async Task SendConfirmNewEmailAsync(Account account, string newEmail)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = await users.GenerateChangeEmailTokenAsync(account, newEmail);
        queue.Enqueue(composer.ConfirmNewEmail(
            newEmail, account.DisplayName, Link(ConfirmChangePath, ("id", account.Id.ToString()), ("email", newEmail), ("token", token))));
    }

    /// <summary>To the old address, once the account moved: if it was not them, reset the password from the link.</summary>
    public void SendEmailChanged(string oldAddress, string? name) =>
        queue.Enqueue(composer.EmailChanged(oldAddress, name, Link(ForgotPath)));

    /// <summary>After a change or a reset: if it was not them, they reset it again from the link.</summary>
    public void SendPasswordChanged(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        queue.Enqueue(composer.PasswordChanged(account.Email, account.DisplayName, Link(ForgotPath)));
    }

    /// <summary>After two-step sign-in was turned on or off: if it was not them, they reset the password from the link, which signs everyone out.</summary>
    public void SendTwoStepChanged(Account account, bool turnedOn)
    {
        ArgumentNullException.ThrowIfNull(account);
        queue.Enqueue(composer.TwoStepSignInChanged(account.Email, account.DisplayName, turnedOn, Link(ForgotPath)));
    }

    private Uri Link(string path, params (string Name, string Value)[] query)
    {
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Account mail is sent while answering a request.");
        var builder = new UriBuilder(request.Scheme, request.Host.Host, request.Host.Port ?? -1, path)
        {
            Query = string.Join('&', query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value))),
        };
        return builder.Uri;
    }
}
