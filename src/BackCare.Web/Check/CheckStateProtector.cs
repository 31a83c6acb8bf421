using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Check;

/// <summary>
/// Encrypts and signs the check's state for the page, so a person's answers are unreadable in links and
/// history and cannot be altered. The state expires after a few hours: health answers should not live
/// on in a shared browser's history.
/// </summary>
public sealed class CheckStateProtector(IDataProtectionProvider provider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("BackCare.Check.State.v1").ToTimeLimitedDataProtector();

    public string Protect(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WebEncoders.Base64UrlEncode(_protector.Protect(state.ToBytes(), Lifetime));
    }

    /// <summary>The state, or null when the token is missing, altered or expired.</summary>
    public CheckState? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return CheckState.FromBytes(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
