using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

public enum PasswordChange
{
    Changed,
    WrongCurrentPassword,
    TooManyAttempts,
    NewPasswordInvalid,

    /// <summary>The account no longer exists.</summary>
    Gone,
}

/// <summary>
/// Changing a password through Identity's user manager: the new one must meet <see cref="PasswordRules"/>, the
/// security stamp is renewed, and every session of the account ends with it.
/// </summary>
public sealed class AccountPasswords(BackCareDbContext db, UserManager<Account> users, AccountService accounts, TimeProvider clock)
{
    /// <summary>What was wrong with the new password, after <see cref="PasswordChange.NewPasswordInvalid"/>.</summary>
    public RegistrationError? LastProblem { get; private set; }

    /// <summary>
    /// Checks the current password as sign-in does (a wrong one counts towards the client's waits), then sets the new
    /// one. On success nobody is signed in to the account any more, on any device.
    /// </summary>
    public async Task<PasswordChange> ChangeAsync(
        Guid accountId, string? currentPassword, string? newPassword, string? client, CancellationToken cancellationToken = default)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null)
        {
            return PasswordChange.Gone;
        }

        var confirmed = await accounts.ConfirmPasswordAsync(accountId, currentPassword ?? "", client, cancellationToken);
        if (!confirmed.Succeeded)
        {
            return confirmed.Error == SignInError.TooManyAttempts ? PasswordChange.TooManyAttempts : PasswordChange.WrongCurrentPassword;
        }

        LastProblem = PasswordRules.Problem(newPassword, account.Email);
        if (LastProblem is not null)
        {
            return PasswordChange.NewPasswordInvalid;
        }

        // The account may have been rehashed by the check above; start from what is stored.
        db.ChangeTracker.Clear();
        account = await users.FindByIdAsync(accountId.ToString());
        if (account is null)
        {
            return PasswordChange.Gone;
        }

        var result = await users.ChangePasswordAsync(account, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            return PasswordChange.WrongCurrentPassword;
        }

        await EndSessionsAsync(accountId, AccountEventKind.PasswordChanged, client, cancellationToken);
        return PasswordChange.Changed;
    }

    /// <summary>A reset token for the account, to be sent in a link to its email; it stops working once used or once the stamp changes.</summary>
    public Task<string> ResetTokenAsync(Account account) => users.GeneratePasswordResetTokenAsync(account);

    /// <summary>Sets a new password with a reset token from the email; every session ends, as after a change.</summary>
    public async Task<PasswordChange> ResetAsync(string? email, string? token, string? newPassword, string? client, CancellationToken cancellationToken = default)
    {
        var account = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);
        if (account is null || string.IsNullOrEmpty(token))
        {
            return PasswordChange.WrongCurrentPassword;
        }

        LastProblem = PasswordRules.Problem(newPassword, account.Email);
        if (LastProblem is not null)
        {
            return PasswordChange.NewPasswordInvalid;
        }

        var result = await users.ResetPasswordAsync(account, token, newPassword!);
        if (!result.Succeeded)
        {
            return PasswordChange.WrongCurrentPassword;
        }

        // Whoever could not sign in because of wrong guesses can now: the reset proves they hold the email.
        await db.SignInThrottles.Where(t => t.Key == SignInThrottle.KeyFor(account.NormalizedEmail, client)).ExecuteDeleteAsync(cancellationToken);
        await EndSessionsAsync(account.Id, AccountEventKind.PasswordReset, client, cancellationToken);
        return PasswordChange.Changed;
    }

    /// <summary>Confirms the account's email with the token from the link sent to it; false for a wrong or old token.</summary>
    public async Task<bool> ConfirmEmailAsync(Guid? accountId, string? token, CancellationToken cancellationToken = default)
    {
        if (accountId is not { } id || string.IsNullOrEmpty(token) || await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return false;
        }

        // A link used twice still says "confirmed"; a made-up token never does, confirmed or not.
        var before = account.EmailConfirmed;
        var result = await users.ConfirmEmailAsync(account, token);
        if (result.Succeeded && !before)
        {
            db.AccountEvents.Add(new AccountEvent(id, AccountEventKind.EmailConfirmed, clock.GetUtcNow().UtcDateTime, null));
            await db.SaveChangesAsync(cancellationToken);
        }

        return result.Succeeded;
    }

    /// <summary>
    /// Moves the account to a new address with the token from the link sent there: the new address is confirmed by
    /// being used, the stamp is renewed and every session ends. False for a wrong or old token, or an address another
    /// account took meanwhile. Returns the old address, for the notice sent to it.
    /// </summary>
    public async Task<string?> ChangeEmailAsync(Guid? accountId, string? newEmail, string? token, string? client, CancellationToken cancellationToken = default)
    {
        if (accountId is not { } id || string.IsNullOrWhiteSpace(newEmail) || string.IsNullOrEmpty(token)
            || !AccountService.IsValidEmail(newEmail) || await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return null;
        }

        var old = account.Email;
        var result = await users.ChangeEmailAsync(account, newEmail.Trim(), token);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        await EndSessionsAsync(id, AccountEventKind.EmailChanged, client, cancellationToken);
        return old;
    }

    private async Task EndSessionsAsync(Guid accountId, AccountEventKind why, string? client, CancellationToken cancellationToken)
    {
        await db.AccountSessions.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        db.AccountEvents.Add(new AccountEvent(accountId, why, clock.GetUtcNow().UtcDateTime, client));
        await db.SaveChangesAsync(cancellationToken);
    }
}
