using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Data.Accounts;

/// <summary>
/// A passkey a person registered: the public half of a key pair their phone, computer or security key keeps, which
/// signs in without a password. The server holds nothing secret here; the private key never leaves the device.
/// Erased with the account.
/// </summary>
public sealed class AccountPasskey
{
    /// <summary>The most passkeys one account may hold: a phone, a laptop, a spare key, and room to replace them.</summary>
    public const int MaximumPerAccount = 10;

    /// <summary>The longest name a person may give a passkey.</summary>
    public const int MaximumNameLength = 60;

    public AccountPasskey(Guid accountId, UserPasskeyInfo passkey)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        CredentialId = IdOf(passkey.CredentialId);
        AccountId = accountId;
        CreatedUtc = passkey.CreatedAt.UtcDateTime;
        Update(passkey);
    }

    private AccountPasskey()
    {
    }

    /// <summary>The credential's id as the authenticator made it, in base64url (at most 1,023 bytes before encoding).</summary>
    public string CredentialId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public string? Name { get; private set; }

    public byte[] PublicKey { get; private set; } = [];

    public long SignCount { get; private set; }

    /// <summary>How the authenticator can be reached (internal, usb, hybrid...), space-separated.</summary>
    public string? Transports { get; private set; }

    public bool IsUserVerified { get; private set; }

    public bool IsBackupEligible { get; private set; }

    public bool IsBackedUp { get; private set; }

    public byte[] AttestationObject { get; private set; } = [];

    public byte[] ClientDataJson { get; private set; } = [];

    public DateTime CreatedUtc { get; private set; }

    public DateTime? LastUsedUtc { get; private set; }

    public static string IdOf(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    /// <summary>What Identity keeps after a registration or a sign-in (the counter and backup state change with use).</summary>
    public void Update(UserPasskeyInfo passkey)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        Name = passkey.Name is { } name ? CleanName(name) : Name;
        PublicKey = passkey.PublicKey;
        SignCount = passkey.SignCount;
        Transports = passkey.Transports is { Length: > 0 } transports ? string.Join(' ', transports) : null;
        IsUserVerified = passkey.IsUserVerified;
        IsBackupEligible = passkey.IsBackupEligible;
        IsBackedUp = passkey.IsBackedUp;
        AttestationObject = passkey.AttestationObject;
        ClientDataJson = passkey.ClientDataJson;
    }

    public void Rename(string? name) => Name = CleanName(name);

    public void MarkUsed(DateTime atUtc) => LastUsedUtc = atUtc;

    public UserPasskeyInfo ToInfo() => new(
        WebEncoders.Base64UrlDecode(CredentialId),
        PublicKey,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedUtc, DateTimeKind.Utc)),
        (uint)SignCount,
        Transports?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        IsUserVerified,
        IsBackupEligible,
        IsBackedUp,
        AttestationObject,
        ClientDataJson)
    {
        Name = Name,
    };

    /// <summary>A name as shown back to the person: trimmed, without control characters, and not too long.</summary>
    public static string? CleanName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var clean = new string([.. name.Where(c => char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format))]).Trim();
        return clean.Length == 0 ? null : clean.Length <= MaximumNameLength ? clean : clean[..MaximumNameLength];
    }
}
