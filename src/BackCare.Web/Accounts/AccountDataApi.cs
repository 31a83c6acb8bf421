using BackCare.Data.PersonalData;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Accounts;

public sealed record DeleteAccountRequest(string? Password);

/// <summary>A person's own data: download all of it, delete all of it, and see who looked at it.</summary>
internal static class AccountDataApi
{
    public static RouteGroupBuilder MapAccountData(this RouteGroupBuilder api)
    {
        api.MapGet("/export", Export).RequireAuthorization()
            .WithName("ExportAccount").WithSummary("Everything held about the signed-in person, as one JSON document")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapDelete("/", Delete).RequireAuthorization()
            .WithName("DeleteAccount").WithSummary("Delete the signed-in person's account and everything in it; needs the password again");
        api.MapGet("/activity", Activity).RequireAuthorization()
            .WithName("AccountActivity").WithSummary("Who read or changed the signed-in person's record, newest first");
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        HttpContext context, AccountExport export, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var document = await export.ExportAsync(owner, cancellationToken);
        if (document is null)
        {
            return AccountGone();
        }

        return TypedResults.File(document, "application/json; charset=utf-8", "backcare-my-data.json");
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        [FromBody] DeleteAccountRequest? request, HttpContext context, Data.Accounts.AccountService accounts, AccountErasure erasure,
        CancellationToken cancellationToken)
    {
        if (StaffPages.IsStaff(context.User))
        {
            // As on /account/delete: a clinic's account is closed by its administrator, never by the clinician.
            return AccountGone();
        }

        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var text = AccountText.English;
        if (string.IsNullOrEmpty(request?.Password))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["password"] = [text.PasswordRequired] },
                detail: "Deleting an account needs its password again.",
                title: "The password is missing");
        }

        var confirmed = await accounts.ConfirmPasswordAsync(owner, request.Password, AccountPages.ClientOf(context), cancellationToken);
        if (!confirmed.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The account was not deleted",
                detail: confirmed.Error == Data.Accounts.SignInError.TooManyAttempts ? text.TooManyTries : text.PasswordWrongForDelete);
        }

        if (!await erasure.EraseAsync(owner, cancellationToken))
        {
            return AccountGone();
        }

        await context.SignOutAsync(SignInSchemes.Cookie); // the sessions went with the account
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ActivityPage>> Activity(
        HttpContext context, AccountActivity activity, int? page, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        return TypedResults.Ok(await activity.PageAsync(owner, page ?? 1, cancellationToken));
    }

    private static ProblemHttpResult AccountGone() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such account",
        detail: "This account does not exist any more.");
}
