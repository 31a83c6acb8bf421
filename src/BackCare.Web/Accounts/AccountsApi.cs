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

public sealed record AccountCreated(Guid Id, string Email, string DisplayName);

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

    public static async Task<Results<Created<AccountCreated>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = AccountForm.Check(request.Email, request.Password, request.DisplayName);
        if (errors.Any)
        {
            return InvalidAccount(AccountForm.ByField(errors));
        }

        var outcome = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName!, AccountRole.Patient, cancellationToken);
        return outcome switch
        {
            { Account: { } account } => TypedResults.Created("/api/account", new AccountCreated(account.Id, account.Email, account.DisplayName)),
            { Error: RegistrationError.EmailTaken } => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The email is already registered",
                detail: Text.EmailTaken),
            { Error: { } error } => InvalidAccount(new() { [AccountText.FieldOf(error)] = [Text.For(error)] }),
            _ => throw new InvalidOperationException("A registration neither made an account nor said why."),
        };
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
