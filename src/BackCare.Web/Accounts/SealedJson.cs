using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Accounts;

/// <summary>
/// A record handed to the browser and taken back unchanged, sealed with Data Protection: encrypted and signed, so it can
/// be neither read, altered nor made up, in base64url. The two-step ticket and a passkey ceremony's state travel so;
/// each keeps its own expiry inside the record, read against the injected clock.
/// </summary>
internal static class SealedJson
{
    public static string Seal<T>(IDataProtector protector, T value) =>
        WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value)));

    /// <summary>The record, or null when the token is missing, longer than <paramref name="maximumLength"/>, altered or made up.</summary>
    public static T? Open<T>(IDataProtector protector, string? token, int maximumLength)
        where T : class
    {
        if (string.IsNullOrEmpty(token) || token.Length > maximumLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
