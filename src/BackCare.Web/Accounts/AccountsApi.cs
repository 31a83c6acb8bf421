using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using BackCare.Web.Hosting;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

/// <summary>The answer to a registration, word for word the same whether the email was new or already had an account.</summary>
public sealed record RegistrationAccepted(string Email, string Message);

public sealed record LoginResponse(string AccessToken, long ExpiresIn);

/// <summary>Registration and password sign-in, which hands out a bearer token for the own-data endpoints.</summary>
internal static class AccountsApi
{
    private static AccountText Text => AccountText.English;

    public const string Scheme = SignInSchemes.Bearer;

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddBackCareStorage(configuration);
        services.AddBackCareSignIn();
        services.TryAddScoped<IClinicDirectory, NoClinicNames>();
        services.AddScoped<AccountActivity>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts").DisableAntiforgery().CarriesPersonalData();
        api.MapPost("/register", Register).WithName("Register").WithSummary("Make a patient account");
        api.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password; returns a bearer token");
        api.MapAccountData();
        app.MapAdmin();
        return app;
    }

    /// <summary>
    /// 202 for a new email and for one that already has an account alike, with the same body, so that registration
    /// cannot be used to learn who has an account here. The account is made only for a new email; the owner of a
    /// taken one keeps theirs, untouched.
    /// </summary>
    public static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = AccountForm.Check(request.Email, request.Password, request.DisplayName);
        if (errors.Any)
        {
            return InvalidAccount(AccountForm.ByField(errors));
        }

        var outcome = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName!, AccountRole.Patient, cancellationToken);
        return outcome.Error is { } error and not RegistrationError.EmailTaken
            ? InvalidAccount(new() { [AccountText.FieldOf(error)] = [Text.For(error)] })
            : TypedResults.Accepted("/api/account", new RegistrationAccepted(Account.CanonicalEmail(request.Email!), Text.RegistrationAccepted));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request,
        AccountService accounts,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignInAsync(request.Email ?? "", request.Password ?? "", cancellationToken);
        if (outcome.Account is not { } account)
        {
            // Lockout is only ever reported after a known email, but the wording never says the email exists.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in failed",
                detail: Text.SignInFailed(outcome.Error));
        }

        var options = bearerOptions.Get(Scheme);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = clock.GetUtcNow(),
            ExpiresUtc = clock.GetUtcNow() + options.BearerTokenExpiration,
        };
        var ticket = new AuthenticationTicket(AccountClaims.PrincipalFor(account, Scheme), properties, Scheme);
        var token = options.BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(new LoginResponse(token, (long)options.BearerTokenExpiration.TotalSeconds));
    }

    private static ValidationProblem InvalidAccount(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Each field below says what is wrong.", title: "The account details are not valid");
}
