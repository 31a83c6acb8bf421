using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Recovery;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using BackCare.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Diary;

public sealed record DiaryRequest(int? PainScore, int? Spasms, string? Notes, JsonElement? Findings);

/// <summary>A diary entry as written, with what the engine made of it then.</summary>
public sealed record DiaryEntryDocument(Guid Id, DateTime CreatedAt, int PainScore, int Spasms, string? Notes, string Disposition, string? Progress, bool RedFlag);

/// <summary>A new diary entry and its re-assessment: the contract result, progress, the next step and any new red flags.</summary>
public sealed record DiaryCreated(
    Guid Id, DateTime CreatedAt, int PainScore, int Spasms, string? Notes,
    JsonElement Reassessment, string Progress, string StepUp, string[] NewRedFlags);

/// <summary>The signed-in person's symptom diary; every entry is re-assessed against their first saved assessment.</summary>
internal static class DiaryApi
{
    public const int MaxNotesLength = 4000;

    public static IEndpointRouteBuilder MapDiary(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/diary").WithTags("Diary").RequireAuthorization().DisableAntiforgery();
        if (app.ServiceProvider.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            api.RequireRateLimiting(HostingSetup.ApiRateLimitPolicy);
        }

        api.MapPost("/", Create).WithName("WriteDiaryEntry").WithSummary("Write today's diary entry and get it re-assessed");
        api.MapGet("/", List).WithName("ListDiaryEntries").WithSummary("The signed-in person's diary, newest first");
        api.MapGet("/{id:guid}", Get).WithName("GetDiaryEntry").WithSummary("One of the signed-in person's diary entries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<DiaryCreated>, ValidationProblem, ProblemHttpResult>> Create(
        DiaryRequest request, HttpContext context, BackCareDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var errors = new Dictionary<string, string[]>();
        if (request.PainScore is not (>= 0 and <= DiaryEntry.MaxPainScore))
        {
            errors["painScore"] = ["is required (a whole number from 0 to 10)"];
        }

        if (request.Spasms is not >= 0)
        {
            errors["spasms"] = ["is required (how many spasms today, 0 or more)"];
        }

        if (request.Notes is { Length: > MaxNotesLength })
        {
            errors["notes"] = [$"may be at most {MaxNotesLength} characters"];
        }

        var newFindings = ReadFindings(request.Findings, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Each field below says what is wrong.", title: "The diary entry is not valid");
        }

        var first = await db.SavedAssessments.AsNoTracking()
            .Where(a => a.OwnerId == owner)
            .OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Do an assessment first",
                detail: "The diary compares each day with your first assessment. Do an assessment while signed in, then write in your diary.");
        }

        var (baseline, onsetDays) = BaselineOf(first, request.PainScore!.Value);
        var daysSinceOnset = onsetDays + Math.Max(0, (clock.GetUtcNow().UtcDateTime - first.CreatedUtc).TotalDays);
        var review = RecoveryReview.Review(baseline, new DiaryCheck(daysSinceOnset, request.PainScore.Value, request.Spasms!.Value, newFindings));

        var ticked = newFindings.AnsweredCodes().Where(c => FindingCatalog.Get(c).IsBoolean && newFindings[c]).Select(c => c.Key()).ToArray();
        var input = new DiaryInput(request.PainScore.Value, request.Spasms.Value, CouldWalk: false, CouldSit: false, CouldSleep: false, CouldWork: false,
            MedicinesTaken: null, WhatHelped: null, request.Notes, JsonSerializer.Serialize(ticked));
        var entry = new DiaryEntry(owner, input, new DiaryReassessment(
            review.Reassessment.Disposition.WireName(), ToStored(review.Progress), review.NewRedFlags.Count > 0));
        db.DiaryEntries.Add(entry);
        await WorklistUpdater.RaiseAsync(db, owner, entry.Disposition, clock.GetUtcNow().UtcDateTime, review.NewRedFlags.Select(c => c.Key()).ToArray(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        using var reassessment = JsonDocument.Parse(AssessmentJsonResult.ToJson(review.Reassessment));
        var created = new DiaryCreated(
            entry.Id, entry.CreatedUtc, entry.PainScore, entry.Spasms, entry.Notes,
            reassessment.RootElement.Clone(),
            WireName(review.Progress.ToString()),
            WireName(review.StepUp.ToString()),
            review.NewRedFlags.Select(c => c.Key()).ToArray());
        return TypedResults.Created($"/api/diary/{entry.Id}", created);
    }

    public static async Task<Ok<DiaryEntryDocument[]>> List(
        HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var entries = await db.DiaryEntries.AsNoTracking().OwnedBy(owner).ToArrayAsync(cancellationToken);
        await audit.RecordListReadAsync<DiaryEntry>(owner, cancellationToken);
        return TypedResults.Ok(entries.Select(Document).ToArray());
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

        await audit.RecordReadAsync(entry, cancellationToken);
        return TypedResults.Ok(Document(entry));
    }

    private static DiaryEntryDocument Document(DiaryEntry entry) => new(
        entry.Id, entry.CreatedUtc, entry.PainScore, entry.Spasms, entry.Notes, entry.Disposition,
        entry.Progress is { } progress ? WireName(progress.ToString()) : null, entry.RedFlag);

    /// <summary>Reads the findings object with the contract's own reader; errors are named <c>findings.code</c>.</summary>
    private static FindingSet ReadFindings(JsonElement? value, Dictionary<string, string[]> errors)
    {
        if (value is not { } element)
        {
            return new FindingSet();
        }

        var problems = new List<FieldError>();
        var findings = CaseReader.ReadFindings(element, problems);
        foreach (var problem in problems)
        {
            errors[problem.Field] = [problem.Message];
        }

        return findings ?? new FindingSet();
    }

    /// <summary>
    /// The start of recovery: the first assessment's age and findings. Its pain score is the starting pain;
    /// when it gave none, today's pain stands in, so progress reads as stalled rather than guessed.
    /// </summary>
    private static (RecoveryBaseline Baseline, double OnsetDays) BaselineOf(SavedAssessment first, int painToday)
    {
        var read = CaseReader.Read(first.CaseJson);
        var findings = read.Case?.Findings?.Copy() ?? new FindingSet();
        var age = first.Age ?? read.Case?.Age ?? 0;
        var onsetDays = findings.OnsetDays ?? 0;
        return (new RecoveryBaseline(age, findings, findings.PainScore ?? painToday), onsetDays);
    }

    private static DiaryProgress ToStored(Progress progress) => progress switch
    {
        Progress.Improving => DiaryProgress.Improving,
        Progress.Worse => DiaryProgress.Worse,
        _ => DiaryProgress.Stalled,
    };

    /// <summary>KeepGoing → keep_going, as the contract spells its codes.</summary>
    private static string WireName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
