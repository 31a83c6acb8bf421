using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using BackCare.Web.Clinics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Appointments;

public sealed record BookingRequest(Guid? SlotId, string? Reason, Guid? AssessmentId);

public sealed record RescheduleRequest(Guid? SlotId);

/// <summary>One of the person's appointments, with where and when on the clinic's clock.</summary>
public sealed record AppointmentDocument(
    Guid Id, string Status, Guid ClinicId, string ClinicName, string ClinicAddress, string ClinicPhone, string TimeZone,
    string ClinicianName, string Specialty, string Kind,
    DateTimeOffset StartUtc, DateTimeOffset EndUtc, DateTimeOffset LocalStart, DateTimeOffset LocalEnd,
    string Reason, Guid? AssessmentId, string? Disposition, string? JoinUrl, DateTimeOffset Created, DateTimeOffset? Cancelled,
    Guid? MovedToId = null);

/// <summary>Booking, reading, cancelling and moving the signed-in person's own appointments; anyone else's are not found.</summary>
internal static class AppointmentsApi
{
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/", Book).WithName("BookAppointment").WithSummary("Book a free slot; 409 when someone else has it, or when the person already holds Booking:MaxOpenPerPerson open appointments")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", List).WithName("ListAppointments").WithSummary("The signed-in person's appointments, newest first");
        api.MapGet("/{id:guid}", Get).WithName("GetAppointment").WithSummary("One of the signed-in person's appointments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:guid}", Cancel).WithName("CancelAppointment").WithSummary("Cancel an appointment; its slot is free again")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/reschedule", Reschedule).WithName("RescheduleAppointment")
            .WithSummary("Move an appointment to another slot: cancel and book in one step; when the new slot is taken nothing changes")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<AppointmentDocument>, ValidationProblem, ProblemHttpResult>> Book(
        BookingRequest request, HttpContext context, BookingService booking, BackCareDbContext db, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var errors = new Dictionary<string, string[]>();
        if (request.SlotId is not { } slotId || slotId == Guid.Empty)
        {
            errors["slotId"] = ["is required: the id of a free slot"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["is required: a few words about why you want to be seen"];
        }
        else if (request.Reason.Trim().Length > Appointment.MaxReasonLength)
        {
            errors["reason"] = [$"may be at most {Appointment.MaxReasonLength} characters"];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var outcome = await booking.BookAsync(owner, request.SlotId!.Value, request.Reason!.Trim(), request.AssessmentId, cancellationToken);
        return outcome.Appointment is { } appointment
            ? TypedResults.Created($"/api/appointments/{appointment.Id}", await DocumentAsync(db, appointment, cancellationToken))
            : Refused(outcome.Error!.Value, booking.MaxOpenPerPerson);
    }

    public static async Task<Ok<AppointmentDocument[]>> List(
        HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var appointments = await db.Appointments.AsNoTracking().OwnedBy(owner).ToListAsync(cancellationToken);
        await audit.RecordListReadAsync<Appointment>(owner, cancellationToken);
        return TypedResults.Ok(await DocumentsAsync(db, appointments, cancellationToken));
    }

    public static async Task<Results<Ok<AppointmentDocument>, ProblemHttpResult>> Get(
        Guid id, HttpContext context, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var appointment = await db.Appointments.FindOwnedAsync(id, owner, cancellationToken);
        if (appointment is null)
        {
            return SavedAssessmentsApi.NotFound("appointment");
        }

        await audit.RecordReadAsync(appointment, cancellationToken);
        return TypedResults.Ok(await DocumentAsync(db, appointment, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        Guid id, HttpContext context, BookingService booking, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        return await booking.CancelAsync(owner, id, cancellationToken) ? TypedResults.NoContent() : SavedAssessmentsApi.NotFound("appointment");
    }

    public static async Task<Results<Created<AppointmentDocument>, ValidationProblem, ProblemHttpResult>> Reschedule(
        Guid id, RescheduleRequest request, HttpContext context, BookingService booking, BackCareDbContext db, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        if (request.SlotId is not { } slotId || slotId == Guid.Empty)
        {
            return Invalid(new() { ["slotId"] = ["is required: the id of the free slot to move to"] });
        }

        var outcome = await booking.RescheduleAsync(owner, id, slotId, cancellationToken);
        return outcome.Appointment is { } appointment
            ? TypedResults.Created($"/api/appointments/{appointment.Id}", await DocumentAsync(db, appointment, cancellationToken))
            : Refused(outcome.Error!.Value);
    }

    /// <summary>What each refusal of the booking service means on the wire.</summary>
    public static ProblemHttpResult Refused(BookingError error, int maxOpenPerPerson = 0) => error switch
    {
        BookingError.TooManyOpen => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "Too many open appointments",
            detail: $"You already have {maxOpenPerPerson} appointments booked that have not started yet, the most one person may hold. "
                    + "Cancel one, or wait until one has passed, to book another. Moving one of them to another time is still possible.",
            extensions: new Dictionary<string, object?> { ["maxOpenPerPerson"] = maxOpenPerPerson, ["appointments"] = "/api/appointments" }),
        BookingError.SlotTaken => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "The slot is taken",
            detail: "Someone else booked this time first. Choose another free time."),
        BookingError.SlotNotFound => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "No such slot", detail: "There is no slot with this id."),
        BookingError.SlotInPast => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest, title: "The slot has started",
            detail: "This time has already begun or passed. Choose a later one.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["slotId"] = ["starts in the past"] } }),
        BookingError.AssessmentNotFound => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest, title: "No such assessment",
            detail: "The assessment is not one of your saved assessments.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["assessmentId"] = ["is not one of your saved assessments"] } }),
        BookingError.AppointmentCancelled => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "The appointment was cancelled",
            detail: "A cancelled appointment cannot be moved. Book a new one."),
        _ => SavedAssessmentsApi.NotFound("appointment"),
    };

    internal static async Task<AppointmentDocument> DocumentAsync(BackCareDbContext db, Appointment appointment, CancellationToken cancellationToken) =>
        (await DocumentsAsync(db, [appointment], cancellationToken))[0];

    internal static async Task<AppointmentDocument[]> DocumentsAsync(
        BackCareDbContext db, IReadOnlyList<Appointment> appointments, CancellationToken cancellationToken)
    {
        var clinicIds = appointments.Select(a => a.ClinicId).Distinct().ToList();
        var clinicianIds = appointments.Select(a => a.ClinicianId).Distinct().ToList();
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => clinicianIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. appointments.Select(a =>
        {
            var clinic = clinics[a.ClinicId];
            var clinician = clinicians.GetValueOrDefault(a.ClinicianId);
            return new AppointmentDocument(
                a.Id, a.Status == AppointmentStatus.Booked ? "booked" : "cancelled",
                clinic.Id, clinic.Name, clinic.Address, clinic.Phone, clinic.TimeZoneId,
                clinician?.DisplayName ?? "", clinician?.Specialty.WireName() ?? "", a.Kind.WireName(),
                ClinicsApi.Utc(a.StartUtc), ClinicsApi.Utc(a.EndUtc), ClinicsApi.Local(a.StartUtc, clinic.TimeZone), ClinicsApi.Local(a.EndUtc, clinic.TimeZone),
                a.Reason, a.AssessmentId, a.Disposition, a.JoinUrl,
                ClinicsApi.Utc(a.CreatedUtc), a.CancelledUtc is { } cancelled ? ClinicsApi.Utc(cancelled) : null, a.MovedToId);
        })];
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Each field below says what is wrong.", title: "The booking is not valid");
}
