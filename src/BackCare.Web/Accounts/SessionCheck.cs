using System.Security.Claims;
using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BackCare.Web.Accounts;

/// <summary>
/// Every signed-in request, cookie or bearer token alike, is let through only while its session is open
/// (<see cref="AccountSessions.IsOpenAsync"/>): not signed out, not past its absolute end, not made under an old
/// security stamp, not of an erased account. Otherwise authentication fails, so whatever needs a signed-in person
/// answers 401 or sends them to sign in. The check sits in both schemes' own events, where no endpoint or policy can
/// skip it. It is answered from memory for a session this process has already found open (<see cref="OpenSessions"/>),
/// and by one indexed read otherwise; whatever ends a session forgets it at once here and, on PostgreSQL, on every other
/// instance as the change commits: there is no grace period for a revoked session (decisions 0013 and 0032).
/// </summary>
internal static class SessionCheck
{
    public static async Task ValidateCookie(CookieValidatePrincipalContext context)
    {
        if (!await IsOpenAsync(context.HttpContext, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SignInSchemes.Cookie);
        }
    }

    /// <summary>
    /// Reads the token before the bearer handler does (it has no later event), and fails the authentication when the
    /// token's session is over. A token that cannot be read is left to the handler, which refuses it. A token whose
    /// session is open and that the handler would take as it is (same header form, not expired) is handed to it as
    /// read, so it is not decrypted a second time.
    /// </summary>
    public static async Task ValidateBearer(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var sent = header[prefix.Length..];
        var token = sent.Trim();
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket is null)
        {
            return;
        }

        if (!await IsOpenAsync(context.HttpContext, ticket.Principal))
        {
            context.Fail("The session of this token has ended.");
            return;
        }

        // What the handler itself would accept (it reads "Bearer " as written and the rest untrimmed); anything else it
        // still reads and judges on its own, as before.
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (header.StartsWith(prefix, StringComparison.Ordinal) && sent.Length == token.Length
            && ticket.Properties.ExpiresUtc is { } expiresUtc && now < expiresUtc)
        {
            context.Principal = ticket.Principal;
            context.Properties = ticket.Properties;
            context.Success();
        }
    }

    private static async Task<bool> IsOpenAsync(HttpContext context, ClaimsPrincipal? principal)
    {
        if (principal is null || AccountClaims.SessionIdOf(principal) is not { } session || AccountClaims.AccountIdOf(principal) is not { } account)
        {
            return false;
        }

        var sessions = context.RequestServices.GetRequiredService<AccountSessions>();
        return await sessions.IsOpenAsync(session, account, context.RequestAborted);
    }
}
