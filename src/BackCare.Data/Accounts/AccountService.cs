using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Accounts;

/// <summary>
/// Registration and sign-in (the password, then for an account with two-step sign-in on the code), slowed per email
/// and client. Erasing an account is <see cref="PersonalData.AccountErasure"/>.
/// </summary>
public sealed partial class AccountService(BackCareDbContext db, IPasswordHasher<Account> hasher, UserManager<Account> users, AuditLog audit, TimeProvider clock, ILogger<AccountService> log)
{
    /// <summary>The longest recovery code looked at; anything longer is wrong without a lookup.</summary>
    private const int MaximumCodeLength = 64;

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
        account.SetPasswordHash(hasher.HashPassword(account, password));
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

    /// <summary>
    /// Checks an email and password from a client (its network address). Unknown email, wrong password and a client
    /// made to wait (<see cref="SignInThrottle"/>) cost the same hashing work and give the caller nothing to tell them
    /// apart by but the error, which the pages and the API put in the same words. A client that must wait is refused
    /// even with the right password, or the waits would not slow a guesser down.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, string? client, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await CheckAsync(email, password, client, cancellationToken);
        if (!outcome.Succeeded)
        {
            // Never the password, nor the email (a password typed into the email box is common): the throttle's key
            // names the pair, and the account's own history holds the rest.
            SignInRefused(log, outcome.Error?.ToString() ?? "unknown", client ?? "unknown", SignInThrottle.KeyFor(Account.NormalizeEmail(email ?? ""), client)[..12]);
            // The three ways to fail do different database work; none answers sooner than the others.
            await AnswerTime.WaitOutAsync(started, FailureAnswerFloor, cancellationToken);
        }

        return outcome;
    }

    /// <summary>A failed sign-in is answered no sooner than this after it began (a password hash takes about 100 ms here).</summary>
    public static readonly TimeSpan FailureAnswerFloor = TimeSpan.FromMilliseconds(300);

    private async Task<SignInOutcome> CheckAsync(string email, string password, string? client, CancellationToken cancellationToken)
    {
        var normalized = Account.NormalizeEmail(email ?? "");
        var now = clock.GetUtcNow().UtcDateTime;
        var key = SignInThrottle.KeyFor(normalized, client);
        var throttle = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
        if (throttle is not null && throttle.IsBlocked(now))
        {
            hasher.VerifyHashedPassword(Decoy.Value.Account, Decoy.Value.Hash, password ?? "");
            if (account is not null)
            {
                db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.SignInThrottled, now, client));
                await db.SaveChangesAsync(cancellationToken);
            }

            return new SignInOutcome(null, SignInError.TooManyAttempts, throttle.BlockedUntilUtc);
        }

        if (account is null)
        {
            hasher.VerifyHashedPassword(Decoy.Value.Account, Decoy.Value.Hash, password ?? "");
            var blocked = await CountFailureAsync(key, null, AccountEventKind.SignInFailed, client, now, cancellationToken);
            return new SignInOutcome(null, SignInError.InvalidCredentials, blocked);
        }

        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var blocked = await CountFailureAsync(key, account.Id, AccountEventKind.SignInFailed, client, now, cancellationToken);
            return new SignInOutcome(null, SignInError.InvalidCredentials, blocked);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(hasher.HashPassword(account, password ?? ""));
        }

        // With two steps, the count goes on until the code is right too: else giving the password again between
        // wrong codes would start the count afresh, and codes could be guessed without ever waiting.
        if (throttle is not null && !account.TwoFactorEnabled)
        {
            db.SignInThrottles.Remove(throttle);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A wrong password from the same client counted a moment ago; the right one still signs in.
            db.ChangeTracker.Clear();
        }

        return new SignInOutcome(account, null);
    }

    /// <summary>
    /// The second step of a sign-in, after <see cref="SignInAsync"/> said <see cref="SignInOutcome.SecondStepRequired"/>:
    /// the six digits the authenticator app shows, or one of the recovery codes (each works once).
    /// <paramref name="securityStamp"/> is the account's stamp when the password was given, so a password changed or
    /// two steps turned off since then ends the attempt. A wrong code counts towards the same waits per email and client
    /// as a wrong password, and a client that must wait is refused even with the right code, so a code is guessed no
    /// faster than a password. Failures are answered no sooner than <see cref="FailureAnswerFloor"/>, like wrong passwords.
    /// </summary>
    public async Task<SignInOutcome> SignInWithCodeAsync(
        Guid accountId, string? securityStamp, string? code, string? client, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await CheckCodeAsync(accountId, securityStamp, code, client, cancellationToken);
        if (!outcome.Succeeded)
        {
            await AnswerTime.WaitOutAsync(started, FailureAnswerFloor, cancellationToken);
        }

        return outcome;
    }

    private async Task<SignInOutcome> CheckCodeAsync(Guid accountId, string? securityStamp, string? code, string? client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !account.TwoFactorEnabled || !string.Equals(account.SecurityStamp, securityStamp, StringComparison.Ordinal))
        {
            return new SignInOutcome(null, SignInError.StartAgain);
        }

        var key = SignInThrottle.KeyFor(account.NormalizedEmail, client);
        var throttle = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (throttle is not null && throttle.IsBlocked(now))
        {
            db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.SignInThrottled, now, client));
            await db.SaveChangesAsync(cancellationToken);
            return new SignInOutcome(null, SignInError.TooManyAttempts, throttle.BlockedUntilUtc);
        }

        var typed = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        var recovery = !IsAuthenticatorCode(typed);
        var right = typed.Length is > 0 and <= MaximumCodeLength && (recovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(account, typed)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, typed));
        if (!right)
        {
            // A recovery code that lost a race to another sign-in leaves the account changed in the tracker.
            db.ChangeTracker.Clear();
            var blocked = await CountFailureAsync(key, account.Id, AccountEventKind.TwoStepCodeFailed, client, now, cancellationToken);
            return new SignInOutcome(null, SignInError.WrongCode, blocked);
        }

        if (throttle is not null)
        {
            db.SignInThrottles.Remove(throttle);
        }

        if (recovery)
        {
            db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.RecoveryCodeUsed, now, client));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }

        return new SignInOutcome(account, null);
    }

    /// <summary>Six digits, as an authenticator app shows them; anything else is taken for a recovery code.</summary>
    public static bool IsAuthenticatorCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// Counts a wrong password or code against the email and client, and records it in the account's history when there
    /// is an account. The count is a concurrency token, so a burst of wrong passwords sent at once counts every one.
    /// </summary>
    private async Task<DateTime?> CountFailureAsync(
        string key, Guid? accountId, AccountEventKind kind, string? client, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var throttle = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
            if (throttle is null)
            {
                throttle = new SignInThrottle(key);
                db.SignInThrottles.Add(throttle);
            }

            throttle.RecordFailure(now);
            if (accountId is { } id)
            {
                db.AccountEvents.Add(new AccountEvent(id, kind, now, client));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return throttle.BlockedUntilUtc;
            }
            catch (DbUpdateException e) when (attempt < MaxSignInSaveAttempts && (e is DbUpdateConcurrencyException || IsUniqueViolation(e)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Asks a signed-in person for their password again before something that cannot be undone. A wrong password
    /// counts towards the client's waits exactly as at sign-in, so this cannot be used to guess it.
    /// </summary>
    public async Task<SignInOutcome> ConfirmPasswordAsync(Guid accountId, string password, string? client, CancellationToken cancellationToken = default)
    {
        var email = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        return email is null
            ? new SignInOutcome(null, SignInError.InvalidCredentials)
            : await SignInAsync(email, password, client, cancellationToken);
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

    private static bool IsUniqueViolation(DbUpdateException e) => e.IsUniqueViolation();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused ({Why}) from {Client}; throttle key {Key}")]
    private static partial void SignInRefused(ILogger logger, string why, string client, string key);
}
