using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Assessments;

public sealed record SavedAssessmentSummary(Guid Id, DateTime Created, string Disposition);

/// <summary>A signed-in person's own saved assessments; anyone else's are simply not found.</summary>
internal static class SavedAssessmentsApi
{
    public static IEndpointRouteBuilder MapSavedAssessments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assessments").WithTags("Assessments").RequireAuthorization();
        api.MapGet("/", List).WithName("ListSavedAssessments").WithSummary("The signed-in person's saved assessments, newest first");
        api.MapGet("/{id:guid}", Get).WithName("GetSavedAssessment").WithSummary("One of the signed-in person's saved results")
            .Produces<AssessmentResultDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<SavedAssessmentSummary[]>> List(
        HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var list = await db.SavedAssessments.AsNoTracking().OwnedBy(owner)
            .Select(a => new SavedAssessmentSummary(a.Id, a.CreatedUtc, a.Disposition))
            .ToArrayAsync(cancellationToken);
        await audit.RecordListReadAsync<SavedAssessment>(owner, cancellationToken);
        return TypedResults.Ok(list);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(
        Guid id, HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var saved = await db.SavedAssessments.FindOwnedAsync(id, owner, cancellationToken);
        if (saved is null)
        {
            return NotFound("assessment");
        }

        await audit.RecordReadAsync(saved, cancellationToken);
        return TypedResults.Text(saved.ResultJson, "application/json; charset=utf-8");
    }

    /// <summary>The same answer whether the record does not exist or is someone else's.</summary>
    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"No such {what}",
        detail: $"There is no {what} with this id among yours.");
}
