namespace BackCare.Data.Accounts;

/// <summary>A person who can sign in. The entity guards its own lockout state.</summary>
public sealed class Account
{
    public const int FailedSignInsBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public Account(string email, string displayName, AccountRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Id = Guid.CreateVersion7();
        Email = CanonicalEmail(email);
        NormalizedEmail = NormalizeEmail(email);
        DisplayName = displayName.Trim();
        Role = role;
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

    public int FailedSignInCount { get; private set; }

    public DateTime? LockoutEndUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid? ClinicId { get; private set; }

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

    public bool IsLockedOut(DateTime nowUtc) => LockoutEndUtc is { } end && end > nowUtc;

    public void SetPasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>Counts a wrong password; the fifth in a row locks the account for fifteen minutes.</summary>
    public void RecordFailedSignIn(DateTime nowUtc)
    {
        if (IsLockedOut(nowUtc))
        {
            return;
        }

        FailedSignInCount++;
        if (FailedSignInCount >= FailedSignInsBeforeLockout)
        {
            LockoutEndUtc = nowUtc + LockoutDuration;
            FailedSignInCount = 0;
        }
    }

    public void RecordSuccessfulSignIn()
    {
        FailedSignInCount = 0;
        LockoutEndUtc = null;
    }

    public void ChangeRole(AccountRole role) => Role = role;

    public void JoinClinic(Guid clinicId)
    {
        if (clinicId == Guid.Empty)
        {
            throw new ArgumentException("A clinic id cannot be empty.", nameof(clinicId));
        }

        ClinicId = clinicId;
    }

    public void LeaveClinic() => ClinicId = null;
}
