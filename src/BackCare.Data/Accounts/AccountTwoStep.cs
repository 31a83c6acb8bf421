using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

public enum TwoStepChange
{
    TurnedOn,
    TurnedOff,
    NewRecoveryCodes,
    WrongPassword,
    TooManyAttempts,

    /// <summary>The code typed at set-up was not the one the authenticator app shows for the key.</summary>
    WrongCode,
    AlreadyOn,
    AlreadyOff,

    /// <summary>The account no longer exists.</summary>
    Gone,
}

/// <summary>What a change of two-step sign-in did; <see cref="RecoveryCodes"/> are shown once and never kept in plain.</summary>
public sealed record TwoStepOutcome(TwoStepChange Change, Account? Account = null, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>Whether an account signs in with two steps, and how many recovery codes it has left.</summary>
public sealed record TwoStepStatus(bool On, int RecoveryCodesLeft, AccountRole Role, string Email);

/// <summary>
/// Turning two-step sign-in on and off, through Identity's user manager. Each change asks for the password again: a
/// session alone (a borrowed device, a stolen cookie) must not be able to turn two steps off, nor turn them on with an
/// authenticator of its own and lock the owner out. Turning on also asks for a code from the new key, so nobody is
/// left with a key their app does not hold. Both renew the security stamp, which ends every other session; the device
/// that made the change carries on (<see cref="AccountSessions.ContinueAsync"/>).
/// </summary>
public sealed class AccountTwoStep(BackCareDbContext db, UserManager<Account> users, IUserStore<Account> store, AccountService accounts, TimeProvider clock)
{
    /// <summary>How many recovery codes a person gets: one for each time they might lose or replace their phone, and more.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>A new random key (160 bits, in base 32) for the authenticator app; nothing is stored until it is confirmed.</summary>
    public string NewAuthenticatorKey() => users.GenerateNewAuthenticatorKey();

    public async Task<TwoStepStatus?> StatusAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        return account is null ? null : new TwoStepStatus(account.TwoFactorEnabled, await users.CountRecoveryCodesAsync(account), account.Role, account.Email);
    }

    /// <summary>
    /// Turns two steps on with <paramref name="key"/> once <paramref name="code"/> shows the person's app holds it:
    /// the key (encrypted) and the hashes of <see cref="RecoveryCodeCount"/> new recovery codes are stored, the stamp is
    /// renewed and the event recorded, all in one transaction.
    /// </summary>
    public async Task<TwoStepOutcome> TurnOnAsync(
        Guid accountId, string key, string? code, string? password, string? client, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var (refused, account) = await ConfirmAsync(accountId, password, client, cancellationToken);
        if (account is null)
        {
            return new TwoStepOutcome(refused ?? TwoStepChange.Gone);
        }

        if (account.TwoFactorEnabled)
        {
            return new TwoStepOutcome(TwoStepChange.AlreadyOn, account);
        }

        var typed = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        await KeyStore.SetAuthenticatorKeyAsync(account, key, cancellationToken);
        if (!AccountService.IsAuthenticatorCode(typed) || !await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, typed))
        {
            db.ChangeTracker.Clear();
            return new TwoStepOutcome(TwoStepChange.WrongCode, account);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList();
        var enabled = await users.SetTwoFactorEnabledAsync(account, true);
        if (codes is null || !enabled.Succeeded)
        {
            // The account changed meanwhile (its password, say): nothing is kept, and the person tries again.
            db.ChangeTracker.Clear();
            return new TwoStepOutcome(TwoStepChange.Gone);
        }

        db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.TwoFactorEnabled, clock.GetUtcNow().UtcDateTime, client));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TwoStepOutcome(TwoStepChange.TurnedOn, account, codes);
    }

    /// <summary>Turns two steps off: the key and the recovery codes go, and the stamp is renewed (<see cref="Account.TurnOffTwoStep"/>).</summary>
    public async Task<TwoStepOutcome> TurnOffAsync(Guid accountId, string? password, string? client, CancellationToken cancellationToken = default)
    {
        var (refused, account) = await ConfirmAsync(accountId, password, client, cancellationToken);
        if (account is null)
        {
            return new TwoStepOutcome(refused ?? TwoStepChange.Gone);
        }

        if (!account.TwoFactorEnabled)
        {
            return new TwoStepOutcome(TwoStepChange.AlreadyOff, account);
        }

        account.TurnOffTwoStep();
        db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.TwoFactorDisabled, clock.GetUtcNow().UtcDateTime, client));
        await db.SaveChangesAsync(cancellationToken);
        return new TwoStepOutcome(TwoStepChange.TurnedOff, account);
    }

    /// <summary>
    /// For someone who lost both their authenticator and their recovery codes, once the operator has made sure who they
    /// are another way: two steps are turned off as if by the person (key and codes gone, every session ended), and the
    /// account's history says it was done on the server. Staff are sent to set up an authenticator again at their next
    /// sign-in; passkeys stay.
    /// </summary>
    public async Task<TwoStepOutcome> TurnOffByOperatorAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = Account.NormalizeEmail(email ?? "");
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
        if (account is null)
        {
            return new TwoStepOutcome(TwoStepChange.Gone);
        }

        if (!account.TwoFactorEnabled)
        {
            return new TwoStepOutcome(TwoStepChange.AlreadyOff, account);
        }

        account.TurnOffTwoStep();
        db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.TwoFactorDisabled, clock.GetUtcNow().UtcDateTime, OperatorClient));
        await db.SaveChangesAsync(cancellationToken);
        return new TwoStepOutcome(TwoStepChange.TurnedOff, account);
    }

    /// <summary>Where the history says a change made with <c>backcare admin</c> on the server came from.</summary>
    public const string OperatorClient = "the server (backcare admin)";

    /// <summary>New recovery codes in place of the old ones (used or not), for someone who has used most of theirs. No session ends.</summary>
    public async Task<TwoStepOutcome> NewRecoveryCodesAsync(Guid accountId, string? password, string? client, CancellationToken cancellationToken = default)
    {
        var (refused, account) = await ConfirmAsync(accountId, password, client, cancellationToken);
        if (account is null)
        {
            return new TwoStepOutcome(refused ?? TwoStepChange.Gone);
        }

        if (!account.TwoFactorEnabled)
        {
            return new TwoStepOutcome(TwoStepChange.AlreadyOff, account);
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList();
        return codes is null ? new TwoStepOutcome(TwoStepChange.Gone) : new TwoStepOutcome(TwoStepChange.NewRecoveryCodes, account, codes);
    }

    private IUserAuthenticatorKeyStore<Account> KeyStore =>
        store as IUserAuthenticatorKeyStore<Account> ?? throw new InvalidOperationException("The account store keeps no authenticator keys.");

    /// <summary>
    /// The password again, counted like a sign-in (<see cref="AccountService.ConfirmPasswordAsync"/>); then the account as
    /// stored, or why there is none.
    /// </summary>
    private async Task<(TwoStepChange? Refused, Account? Account)> ConfirmAsync(
        Guid accountId, string? password, string? client, CancellationToken cancellationToken)
    {
        var confirmed = await accounts.ConfirmPasswordAsync(accountId, password ?? "", client, cancellationToken);
        if (!confirmed.Succeeded)
        {
            return (confirmed.Error == SignInError.TooManyAttempts ? TwoStepChange.TooManyAttempts : TwoStepChange.WrongPassword, null);
        }

        // The check may have rehashed the password; start from what is stored.
        db.ChangeTracker.Clear();
        var account = await users.FindByIdAsync(accountId.ToString());
        return account is null ? (TwoStepChange.Gone, null) : (null, account);
    }
}
