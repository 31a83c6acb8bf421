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
    /// (another site, <c>//host</c>, <c>/\host</c>) is refused.
    /// </summary>
    public static string NextPage(IUrlHelper url, string? returnUrl, string? savedCheckToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl))
        {
            return returnUrl;
        }

        return savedCheckToken is not null ? CheckLinks.Result(savedCheckToken) : Home;
    }
}
