using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Diary;

/// <summary>The signed-in person's symptom diary; every entry is re-assessed against their first saved assessment.</summary>
internal static class DiaryApi
{
    public static IServiceCollection AddDiary(this IServiceCollection services)
    {
        services.AddSingleton<DiaryBaselines>();
        services.AddScoped<DiaryRecorder>();
        return services;
    }

    public static IEndpointRouteBuilder MapDiary(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/diary").WithTags("Diary").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/", Create).WithName("WriteDiaryEntry").WithSummary("Write today's diary entry and get it re-assessed")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/", List).WithName("ListDiaryEntries").WithSummary("The signed-in person's diary, newest first");
        api.MapGet("/{id:guid}", Get).WithName("GetDiaryEntry").WithSummary("One of the signed-in person's diary entries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<DiaryCreated>, ValidationProblem, ProblemHttpResult>> Create(
        DiaryForm request, HttpContext context, DiaryRecorder recorder, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        return await recorder.RecordAsync(owner, request, cancellationToken) switch
        {
            DiaryRecorded recorded => TypedResults.Created($"/api/diary/{recorded.Entry.Id}", recorded.Entry),
            DiaryInvalid invalid => TypedResults.ValidationProblem(
                invalid.Errors, detail: "Each field below says what is wrong.", title: "The diary entry is not valid"),
            DiaryNeedsFirstAssessment => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Do an assessment first",
                detail: "The diary compares each day with your first assessment. Do an assessment while signed in, then write in your diary."),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Your diary entry was not saved",
                detail: "Something went wrong while saving it, and nothing of it was kept. Please send it again in a moment."),
        };
    }

    public static async Task<Ok<DiaryEntryDocument[]>> List(
        HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var entries = await db.DiaryEntries.AsNoTracking().OwnedBy(owner).ToArrayAsync(cancellationToken);
        await ShownResult.LoadIntoAsync(db, entries, cancellationToken);
        await audit.RecordListReadAsync<DiaryEntry>(owner, cancellationToken);
        return TypedResults.Ok(entries.Select(DiaryEntryDocument.From).ToArray());
    }

    public static async Task<Results<Ok<DiaryEntryDocument>, ProblemHttpResult>> Get(
        Guid id, HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var entry = await db.DiaryEntries.FindOwnedAsync(id, owner, cancellationToken);
        if (entry is null)
        {
            return SavedAssessmentsApi.NotFound("diary entry");
        }

        await ShownResult.LoadIntoAsync(db, [entry], cancellationToken);
        await audit.RecordReadAsync(entry, cancellationToken);
        return TypedResults.Ok(DiaryEntryDocument.From(entry));
    }
}
