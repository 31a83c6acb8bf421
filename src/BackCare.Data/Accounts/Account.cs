using Microsoft.AspNetCore.Identity;

namespace BackCare.Data.Accounts;

/// <summary>
/// A person who can sign in. Its security stamp changes whenever what it may do changes (its password, its role, its
/// clinic) or it signs out everywhere, and every session and token carries the stamp it was issued with, so such a
/// change ends them all (<see cref="AccountSessions"/>). Wrong passwords are counted per address and client in
/// <see cref="SignInThrottle"/>, not here, so that nobody can lock another person out. With two-step sign-in on, a
/// password alone no longer signs in: a code from the person's authenticator app or one of their recovery codes must
/// follow (<see cref="AccountTwoStep"/>).
/// </summary>
public sealed class Account
{
    public Account(string email, string displayName, AccountRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Id = Guid.CreateVersion7();
        Email = CanonicalEmail(email);
        NormalizedEmail = NormalizeEmail(email);
        DisplayName = displayName.Trim();
        Role = role;
        SecurityStamp = NewSecurityStamp();
    }

    private Account()
    {
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public AccountRole Role { get; private set; }

    /// <summary>Changes when every session and token of the account must end; a random value, never shown.</summary>
    public string SecurityStamp { get; private set; } = "";

    /// <summary>True once the person followed the link sent to <see cref="Email"/>.</summary>
    public bool EmailConfirmed { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid? ClinicId { get; private set; }

    /// <summary>True when signing in takes a code from an authenticator app (or a recovery code) after the password.</summary>
    public bool TwoFactorEnabled { get; private set; }

    /// <summary>
    /// The authenticator app's shared secret, encrypted with Data Protection by <see cref="AccountUserStore"/>: whoever
    /// reads the table (a backup, a leaked dump) cannot make codes from it. Null while two-step sign-in is off.
    /// </summary>
    public string? AuthenticatorKey { get; private set; }

    /// <summary>
    /// The recovery codes not used yet, each kept only as a hash (<see cref="AccountUserStore"/>), separated by spaces.
    /// A concurrency token: the same code redeemed twice at once succeeds once.
    /// </summary>
    public string? RecoveryCodeHashes { get; private set; }

    /// <summary>
    /// The 30-second step (since 1970) of the last authenticator code that was accepted: a code of that step or an
    /// earlier one is refused, so a code seen over a shoulder or caught in transit cannot be used again.
    /// </summary>
    public long? LastAuthenticatorStep { get; private set; }

    /// <summary>The person's date of birth, when they gave it: how a clinic tells two people of one name apart.</summary>
    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>The phone number as the person wrote it (trimmed), when they gave one.</summary>
    public string? Phone { get; private set; }

    /// <summary>Only the digits of <see cref="Phone"/>: what a clinic's search for a number compares.</summary>
    public string? PhoneDigits { get; private set; }

    /// <summary>The email as kept and shown: trimmed and NFKC-normalised (a valid email is NFKC already), its case as typed.</summary>
    public static string CanonicalEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return UnicodeText.Nfkc(email.Trim());
    }

    /// <summary>
    /// The form emails are compared in: trimmed, NFKC, then upper case (the stored column's form since the start; upper
    /// and lower case compare the same once NFKC has made compatibility letters ordinary).
    /// </summary>
    public static string NormalizeEmail(string email) => UnicodeText.Nfkc(email.Trim()).ToUpperInvariant();

    /// <summary>
    /// Sets the hash of the password. Not a change of password by itself: <see cref="UserManager{TUser}"/> renews the
    /// stamp when a person changes or resets theirs, and a rehash of the same password must not sign anyone out.
    /// </summary>
    public void SetPasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>Ends every session and token of the account at their next request.</summary>
    public void RenewSecurityStamp() => SecurityStamp = NewSecurityStamp();

    internal void SetSecurityStamp(string stamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stamp);
        SecurityStamp = stamp;
    }

    public void ConfirmEmail() => EmailConfirmed = true;

    /// <summary>A new address, once its owner has confirmed it (Identity's email-change flow renews the stamp after).</summary>
    internal void ChangeEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Email = CanonicalEmail(email);
        NormalizedEmail = NormalizeEmail(email);
    }

    internal void SetEmailConfirmed(bool confirmed) => EmailConfirmed = confirmed;

    /// <summary>A new role ends the sessions made under the old one: a demoted administrator's token stops at once.</summary>
    public void ChangeRole(AccountRole role)
    {
        if (Role != role)
        {
            Role = role;
            RenewSecurityStamp();
        }
    }

    public void JoinClinic(Guid clinicId)
    {
        if (clinicId == Guid.Empty)
        {
            throw new ArgumentException("A clinic id cannot be empty.", nameof(clinicId));
        }

        if (ClinicId != clinicId)
        {
            ClinicId = clinicId;
            RenewSecurityStamp();
        }
    }

    /// <summary>A clinician who leaves their clinic loses its records at their next request, whatever cookie they hold.</summary>
    public void LeaveClinic()
    {
        if (ClinicId is not null)
        {
            ClinicId = null;
            RenewSecurityStamp();
        }
    }

    /// <summary>
    /// The contact details a clinic needs, each optional (null or blank clears it); refuses a date of birth that is not
    /// in the past (<paramref name="today"/>) or implausibly long ago, and a phone that breaks <see cref="ContactDetails"/>.
    /// </summary>
    public void SetContactDetails(DateOnly? dateOfBirth, string? phone, DateOnly today)
    {
        if (dateOfBirth is { } date && ContactDetails.DateOfBirthProblemOf(date, today) is { } dateProblem)
        {
            throw new ArgumentException($"Not a date of birth: {dateProblem}.", nameof(dateOfBirth));
        }

        var trimmed = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (trimmed is not null && ContactDetails.PhoneProblemOf(trimmed) is { } phoneProblem)
        {
            throw new ArgumentException($"Not a phone number: {phoneProblem}.", nameof(phone));
        }

        DateOfBirth = dateOfBirth;
        Phone = trimmed;
        PhoneDigits = trimmed is null ? null : ContactDetails.Digits(trimmed);
    }

    internal void SetTwoFactorEnabled(bool enabled) => TwoFactorEnabled = enabled;

    internal void SetAuthenticatorKey(string? protectedKey) => AuthenticatorKey = protectedKey;

    internal void SetRecoveryCodeHashes(string? hashes) => RecoveryCodeHashes = string.IsNullOrEmpty(hashes) ? null : hashes;

    /// <summary>
    /// Turns two-step sign-in off: the authenticator key and the recovery codes go, and every session ends, since the
    /// ones signed in with two steps would otherwise keep a standing they no longer have.
    /// </summary>
    public void TurnOffTwoStep()
    {
        TwoFactorEnabled = false;
        AuthenticatorKey = null;
        RecoveryCodeHashes = null;
        RenewSecurityStamp();
    }

    private static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
