using BackCare.Data;
using BackCare.Data.Storage;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Hosting;

/// <summary>The one place where an exception becomes an RFC 9457 problem document.</summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problems, IServiceScopeFactory scopes, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int Status, string Title, string? Detail) answer = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "The request body is too large", null),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request", null),
            _ when exception.IsForeignKeyViolation() && await SignedInAccountIsGoneAsync(httpContext, cancellationToken) =>
                (StatusCodes.Status401Unauthorized, "Sign in again", "The account this sign-in belongs to no longer exists."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side", null),
        };

        var (status, title, detail) = answer;
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Path}", httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status401Unauthorized)
        {
            logger.LogWarning("A token or cookie of a deleted account was refused on {Path}", httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status500InternalServerError && IsPersonsPage(httpContext.Request))
        {
            // Not handled here: the exception handler then shows the error page in the site's layout (/error/500).
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["traceId"] = httpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? httpContext.TraceIdentifier },
            },
        });
    }

    /// <summary>A page a browser asked for (it accepts HTML), not the API.</summary>
    private static bool IsPersonsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A write by a signed-in account that was deleted meanwhile (its token or cookie outlives it) fails on the
    /// account's foreign key; nothing was stored, and the answer is "sign in again", not a fault of ours. Asked on
    /// a fresh context, because the request's own still holds the rows that failed.
    /// </summary>
    private async Task<bool> SignedInAccountIsGoneAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (AccountClaims.AccountIdOf(httpContext.User) is not { } accountId)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        return !await db.Accounts.AsNoTracking().AnyAsync(a => a.Id == accountId, cancellationToken);
    }
}
