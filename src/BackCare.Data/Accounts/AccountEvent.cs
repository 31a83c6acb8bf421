namespace BackCare.Data.Accounts;

/// <summary>What happened to an account's sign-in, for the person's own activity page and for an investigation.</summary>
public enum AccountEventKind
{
    SignedIn,
    SignInFailed,
    SignInThrottled,
    SignedOut,
    SignedOutEverywhere,
    PasswordChanged,
    PasswordReset,
    EmailConfirmed,
    EmailChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RefreshTokenReused,

    /// <summary>The password was right but the code after it was not: someone may know the password.</summary>
    TwoStepCodeFailed,

    /// <summary>A recovery code was used to sign in; it will not work again.</summary>
    RecoveryCodeUsed,

    PasskeyAdded,
    PasskeyRemoved,

    /// <summary>Signed in with a passkey instead of a password (the session is also recorded as <see cref="SignedIn"/>).</summary>
    SignedInWithPasskey,
}

/// <summary>One sign-in event of an account: when, what, and from which address. Erased with the account.</summary>
public sealed class AccountEvent
{
    public AccountEvent(Guid accountId, AccountEventKind kind, DateTime atUtc, string? remoteAddress)
    {
        AccountId = accountId;
        Kind = kind;
        AtUtc = atUtc;
        RemoteAddress = remoteAddress;
    }

    private AccountEvent()
    {
    }

    public long Id { get; private set; }

    public Guid AccountId { get; private set; }

    public AccountEventKind Kind { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? RemoteAddress { get; private set; }
}
