using System.Text;
using System.Text.Json.Nodes;
using BackCare.Interop.CdsHooks;
using BackCare.Web.Hosting;
using BackCare.Web.Interop;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackCare.Web.CdsHooks;

/// <summary>
/// CDS Hooks 2.0: the discovery document and BackCare's patient-view service. The service reads only what the
/// CDS client sends in the request (its prefetch), never BackCare's own records, so it answers anyone who
/// calls it; it is pure computation, well under a millisecond.
/// </summary>
internal static class CdsHooksApi
{
    public static IEndpointRouteBuilder MapCdsHooks(this IEndpointRouteBuilder app)
    {
        var cds = app.MapGroup("/cds-services").WithTags("CDS Hooks").DisableAntiforgery().RequireCors(InteropSetup.CdsCorsPolicy);
        cds.MapGet("/", Discovery).WithName("CdsDiscovery").WithSummary("The CDS services BackCare offers, with their prefetch templates");
        cds.MapPost("/{id}", Call).CarriesPersonalData().WithName("CdsPatientView").WithSummary("Call a CDS service with a hook request; answers cards")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    public static ContentHttpResult Discovery() => Json(CdsDiscovery.Services());

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Call(
        string id, HttpRequest request, CdsTriage triage, CancellationToken cancellationToken)
    {
        if (id != CdsDiscovery.ServiceId)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such CDS service",
                detail: $"BackCare offers one CDS service, {CdsDiscovery.ServiceId}; GET /cds-services lists it.");
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The hook request must be JSON",
                detail: "Send the hook request with Content-Type: application/json.");
        }

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        var read = CdsHookRequestReader.Read(body);
        if (!read.IsValid)
        {
            return TypedResults.ValidationProblem(
                read.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: "The hook request breaks CDS Hooks 2.0; each field below says what is wrong.",
                title: "The hook request is not valid");
        }

        // A missing key means the client did not fetch it; null means it fetched and found nothing. BackCare does
        // not call back into the client's FHIR server, so without the assessments it cannot decide (CDS Hooks 2.0:
        // answer 412 when the needed data is neither prefetched nor fetchable).
        if (!read.Request!.Prefetch.ContainsKey(CdsDiscovery.QuestionnaireResponsesPrefetchKey))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The prefetch is missing",
                detail: $"This service needs the prefetch key '{CdsDiscovery.QuestionnaireResponsesPrefetchKey}' " +
                    $"({CdsDiscovery.Prefetch[CdsDiscovery.QuestionnaireResponsesPrefetchKey]}); send it, or null when the patient has none.");
        }

        return Json(triage.Answer(read.Request));
    }

    private static ContentHttpResult Json(JsonObject body) => TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");
}
