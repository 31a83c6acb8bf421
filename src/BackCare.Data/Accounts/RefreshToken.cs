using System.Security.Cryptography;
using System.Text;

namespace BackCare.Data.Accounts;

/// <summary>
/// A refresh token of an API session, kept only as its SHA-256 hash. Each is good for one use: refreshing marks it
/// used and hands out the next. A used token presented again means a copy is in someone else's hands, so the whole
/// session ends (<see cref="AccountSessions.RefreshAsync"/>).
/// </summary>
public sealed class RefreshToken
{
    public RefreshToken(Guid sessionId, string tokenHash, DateTime issuedUtc, DateTime expiresUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        Id = Guid.CreateVersion7();
        SessionId = sessionId;
        TokenHash = tokenHash;
        IssuedUtc = issuedUtc;
        ExpiresUtc = expiresUtc;
    }

    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTime IssuedUtc { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    public DateTime? UsedUtc { get; private set; }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>32 random bytes, URL-safe: what the client keeps and sends back.</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public void MarkUsed(DateTime nowUtc) => UsedUtc = nowUtc;
}
