using BackCare.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace BackCare.Web.Accounts;

/// <summary>
/// What the second step of a sign-in needs from the first: whose password was right and under which security stamp,
/// whether to keep them signed in, and where to go after (the return URL and a finished check to save).
/// </summary>
public sealed record TwoStepTicket(Guid AccountId, string SecurityStamp, bool RememberMe, string? ReturnUrl, string? CheckToken, DateTime ExpiresUtc);

/// <summary>
/// Carries a sign-in from the right password to the code, on the server's word: the ticket is encrypted and signed
/// with Data Protection, so it can be neither read (it holds the stamp) nor altered nor made up, and it lasts
/// <see cref="Lifetime"/>. Nothing is stored: a ticket left unused simply expires. It proves the password only, so
/// it is worth nothing without the code, and wrong codes count towards the waits of the email and client
/// (<see cref="AccountService.SignInWithCodeAsync"/>). The expiry is kept in the ticket and read against the
/// injected clock, not Data Protection's own, so tests can step past it.
/// </summary>
public sealed class TwoStepTickets(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The pages keep the ticket in this cookie (sent only to <see cref="AccountLinks.SignInCodePath"/>); the API hands it out as <c>twoFactorToken</c>.</summary>
    public const string CookieName = "BackCare.TwoStep";

    private readonly IDataProtector _protector = provider.CreateProtector("BackCare.Accounts.TwoStepSignIn.v1");

    public string Issue(Account account, bool rememberMe, string? returnUrl = null, string? checkToken = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var ticket = new TwoStepTicket(account.Id, account.SecurityStamp, rememberMe, returnUrl, checkToken, clock.GetUtcNow().UtcDateTime + Lifetime);
        return SealedJson.Seal(_protector, ticket);
    }

    /// <summary>The ticket, or null when it is missing, altered, made up or past its five minutes.</summary>
    public TwoStepTicket? Read(string? token) =>
        SealedJson.Open<TwoStepTicket>(_protector, token, maximumLength: 4096) is { } ticket && ticket.ExpiresUtc > clock.GetUtcNow().UtcDateTime
            ? ticket
            : null;

    /// <summary>Gives the pages' ticket to the browser: only for the code page, not readable by script, gone with the ticket.</summary>
    public static void SetCookie(HttpContext context, string ticket)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CookieOptions(context.Request);
        options.MaxAge = Lifetime;
        context.Response.Cookies.Append(CookieName, ticket, options);
    }

    public static void DeleteCookie(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, CookieOptions(context.Request));
    }

    public static string? CookieOf(HttpContext context) => context?.Request.Cookies[CookieName];

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = AccountLinks.SignInCodePath,
        IsEssential = true,
    };
}
