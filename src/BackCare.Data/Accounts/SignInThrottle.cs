using System.Security.Cryptography;
using System.Text;

namespace BackCare.Data.Accounts;

/// <summary>
/// Wrong passwords for one email from one client (its network address). After <see cref="FreeFailures"/> in a row,
/// each further one makes that client wait longer before it may try that email again: 30 seconds, a minute, two,
/// up to <see cref="LongestWait"/>. Keyed by the pair, never by the account alone, so a stranger guessing from one
/// address slows only themselves: the owner signing in from anywhere else is not held up, and can always reset the
/// password by email. Kept for unknown emails exactly as for real ones, so the waits say nothing about who has an account.
/// </summary>
public sealed class SignInThrottle
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    /// <summary>A day without a wrong password and the count starts again.</summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromDays(1);

    public SignInThrottle(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
    }

    private SignInThrottle()
    {
    }

    /// <summary>A hash of the normalised email and the client, so the table holds neither.</summary>
    public string Key { get; private set; } = "";

    public int Failures { get; private set; }

    public DateTime? BlockedUntilUtc { get; private set; }

    public DateTime LastFailureUtc { get; private set; }

    public static string KeyFor(string normalizedEmail, string? client)
    {
        ArgumentNullException.ThrowIfNull(normalizedEmail);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail + "\n" + (client ?? "")));
        return Convert.ToHexString(bytes);
    }

    public bool IsBlocked(DateTime nowUtc) => BlockedUntilUtc is { } until && until > nowUtc;

    /// <summary>Counts a wrong password; from the sixth in a row, each doubles the wait before the next try.</summary>
    public void RecordFailure(DateTime nowUtc)
    {
        if (Failures > 0 && nowUtc - LastFailureUtc > ForgottenAfter)
        {
            Failures = 0;
            BlockedUntilUtc = null;
        }

        Failures++;
        LastFailureUtc = nowUtc;
        if (Failures >= FreeFailures)
        {
            BlockedUntilUtc = nowUtc + WaitAfter(Failures);
        }
    }

    /// <summary>30 s after the fifth failure, doubling with each one after it, never more than fifteen minutes.</summary>
    public static TimeSpan WaitAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures, 10);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait < LongestWait ? wait : LongestWait;
    }
}
