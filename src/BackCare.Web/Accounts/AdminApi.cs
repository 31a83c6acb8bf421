using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Clinics;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

using Clinician = BackCare.Data.Clinics.Clinician;

/// <param name="Specialty">
/// What they do (<c>orthopedic</c>, <c>spine</c>, <c>physical_therapy</c>, <c>primary_care</c>): they then see people
/// for visits, with weekly hours set on the clinic's page. Without it the account works the worklist and messages only.
/// </param>
public sealed record ClinicianRequest(string? Email, string? Password, string? DisplayName, Guid? ClinicId, string? Specialty = null);

/// <param name="ClinicianId">Their place in the clinic's team, which weekly hours name; null without a specialty.</param>
public sealed record ClinicianCreated(Guid Id, string Email, string DisplayName, Guid ClinicId, Guid? ClinicianId, string? Specialty);

/// <summary>
/// What only a BackCare administrator may do: make clinician accounts for a clinic, and set up clinics (their details,
/// their clinicians' weekly hours and time off). Every change is audited; the clinic's slots follow at once.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AccountPolicies.Administrator).DisableAntiforgery();
        api.MapPost("/clinicians", CreateClinician).WithName("CreateClinician").WithSummary("Make a clinician account for a clinic");
        api.MapGet("/clinics", ListClinics).WithName("AdminListClinics").WithSummary("Every clinic with its settings");
        api.MapPost("/clinics", CreateClinic).WithName("CreateClinic").WithSummary("Add a clinic");
        api.MapGet("/clinics/{id:guid}", GetClinic).WithName("AdminGetClinic").WithSummary("A clinic with its clinicians, their weekly hours and time off");
        api.MapPut("/clinics/{id:guid}", UpdateClinic).WithName("UpdateClinic").WithSummary("Change a clinic's details and booking settings");
        api.MapPost("/clinics/{id:guid}/hours", AddHours).WithName("AddClinicHours").WithSummary("Add weekly hours for a clinician or everyone");
        api.MapDelete("/clinics/{id:guid}/hours/{hoursId:guid}", RemoveHours).WithName("RemoveClinicHours").WithSummary("Remove weekly hours");
        api.MapPost("/clinics/{id:guid}/time-off", AddTimeOff).WithName("AddClinicTimeOff").WithSummary("Add time off for a clinician, or a holiday for everyone");
        api.MapDelete("/clinics/{id:guid}/time-off/{timeOffId:guid}", RemoveTimeOff).WithName("RemoveClinicTimeOff").WithSummary("Remove time off");
        return app;
    }

    public static async Task<Results<Created<ClinicianCreated>, ValidationProblem, ProblemHttpResult>> CreateClinician(
        ClinicianRequest request, AccountService accounts, BackCareDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = await ClinicianForm.CheckAsync(request.Email, request.Password, request.DisplayName, request.ClinicId, db, cancellationToken);
        Specialty? specialty = null;
        if (!string.IsNullOrWhiteSpace(request.Specialty))
        {
            if (ClinicNames.TryParseSpecialty(request.Specialty, out var parsed))
            {
                specialty = parsed;
            }
            else
            {
                errors.Add("specialty", PageText.English["admin_error_specialty"]);
            }
        }

        if (errors.Any)
        {
            return Invalid(errors);
        }

        var outcome = await accounts.RegisterClinicianAsync(
            request.Email!, request.Password!, request.DisplayName!, request.ClinicId!.Value, cancellationToken);
        if (outcome.Account is not { } account)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: PageText.English["admin_problem_email_taken"],
                detail: AccountText.English.EmailTaken);
        }

        var clinician = await ClinicianForm.JoinTeamAsync(db, audit, account, specialty, cancellationToken);
        return TypedResults.Created(
            "/api/account",
            new ClinicianCreated(account.Id, account.Email, account.DisplayName, account.ClinicId!.Value, clinician?.Id, specialty?.WireName()));
    }

    public static async Task<Ok<List<ClinicSummary>>> ListClinics(ClinicAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    public static async Task<Results<Created<ClinicSummary>, ValidationProblem>> CreateClinic(
        ClinicRequest request, ClinicAdmin admin, CancellationToken cancellationToken)
    {
        var outcome = await admin.CreateAsync(request, cancellationToken);
        return outcome.Value is { } clinic ? TypedResults.Created($"/api/admin/clinics/{clinic.Id}", clinic) : Invalid(outcome.Errors!);
    }

    public static async Task<Results<Ok<ClinicDetails>, ProblemHttpResult>> GetClinic(
        Guid id, ClinicAdmin admin, TimeProvider clock, CancellationToken cancellationToken) =>
        await admin.DetailsAsync(id, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } details ? TypedResults.Ok(details) : NoSuchClinic();

    public static async Task<Results<Ok<ClinicSummary>, ValidationProblem, ProblemHttpResult>> UpdateClinic(
        Guid id, ClinicRequest request, ClinicAdmin admin, CancellationToken cancellationToken)
    {
        var outcome = await admin.UpdateAsync(id, request, cancellationToken);
        return outcome.NotFound ? NoSuchClinic() : outcome.Value is { } clinic ? TypedResults.Ok(clinic) : Invalid(outcome.Errors!);
    }

    public static async Task<Results<Created<IReadOnlyList<Guid>>, ValidationProblem, ProblemHttpResult>> AddHours(
        Guid id, HoursRequest request, ClinicAdmin admin, CancellationToken cancellationToken)
    {
        var outcome = await admin.AddHoursAsync(id, request, cancellationToken);
        return outcome.NotFound ? NoSuchClinic() : outcome.Value is { } ids ? TypedResults.Created($"/api/admin/clinics/{id}", ids) : Invalid(outcome.Errors!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveHours(Guid id, Guid hoursId, ClinicAdmin admin, CancellationToken cancellationToken) =>
        await admin.RemoveHoursAsync(id, hoursId, cancellationToken) ? TypedResults.NoContent() : NoSuchClinic();

    public static async Task<Results<Created<IReadOnlyList<Guid>>, ValidationProblem, ProblemHttpResult>> AddTimeOff(
        Guid id, TimeOffRequest request, ClinicAdmin admin, CancellationToken cancellationToken)
    {
        var outcome = await admin.AddTimeOffAsync(id, request, cancellationToken);
        return outcome.NotFound ? NoSuchClinic() : outcome.Value is { } ids ? TypedResults.Created($"/api/admin/clinics/{id}", ids) : Invalid(outcome.Errors!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveTimeOff(Guid id, Guid timeOffId, ClinicAdmin admin, CancellationToken cancellationToken) =>
        await admin.RemoveTimeOffAsync(id, timeOffId, cancellationToken) ? TypedResults.NoContent() : NoSuchClinic();

    private static ValidationProblem Invalid(FormErrors errors) => TypedResults.ValidationProblem(
        AccountForm.ByField(errors), detail: PageText.English["admin_problem_detail"], title: PageText.English["admin_problem_title"]);

    private static ProblemHttpResult NoSuchClinic() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: PageText.English["admin_problem_not_found"]);
}

/// <summary>The checks of a new account's details, shared by the account API, the sign-up page and the clinician forms.</summary>
internal static class AccountForm
{
    public static FormErrors Check(string? email, string? password, string? displayName)
    {
        var errors = new FormErrors();
        foreach (var problem in AccountService.Check(email, password, displayName))
        {
            errors.Add(AccountText.FieldOf(problem), AccountText.English.For(problem));
        }

        return errors;
    }

    public static Dictionary<string, string[]> ByField(FormErrors errors) => errors.All.ToDictionary(e => e.Field, e => new[] { e.Message });
}

/// <summary>The checks of a new clinician's details, shared by the admin API and the admin page.</summary>
internal static class ClinicianForm
{
    public static FormErrors Check(string? email, string? password, string? displayName, Guid? clinicId)
    {
        var text = AccountText.English;
        var errors = AccountForm.Check(email, password, displayName);
        if (clinicId is null || clinicId == Guid.Empty)
        {
            errors.Add("clinicId", text.ClinicRequired);
        }

        return errors;
    }

    /// <summary>
    /// <see cref="Check"/>, then that the clinic exists. Nothing in the database refuses an unknown clinic id, and a
    /// clinician made for one would sign in to a clinic nobody books, with an empty worklist, and never know why.
    /// </summary>
    public static async Task<FormErrors> CheckAsync(
        string? email, string? password, string? displayName, Guid? clinicId, BackCareDbContext db, CancellationToken cancellationToken)
    {
        var errors = Check(email, password, displayName, clinicId);
        if (clinicId is { } id && id != Guid.Empty && !await db.Clinics.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken))
        {
            errors.Add("clinicId", AccountText.English.ClinicUnknown);
        }

        return errors;
    }

    /// <summary>
    /// With a specialty, the new account also joins the clinic's team (a <see cref="Clinician"/> linked to it), whose
    /// weekly hours the clinic's page sets; audited with the account's creation.
    /// </summary>
    public static async Task<Clinician?> JoinTeamAsync(
        BackCareDbContext db, AuditLog audit, Account account, Specialty? specialty, CancellationToken cancellationToken)
    {
        if (specialty is not { } what || account.ClinicId is not { } clinicId)
        {
            return null;
        }

        var clinician = new Clinician(clinicId, account.DisplayName, what, account.Id);
        db.Clinicians.Add(clinician);
        audit.Stage(AuditAction.Create, clinicId, nameof(Clinician), clinician.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return clinician;
    }
}
