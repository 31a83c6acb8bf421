using BackCare.Data.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCare.Data.Accounts;

/// <summary>Registration and password sign-in with lockout. Erasing an account is <see cref="PersonalData.AccountErasure"/>.</summary>
public sealed class AccountService(BackCareDbContext db, IPasswordHasher<Account> hasher, AuditLog audit, TimeProvider clock)
{
    public const int MaximumEmailLength = 254;
    private const int MaxSignInSaveAttempts = 20;

    // Verified against when the email is unknown, so that a miss costs as long as a wrong password.
    private static readonly Lazy<(Account Account, string Hash)> Decoy = new(() =>
    {
        var account = new Account("decoy@backcare.invalid", "decoy", AccountRole.Patient);
        return (account, new PasswordHasher<Account>().HashPassword(account, Guid.NewGuid().ToString()));
    });

    public Task<RegistrationOutcome> RegisterAsync(
        string email, string password, string displayName, AccountRole role = AccountRole.Patient, CancellationToken cancellationToken = default) =>
        CreateAsync(email, password, displayName, role, clinicId: null, cancellationToken);

    /// <summary>A clinician's account, made by an administrator: it belongs to one clinic from the start.</summary>
    public Task<RegistrationOutcome> RegisterClinicianAsync(
        string email, string password, string displayName, Guid clinicId, CancellationToken cancellationToken = default)
    {
        if (clinicId == Guid.Empty)
        {
            throw new ArgumentException("A clinician needs a clinic.", nameof(clinicId));
        }

        return CreateAsync(email, password, displayName, AccountRole.Clinician, clinicId, cancellationToken);
    }

    private async Task<RegistrationOutcome> CreateAsync(
        string email, string password, string displayName, AccountRole role, Guid? clinicId, CancellationToken cancellationToken)
    {
        if (Check(email, password, displayName) is [var problem, ..])
        {
            return RegistrationOutcome.Failed(problem);
        }

        // Hashed before the email is looked up, so that a taken email costs as long as a new one.
        var account = new Account(email, displayName, role);
        account.SetPasswordHash(hasher.HashPassword(account, PasswordRules.Normalize(password)));
        var normalized = Account.NormalizeEmail(email);
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == normalized, cancellationToken))
        {
            return RegistrationOutcome.Failed(RegistrationError.EmailTaken);
        }

        if (clinicId is { } clinic)
        {
            account.JoinClinic(clinic);
        }

        db.Accounts.Add(account);
        var created = audit.Stage(AuditAction.Create, account.Id, nameof(Account), account.Id.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Someone registered the same email between the check and the insert.
            db.Entry(account).State = EntityState.Detached;
            db.Entry(created).State = EntityState.Detached;
            return RegistrationOutcome.Failed(RegistrationError.EmailTaken);
        }

        return new RegistrationOutcome(account, null);
    }

    /// <summary>Every problem of a new account's details, in the order of the sign-up form's fields: name, email, password.</summary>
    public static IReadOnlyList<RegistrationError> Check(string? email, string? password, string? displayName)
    {
        var problems = new List<RegistrationError>(3);
        if (string.IsNullOrWhiteSpace(displayName))
        {
            problems.Add(RegistrationError.DisplayNameRequired);
        }

        if (!IsValidEmail(email))
        {
            problems.Add(RegistrationError.InvalidEmail);
        }

        if (PasswordRules.Problem(password, email) is { } weak)
        {
            problems.Add(weak);
        }

        return problems;
    }

    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var normalized = Account.NormalizeEmail(email ?? "");
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
        if (account is null)
        {
            hasher.VerifyHashedPassword(Decoy.Value.Account, Decoy.Value.Hash, password ?? "");
            return new SignInOutcome(null, SignInError.InvalidCredentials);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (account.IsLockedOut(now))
        {
            return new SignInOutcome(null, SignInError.LockedOut, account.LockoutEndUtc);
        }

        var given = PasswordRules.Normalize(password ?? "");
        var verdict = Verify(account, given, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            await SaveCountingConflictsAsync(account, a => a.RecordFailedSignIn(now), cancellationToken);
            return account.IsLockedOut(now)
                ? new SignInOutcome(null, SignInError.LockedOut, account.LockoutEndUtc)
                : new SignInOutcome(null, SignInError.InvalidCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(hasher.HashPassword(account, given));
        }

        await SaveCountingConflictsAsync(account, a =>
        {
            if (!a.IsLockedOut(now))
            {
                a.RecordSuccessfulSignIn();
            }
        }, cancellationToken);
        return account.IsLockedOut(now)
            ? new SignInOutcome(null, SignInError.LockedOut, account.LockoutEndUtc)
            : new SignInOutcome(account, null);
    }

    /// <summary>
    /// Checks the normalised password, then the password as typed: a hash made before passwords were normalised
    /// (NFKC) is of the typed form. A match on that form asks for a new hash, of the normalised one.
    /// </summary>
    private PasswordVerificationResult Verify(Account account, string normalized, string typed)
    {
        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, normalized);
        if (verdict != PasswordVerificationResult.Failed || string.Equals(normalized, typed, StringComparison.Ordinal))
        {
            return verdict;
        }

        return hasher.VerifyHashedPassword(account, account.PasswordHash, typed) == PasswordVerificationResult.Failed
            ? PasswordVerificationResult.Failed
            : PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>
    /// Asks a signed-in person for their password again before something that cannot be undone. A wrong password
    /// counts towards the lockout exactly as at sign-in, so this cannot be used to guess it.
    /// </summary>
    public async Task<SignInOutcome> ConfirmPasswordAsync(Guid accountId, string password, CancellationToken cancellationToken = default)
    {
        var email = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        return email is null
            ? new SignInOutcome(null, SignInError.InvalidCredentials)
            : await SignInAsync(email, password, cancellationToken);
    }

    /// <summary>
    /// Applies a change to the sign-in counters and saves it. The counters are concurrency tokens, so when
    /// another sign-in changed them first the change is made again on fresh values: a burst of wrong passwords
    /// sent at once still counts every one of them.
    /// </summary>
    private async Task SaveCountingConflictsAsync(Account account, Action<Account> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            change(account);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSignInSaveAttempts)
            {
                await db.Entry(account).ReloadAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// An address of one '@' with a dotted domain, written as it would be kept: no invisible or control characters
    /// (a zero-width space), nothing NFKC would change (a full-width letter), and no part that mixes Latin letters with
    /// Greek or Cyrillic ones (a Cyrillic 'а' in a Latin name). Such a lookalike is refused, never a second account.
    /// </summary>
    public static bool IsValidEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > MaximumEmailLength || at <= 0 || at != trimmed.LastIndexOf('@') || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (trimmed.Any(IsInvisible) || !string.Equals(UnicodeText.Nfkc(trimmed), trimmed, StringComparison.Ordinal)
            || trimmed.Split('@', '.').Any(MixesScripts))
        {
            return false;
        }

        var domain = trimmed[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..", StringComparison.Ordinal);
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control
        or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
        or System.Globalization.UnicodeCategory.OtherNotAssigned;

    /// <summary>Latin together with Greek or Cyrillic letters in one part of an address: the lookalikes of phishing.</summary>
    private static bool MixesScripts(string part)
    {
        var latin = part.Any(c => char.IsLetter(c) && c <= '\u024f');
        var greekOrCyrillic = part.Any(c => c is >= '\u0370' and <= '\u052f');
        return latin && greekOrCyrillic;
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
