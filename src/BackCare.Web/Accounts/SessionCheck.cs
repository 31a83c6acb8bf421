using System.Security.Claims;
using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace BackCare.Web.Accounts;

/// <summary>
/// Every signed-in request, cookie or bearer token alike, is let through only while its session is open
/// (<see cref="AccountSessions.IsOpenAsync"/>): not signed out, not past its absolute end, not made under an old
/// security stamp, not of an erased account. Otherwise the request goes on as if nobody had signed in, and whatever
/// needs a signed-in person answers 401 or sends them to sign in. A claims transformation runs wherever a scheme
/// authenticates, so no endpoint or policy can skip the check.
/// </summary>
internal sealed class SessionCheck(AccountSessions sessions, IHttpContextAccessor http) : IClaimsTransformation
{
    private static readonly object Checked = new();

    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return principal;
        }

        // Authentication may run more than once in a request (the default scheme, then a policy's); one read is enough.
        var items = http.HttpContext?.Items;
        if (items?[Checked] is (ClaimsPrincipal seen, ClaimsPrincipal answer) && ReferenceEquals(seen, principal))
        {
            return answer;
        }

        var open = AccountClaims.SessionIdOf(principal) is { } session
                   && AccountClaims.AccountIdOf(principal) is { } account
                   && await sessions.IsOpenAsync(session, account, http.HttpContext?.RequestAborted ?? default);
        var result = open ? principal : Nobody;
        if (items is not null)
        {
            items[Checked] = (principal, result);
        }

        return result;
    }
}
