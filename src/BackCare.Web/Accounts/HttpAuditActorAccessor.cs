using System.Security.Claims;
using BackCare.Data.Auditing;

namespace BackCare.Web.Accounts;

/// <summary>The audit log's actor for a request: the signed-in account (if any) and the client's address.</summary>
internal sealed class HttpAuditActorAccessor(IHttpContextAccessor accessor) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null)
            {
                return AuditActor.System;
            }

            return new AuditActor(AccountClaims.AccountIdOf(context.User), context.Connection.RemoteIpAddress?.ToString());
        }
    }
}

/// <summary>How a signed-in account is written into, and read back from, its claims.</summary>
internal static class AccountClaims
{
    public static ClaimsPrincipal PrincipalFor(Guid accountId, string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, accountId.ToString()), new Claim(ClaimTypes.Role, role)],
            AccountsApi.Scheme));

    public static Guid? AccountIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;
}
