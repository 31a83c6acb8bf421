using System.Text.Json;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Language;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Telemetry;
using BackCare.Web.Accounts;
using BackCare.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackCare.Web.Assessments;

/// <summary>The assessment contract over HTTP: one case in, one result out, nothing stored.</summary>
internal static class AssessmentsApi
{
    /// <summary>
    /// A case is a few hundred bytes. The limit lets a narrative just over the contract's length, every character
    /// escaped as \uXXXX (six bytes), reach validation and get a 400 naming <c>narrative</c>; beyond it, 413.
    /// </summary>
    public const int MaxCaseBytes = (NarrativeLimits.MaxLength + 1) * 6 + (16 * 1024);

    public static IServiceCollection AddAssessments(this IServiceCollection services)
    {
        services.AddSingleton(NarrativeReader.Default);
        services.AddSingleton(provider => new Assessor(provider.GetRequiredService<NarrativeReader>()));
        return services;
    }

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Assessments");
        api.MapPost("/assessments", Assess)
            .Accepts<AssessmentCaseDocument>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Assess")
            .WithSummary("Assess one case of the assessment contract")
            .DisableAntiforgery()
            .CarriesPersonalData();
        api.MapGet("/findings", ListFindings)
            .WithName("ListFindings")
            .WithSummary("Every finding code with its type and the question the interview asks for it");
        return app;
    }

    public static async Task<Results<AssessmentJsonResult, ValidationProblem, ProblemHttpResult>> Assess(
        HttpRequest request, Assessor assessor, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON",
                detail: "Send the case as JSON with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxCaseBytes)
        {
            return TooLarge();
        }

        CaseReadResult read;
        var accountId = AccountClaims.AccountIdOf(request.HttpContext.User);
        string? caseJson = null;
        using (var body = new PooledBuffer(4096))
        {
            if (!await ReadLimitedAsync(request.Body, body, MaxCaseBytes, cancellationToken))
            {
                return TooLarge();
            }

            read = ReadCase(body.WrittenMemory);
            if (accountId is not null && read.IsValid)
            {
                caseJson = System.Text.Encoding.UTF8.GetString(body.WrittenMemory.Span);
            }
        }
        if (!read.IsValid)
        {
            return Invalid(read.Errors);
        }

        var outcome = assessor.Evaluate(read.Case!);
        if (outcome.Result is not { } result)
        {
            return Invalid([outcome.Error!]);
        }

        request.HttpContext.RequestServices.GetRequiredService<BackCareMetrics>().AssessmentMade(result, AssessmentSource.Api);

        if (accountId is { } owner && caseJson is not null)
        {
            // A signed-in person keeps what they asked and what they were told; the body stays the contract's result.
            var db = request.HttpContext.RequestServices.GetRequiredService<BackCareDbContext>();
            var saved = new SavedAssessment(owner, caseJson, AssessmentJsonResult.ToJson(result), result.Disposition.WireName(), read.Case!.Age);
            db.SavedAssessments.Add(saved);
            var now = request.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(owner, saved.Disposition), now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new AssessmentJsonResult(result, $"/api/assessments/{saved.Id}");
        }

        return new AssessmentJsonResult(result);
    }

    private static ValidationProblem Invalid(IReadOnlyList<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        detail: "The case breaks the assessment contract; each field below says what is wrong.",
        title: "The case is not valid");

    public static Ok<FindingDocument[]> ListFindings() => TypedResults.Ok(FindingDocument.All);

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The case is too large",
        detail: $"A case may be at most {MaxCaseBytes / 1024} KiB.");

    /// <summary>Reads the body into the buffer; false as soon as it passes the limit.</summary>
    private static async Task<bool> ReadLimitedAsync(Stream body, PooledBuffer buffer, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(2048), cancellationToken);
            if (read == 0)
            {
                return true;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return false;
            }
        }
    }

    private static CaseReadResult ReadCase(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return CaseReader.Read(document.RootElement);
        }
        catch (JsonException)
        {
            return CaseReader.Read(System.Text.Encoding.UTF8.GetString(json.Span));
        }
    }
}
