using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackCare.Web.Clinics;

public sealed record MessageRequest(string? Body);

public sealed record MessageDocument(Guid Id, DateTime SentAt, string From, string Body, bool Unread);

/// <summary>The signed-in person's thread with one clinic they are a patient of; any other clinic is not found.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clinics/{clinicId:guid}/messages").WithTags("Messages").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/", List).WithName("ListClinicMessages").WithSummary("My thread with the clinic, oldest first; reading it marks the clinic's messages read")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", Send).WithName("SendClinicMessage").WithSummary("Write to a clinic I am a patient of")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<MessageDocument[]>, ProblemHttpResult>> List(
        Guid clinicId, HttpContext context, MessageThreads threads, CancellationToken cancellationToken)
    {
        var me = AccountClaims.AccountIdOf(context.User)!.Value;
        if (!await threads.IsPatientAsync(clinicId, me, cancellationToken))
        {
            return SavedAssessmentsApi.NotFound("clinic thread");
        }

        var messages = await threads.ReadAsync(clinicId, me, readerIsClinic: false, cancellationToken);
        return TypedResults.Ok(messages.Select(Document).ToArray());
    }

    public static async Task<Results<Created<MessageDocument>, ValidationProblem, ProblemHttpResult>> Send(
        Guid clinicId, MessageRequest request, HttpContext context, MessageThreads threads, FormValidation validation,
        CancellationToken cancellationToken)
    {
        var me = AccountClaims.AccountIdOf(context.User)!.Value;
        if (!await threads.IsPatientAsync(clinicId, me, cancellationToken))
        {
            return SavedAssessmentsApi.NotFound("clinic thread");
        }

        var problems = await validation.ProblemsAsync(new MessageForm { Body = request.Body }, PageText.English, cancellationToken);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The message is not valid");
        }

        var message = await threads.SendFromPersonAsync(clinicId, me, request.Body!, cancellationToken);
        return TypedResults.Created(
            $"/api/clinics/{clinicId}/messages",
            Document(new ThreadMessage(message.Id, message.CreatedUtc, message.FromClinic, message.Body, Unread: false)));
    }

    private static MessageDocument Document(ThreadMessage message) =>
        new(message.Id, message.SentUtc, message.FromClinic ? "clinic" : "me", message.Body, message.Unread);
}
