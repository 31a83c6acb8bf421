using System.Security.Cryptography;
using System.Text;
using BackCare.Data.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's view of the <c>accounts</c> table, so that <see cref="UserManager{TUser}"/> can make and
/// check its tokens (email confirmation, password reset), change passwords through the password rules, renew the
/// security stamp, and check authenticator and recovery codes. The user name is the email; the table and its columns
/// are BackCare's own (decision 0010). Neither second-step secret is kept as given: the authenticator key is encrypted
/// with Data Protection (a code can only be checked with the key itself, so it cannot be hashed), and each recovery
/// code is kept as a hash, like a password, since it only ever has to be recognised.
/// </summary>
public sealed class AccountUserStore(BackCareDbContext db, IDataProtectionProvider dataProtection) :
    IUserPasswordStore<Account>,
    IUserEmailStore<Account>,
    IUserSecurityStampStore<Account>,
    IUserAuthenticatorKeyStore<Account>,
    IUserTwoFactorStore<Account>,
    IUserTwoFactorRecoveryCodeStore<Account>,
    IUserPasskeyStore<Account>
{
    private readonly IDataProtector _keyProtector = dataProtection.CreateProtector("BackCare.Accounts.AuthenticatorKey.v1");

    public Task<string> GetUserIdAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(Of(user).Id.ToString());

    public Task<string?> GetUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(Of(user).Email);

    public Task SetUserNameAsync(Account user, string? userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The user name is the email; change it with the email-change flow.");

    public Task<string?> GetNormalizedUserNameAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Of(user).NormalizedEmail);

    /// <summary>The normalised email is the account's own (<see cref="Account.NormalizeEmail"/>); Identity's is not kept.</summary>
    public Task SetNormalizedUserNameAsync(Account user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken)
    {
        db.Accounts.Add(Of(user));
        return await SaveAsync(cancellationToken);
    }

    public Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken)
    {
        if (db.Entry(Of(user)).State == EntityState.Detached)
        {
            db.Accounts.Update(user);
        }

        return SaveAsync(cancellationToken);
    }

    /// <summary>Erasing a person is <see cref="PersonalData.AccountErasure"/>, which removes their records first.</summary>
    public Task<IdentityResult> DeleteAsync(Account user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Erase an account with AccountErasure, which removes every record of the person.");

    public async Task<Account?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;

    public async Task<Account?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken)
    {
        Of(user).SetPasswordHash(passwordHash ?? throw new ArgumentNullException(nameof(passwordHash), "An account always has a password."));
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(Of(user).PasswordHash);

    public Task<bool> HasPasswordAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(Of(user).PasswordHash.Length > 0);

    public Task SetEmailAsync(Account user, string? email, CancellationToken cancellationToken)
    {
        Of(user).ChangeEmail(email ?? throw new ArgumentNullException(nameof(email), "An account always has an email."));
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(Of(user).Email);

    public Task<bool> GetEmailConfirmedAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(Of(user).EmailConfirmed);

    public Task SetEmailConfirmedAsync(Account user, bool confirmed, CancellationToken cancellationToken)
    {
        Of(user).SetEmailConfirmed(confirmed);
        return Task.CompletedTask;
    }

    public async Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<string?> GetNormalizedEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(Of(user).NormalizedEmail);

    public Task SetNormalizedEmailAsync(Account user, string? normalizedEmail, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken)
    {
        Of(user).SetSecurityStamp(stamp);
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(Of(user).SecurityStamp);

    public Task SetAuthenticatorKeyAsync(Account user, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Of(user).SetAuthenticatorKey(_keyProtector.Protect(key));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The key in plain, or null when there is none or it can no longer be decrypted (the Data Protection keys it was
    /// encrypted with are gone). Then no authenticator code matches and the person signs in with a recovery code.
    /// </summary>
    public Task<string?> GetAuthenticatorKeyAsync(Account user, CancellationToken cancellationToken)
    {
        if (Of(user).AuthenticatorKey is not { } stored)
        {
            return Task.FromResult<string?>(null);
        }

        try
        {
            return Task.FromResult<string?>(_keyProtector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return Task.FromResult<string?>(null);
        }
    }

    public Task SetTwoFactorEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken)
    {
        Of(user).SetTwoFactorEnabled(enabled);
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(Of(user).TwoFactorEnabled);

    public Task ReplaceCodesAsync(Account user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        var account = Of(user);
        account.SetRecoveryCodeHashes(string.Join(' ', recoveryCodes.Select(code => RecoveryCodeHash(account.Id, code))));
        return Task.CompletedTask;
    }

    /// <summary>True, and the code is struck off, when it is one of the account's unused codes. Typed case and dashes do not matter.</summary>
    public Task<bool> RedeemCodeAsync(Account user, string code, CancellationToken cancellationToken)
    {
        var account = Of(user);
        if (string.IsNullOrWhiteSpace(code) || account.RecoveryCodeHashes is not { } stored)
        {
            return Task.FromResult(false);
        }

        var hashes = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var given = RecoveryCodeHash(account.Id, code);
        var index = hashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(given)));
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        hashes.RemoveAt(index);
        account.SetRecoveryCodeHashes(string.Join(' ', hashes));
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult(Of(user).RecoveryCodeHashes?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0);

    /// <summary>
    /// SHA-256 of the account's id and the code as typed without dashes or spaces, in upper case. The id makes the same
    /// code a different hash in every account, so a table of hashes serves one account only; a code has about 47 bits,
    /// and one alone never signs in (it follows the password, hashed with PBKDF2).
    /// </summary>
    internal static string RecoveryCodeHash(Guid accountId, string code)
    {
        var plain = new string([.. code.Where(c => c != '-' && !char.IsWhiteSpace(c))]).ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accountId.ToString("N") + "\n" + plain)));
    }

    /// <summary>Adds the passkey, or updates its counter and backup state after a sign-in; saved at once, like Identity's own stores.</summary>
    public async Task AddOrUpdatePasskeyAsync(Account user, UserPasskeyInfo passkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        var account = Of(user);
        var id = AccountPasskey.IdOf(passkey.CredentialId);
        var stored = await db.AccountPasskeys.SingleOrDefaultAsync(p => p.CredentialId == id && p.AccountId == account.Id, cancellationToken);
        if (stored is null)
        {
            db.AccountPasskeys.Add(new AccountPasskey(account.Id, passkey));
        }
        else
        {
            stored.Update(passkey);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(Account user, CancellationToken cancellationToken)
    {
        var account = Of(user);
        var passkeys = await db.AccountPasskeys.AsNoTracking().Where(p => p.AccountId == account.Id).ToListAsync(cancellationToken);
        return [.. passkeys.OrderBy(p => p.CreatedUtc).Select(p => p.ToInfo())];
    }

    public async Task<Account?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var id = AccountPasskey.IdOf(credentialId);
        var owner = await db.AccountPasskeys.AsNoTracking().Where(p => p.CredentialId == id).Select(p => (Guid?)p.AccountId).SingleOrDefaultAsync(cancellationToken);
        return owner is { } accountId ? await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken) : null;
    }

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var account = Of(user);
        var id = AccountPasskey.IdOf(credentialId);
        var stored = await db.AccountPasskeys.AsNoTracking().SingleOrDefaultAsync(p => p.CredentialId == id && p.AccountId == account.Id, cancellationToken);
        return stored?.ToInfo();
    }

    public async Task RemovePasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var account = Of(user);
        var id = AccountPasskey.IdOf(credentialId);
        await db.AccountPasskeys.Where(p => p.CredentialId == id && p.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
    }

    public void Dispose()
    {
    }

    private static Account Of(Account user) => user ?? throw new ArgumentNullException(nameof(user));

    private async Task<IdentityResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(""));
        }
    }
}

/// <summary>
/// Hashes the NFKC form of a password (<see cref="PasswordRules.Normalize"/>), so the same password typed with
/// full-width or composed letters on another keyboard still matches. A hash made before normalisation, of the form as
/// typed, still verifies, and asks to be made again of the normalised form.
/// </summary>
public sealed class NormalizingPasswordHasher : IPasswordHasher<Account>
{
    private readonly PasswordHasher<Account> _inner = new();

    public string HashPassword(Account user, string password) => _inner.HashPassword(user, PasswordRules.Normalize(password));

    public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
    {
        var normalized = PasswordRules.Normalize(providedPassword);
        var verdict = _inner.VerifyHashedPassword(user, hashedPassword, normalized);
        if (verdict != PasswordVerificationResult.Failed || string.Equals(normalized, providedPassword, StringComparison.Ordinal))
        {
            return verdict;
        }

        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
            ? PasswordVerificationResult.Failed
            : PasswordVerificationResult.SuccessRehashNeeded;
    }
}

/// <summary>BackCare's password rules (<see cref="PasswordRules"/>) as an Identity validator, for changes and resets.</summary>
public sealed class PasswordRulesValidator : IPasswordValidator<Account>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(PasswordRules.Problem(password, user.Email) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = problem.ToString(), Description = problem.ToString() })
            : IdentityResult.Success);
    }
}

/// <summary>Identity looks emails up in the account's own normal form (<see cref="Account.NormalizeEmail"/>).</summary>
public sealed class AccountEmailNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name is null ? null : Account.NormalizeEmail(name);

    public string? NormalizeEmail(string? email) => email is null ? null : Account.NormalizeEmail(email);
}
