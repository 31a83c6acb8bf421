namespace BackCare.Data.Accounts;

public enum SessionKind
{
    /// <summary>Signed in on the site, with the sign-in cookie.</summary>
    Cookie,

    /// <summary>Signed in through the API, with a bearer token and a refresh token.</summary>
    Token,
}

/// <summary>
/// One signed-in session: a browser's cookie, or an API client's tokens. Every request checks that its session still
/// exists, has not passed its absolute end, and was made under the account's current security stamp; signing out
/// deletes the row, so the cookie or token that named it stops working at once, wherever it is.
/// </summary>
public sealed class AccountSession
{
    /// <summary>Clinicians and administrators: a working day, however busy.</summary>
    public static readonly TimeSpan StaffLifetime = TimeSpan.FromHours(12);

    /// <summary>A patient who did not ask to be remembered.</summary>
    public static readonly TimeSpan PatientLifetime = TimeSpan.FromHours(12);

    /// <summary>A patient who asked to be remembered on their own device.</summary>
    public static readonly TimeSpan RememberedPatientLifetime = TimeSpan.FromDays(30);

    public AccountSession(Account account, SessionKind kind, bool remember, DateTime nowUtc, string? remoteAddress, bool twoStep = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        Id = Guid.CreateVersion7();
        AccountId = account.Id;
        Kind = kind;
        SecurityStamp = account.SecurityStamp;
        StartedUtc = nowUtc;
        EndsUtc = nowUtc + LifetimeFor(account.Role, remember);
        Remembered = remember && account.Role == AccountRole.Patient;
        RemoteAddress = remoteAddress;
        TwoStep = twoStep;
    }

    private AccountSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public SessionKind Kind { get; private set; }

    /// <summary>The account's stamp when the session began; a session made under an older stamp is over.</summary>
    public string SecurityStamp { get; private set; } = "";

    public DateTime StartedUtc { get; private set; }

    /// <summary>The absolute end: no renewal of a cookie or a token goes past it.</summary>
    public DateTime EndsUtc { get; private set; }

    public bool Remembered { get; private set; }

    public string? RemoteAddress { get; private set; }

    /// <summary>
    /// Signed in with two steps (the password and then a code), or carried on right after the person proved their
    /// authenticator by turning two-step sign-in on. Only such a session may open the clinic and administration pages.
    /// </summary>
    public bool TwoStep { get; private set; }

    /// <summary>A session that carries on from another keeps that one's end: carrying on never lengthens a session.</summary>
    internal void EndNoLaterThan(DateTime endUtc)
    {
        if (endUtc < EndsUtc)
        {
            EndsUtc = endUtc;
        }
    }

    public static TimeSpan LifetimeFor(AccountRole role, bool remember) => role switch
    {
        AccountRole.Patient => remember ? RememberedPatientLifetime : PatientLifetime,
        _ => StaffLifetime,
    };

    public bool IsOpen(DateTime nowUtc, string accountStamp) =>
        EndsUtc > nowUtc && string.Equals(SecurityStamp, accountStamp, StringComparison.Ordinal);
}
