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

/// <summary>The answer to a registration, word for word the same whether the email was new or already had an account.</summary>
public sealed record RegistrationAccepted(string Email, string Message);

public sealed record LoginRequest(string? Email, string? Password);

/// <summary>
/// A short-lived access token (<see cref="AccountsApi.AccessTokenLifetime"/>) and a one-use refresh token for the next
/// pair. Both stop working when the session ends: signing out, a password change, deletion, or the session's absolute end.
/// </summary>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string RefreshToken, string TokenType = "Bearer");

public sealed record RefreshRequest(string? RefreshToken);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Registration and password sign-in, which hands out a bearer token for the own-data endpoints.</summary>
internal static class AccountsApi
{
    private static AccountText Text => AccountText.English;

    public const string Scheme = SignInSchemes.Bearer;

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);

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
        api.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password; returns a bearer token and a refresh token");
        api.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Trade a refresh token (once) for a new access token and refresh token");
        api.MapPost("/logout", Logout).RequireAuthorization().WithName("Logout").WithSummary("End this session: its cookie, access token and refresh token stop working");
        api.MapPost("/logout-everywhere", LogoutEverywhere).RequireAuthorization()
            .WithName("LogoutEverywhere").WithSummary("End every session of the account, on every device");
        api.MapPost("/password", ChangePassword).RequireAuthorization()
            .WithName("ChangePassword").WithSummary("Change the password; every session of the account ends");
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
        HttpContext context,
        AccountService accounts,
        AccountSessions sessions,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignInAsync(request.Email ?? "", request.Password ?? "", AccountPages.ClientOf(context), cancellationToken);
        if (outcome.Account is not { } account)
        {
            // The same words for an unknown email, a wrong password and a client that must wait.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in failed",
                detail: Text.SignInFailed(outcome.Error));
        }

        var session = await sessions.StartAsync(account, SessionKind.Token, remember: true, AccountPages.ClientOf(context), cancellationToken);
        return TypedResults.Ok(await TokensFor(account, session, sessions, bearerOptions, clock, cancellationToken));
    }

    /// <summary>
    /// 200 with a new pair for a refresh token used for the first time within its session; 401 otherwise. A refresh
    /// token used a second time ends its session: one of the two who held it was not its owner.
    /// </summary>
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request,
        HttpContext context,
        AccountSessions sessions,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var refreshed = await sessions.RefreshAsync(request.RefreshToken, AccountPages.ClientOf(context), cancellationToken);
        if (refreshed is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in again",
                detail: Text.SessionOver);
        }

        var pair = await TokensFor(refreshed.Account, refreshed.Session, sessions, bearerOptions, clock, cancellationToken, refreshed.RefreshToken);
        return TypedResults.Ok(pair);
    }

    public static async Task<NoContent> Logout(HttpContext context, AccountSessions sessions)
    {
        await AccountPages.SignOutAsync(context, sessions);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> LogoutEverywhere(HttpContext context, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        await sessions.EndAllAsync(owner, AccountEventKind.SignedOutEverywhere, AccountPages.ClientOf(context), cancellationToken);
        await context.SignOutAsync(SignInSchemes.Cookie);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// 204 when the current password was right and the new one meets the rules. The security stamp is renewed, so every
    /// session of the account, this one included, ends: the person signs in again with the new password.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest request,
        HttpContext context,
        AccountPasswords passwords,
        CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var outcome = await passwords.ChangeAsync(owner, request.CurrentPassword, request.NewPassword, AccountPages.ClientOf(context), cancellationToken);
        return outcome switch
        {
            PasswordChange.Changed => TypedResults.NoContent(),
            PasswordChange.WrongCurrentPassword or PasswordChange.TooManyAttempts => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The password was not changed",
                detail: outcome == PasswordChange.TooManyAttempts ? Text.TooManyTries : Text.PasswordWrongForChange),
            PasswordChange.Gone => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in again", detail: Text.SessionOver),
            _ => InvalidAccount(new() { ["newPassword"] = [Text.For(passwords.LastProblem ?? RegistrationError.PasswordTooShort)] }),
        };
    }

    private static async Task<LoginResponse> TokensFor(
        Account account,
        AccountSession session,
        AccountSessions sessions,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken cancellationToken,
        string? refreshToken = null)
    {
        var options = bearerOptions.Get(Scheme);
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + AccessTokenLifetime };
        var ticket = new AuthenticationTicket(AccountClaims.PrincipalFor(account, session, Scheme), properties, Scheme);
        var token = options.BearerTokenProtector.Protect(ticket);
        refreshToken ??= await sessions.IssueRefreshTokenAsync(session, cancellationToken);
        return new LoginResponse(token, (long)AccessTokenLifetime.TotalSeconds, refreshToken);
    }

    private static ValidationProblem InvalidAccount(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Each field below says what is wrong.", title: "The account details are not valid");
}
