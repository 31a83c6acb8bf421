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
