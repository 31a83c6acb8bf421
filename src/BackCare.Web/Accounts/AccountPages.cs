using System.Globalization;
using System.Text;
using BackCare.Data.Accounts;
using BackCare.Web.Check;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Accounts;

/// <summary>What the sign-in and sign-up pages share: signing in with the cookie and where to go next.</summary>
internal static class AccountPages
{
    public const string Home = "/account";

    public static Task SignInWithCookieAsync(HttpContext context, Account account) =>
        context.SignInAsync(
            SignInSchemes.Cookie,
            AccountClaims.PrincipalFor(account, SignInSchemes.Cookie),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>
    /// Where to go after signing in: the return URL if it stays on this site (booking a visit comes back to the time
    /// chosen), else back to the check's result when one was just saved, else the account page. Any other return URL
    /// (another site, <c>//host</c>, <c>/\host</c>) is refused. Letters outside ASCII are percent-encoded, because
    /// the address goes into the Location header, which carries ASCII only.
    /// </summary>
    public static string NextPage(IUrlHelper url, string? returnUrl, string? savedCheckToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl))
        {
            return InAscii(returnUrl);
        }

        return savedCheckToken is not null ? CheckLinks.Result(savedCheckToken) : Home;
    }

    /// <summary>The address with every character outside printable ASCII percent-encoded as UTF-8 ("/é" is "/%C3%A9").</summary>
    internal static string InAscii(string address)
    {
        if (address.All(c => c is > ' ' and < (char)0x7F))
        {
            return address;
        }

        var ascii = new StringBuilder(address.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in address.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                ascii.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                ascii.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return ascii.ToString();
    }
}
