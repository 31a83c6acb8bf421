using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

public sealed record ClinicianRequest(string? Email, string? Password, string? DisplayName, Guid? ClinicId);

public sealed record ClinicianCreated(Guid Id, string Email, string DisplayName, Guid ClinicId);

/// <summary>What only a BackCare administrator may do: make clinician accounts for a clinic.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AccountPolicies.Administrator).DisableAntiforgery();
        api.MapPost("/clinicians", CreateClinician).WithName("CreateClinician").WithSummary("Make a clinician account for a clinic");
        return app;
    }

    public static async Task<Results<Created<ClinicianCreated>, ValidationProblem, ProblemHttpResult>> CreateClinician(
        ClinicianRequest request, AccountService accounts, BackCareDbContext db, CancellationToken cancellationToken)
    {
        var errors = await ClinicianForm.CheckAsync(request.Email, request.Password, request.DisplayName, request.ClinicId, db, cancellationToken);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(
                AccountForm.ByField(errors),
                detail: "Each field below says what is wrong.",
                title: "The clinician's details are not valid");
        }

        var outcome = await accounts.RegisterClinicianAsync(
            request.Email!, request.Password!, request.DisplayName!, request.ClinicId!.Value, cancellationToken);
        if (outcome.Account is not { } account)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The email is already registered",
                detail: AccountText.English.EmailTaken);
        }

        return TypedResults.Created(
            "/api/account",
            new ClinicianCreated(account.Id, account.Email, account.DisplayName, account.ClinicId!.Value));
    }
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
}
