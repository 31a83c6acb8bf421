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

    /// <summary>
    /// Starts a cookie session (<see cref="AccountSessions"/>) and signs in with it. A patient who asked to be remembered
    /// gets a cookie that outlives the browser, to the session's end; everyone else a cookie that ends with the browser.
    /// <paramref name="twoStep"/> when a code followed the password.
    /// </summary>
    public static async Task SignInWithCookieAsync(HttpContext context, Account account, bool remember = false, bool twoStep = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.RequestServices.GetRequiredService<AccountSessions>();
        var session = await sessions.StartAsync(account, SessionKind.Cookie, remember, ClientOf(context), twoStep, context.RequestAborted);
        await CookieForAsync(context, account, session);
    }

    /// <summary>The sign-in cookie for a session that already exists (one carried on after turning two steps on or off).</summary>
    public static async Task CookieForAsync(HttpContext context, Account account, AccountSession session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var properties = new AuthenticationProperties { IsPersistent = session.Remembered, AllowRefresh = true };
        if (session.Remembered)
        {
            properties.ExpiresUtc = new DateTimeOffset(session.EndsUtc, TimeSpan.Zero);
        }

        await context.SignInAsync(SignInSchemes.Cookie, AccountClaims.PrincipalFor(account, session, SignInSchemes.Cookie), properties);
    }

    /// <summary>Ends this browser's or client's session (the row goes, so the cookie or token is dead everywhere) and drops the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, AccountSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        if (AccountClaims.SessionIdOf(context.User) is { } session && AccountClaims.AccountIdOf(context.User) is { } account)
        {
            await sessions.EndAsync(session, account, ClientOf(context), context.RequestAborted);
        }

        await context.SignOutAsync(SignInSchemes.Cookie);
    }

    /// <summary>The client's network address (the proxy's forwarded one when a trusted proxy is configured), for waits and history.</summary>
    public static string? ClientOf(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString();

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
