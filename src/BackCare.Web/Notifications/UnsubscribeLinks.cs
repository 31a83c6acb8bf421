using BackCare.Data.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Notifications;

/// <summary>
/// The link at the foot of a reminder or a nudge that stops that kind of email without signing in: it names the
/// account and the topic, signed with Data Protection (whose keys every server shares, decision 11) so nobody can
/// make one for someone else. It does not expire: an email read a month later must still be able to stop the next.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<NotificationOptions> options)
{
    public const string Path = "/emails/unsubscribe";

    private readonly IDataProtector _protector = protection.CreateProtector("BackCare.Notifications.Unsubscribe.v1");

    public Uri For(Guid accountId, NotificationTopic topic) =>
        options.Value.Link($"{Path}?token={Uri.EscapeDataString(Token(accountId, topic))}");

    public string Token(Guid accountId, NotificationTopic topic) => _protector.Protect($"{accountId:N}|{topic}");

    /// <summary>The account and topic a token names, or null when it is not one of ours.</summary>
    public (Guid AccountId, NotificationTopic Topic)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var account) && Enum.TryParse<NotificationTopic>(parts[1], out var topic)
            ? (account, topic)
            : null;
    }
}
