using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using BackCare.Web.Hosting;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Accounts;

/// <param name="ClinicId">In a clinic network, the clinic whose patient the new account is (optional; an id from GET /api/clinics).</param>
public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? ClinicId = null);

/// <summary>The clinic a patient chooses as theirs (an id from GET /api/clinics).</summary>
public sealed record ClinicChoiceRequest(string? ClinicId);

/// <summary>The patient's clinic after choosing it.</summary>
public sealed record ClinicChosen(Guid ClinicId, string Name);

/// <summary>The answer to a registration, word for word the same whether the email was new or already had an account.</summary>
public sealed record RegistrationAccepted(string Email, string Message);

public sealed record LoginRequest(string? Email, string? Password);

/// <summary>The second step of an API sign-in: the <c>twoFactorToken</c> from the login's 401 and the code.</summary>
public sealed record TwoStepLoginRequest(string? TwoFactorToken, string? Code);

/// <summary>
/// A short-lived access token (<see cref="AccountsApi.AccessTokenLifetime"/>) and a one-use refresh token for the next
/// pair. Both stop working when the session ends: signing out, a password change, deletion, or the session's absolute end.
/// </summary>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string RefreshToken, string TokenType = "Bearer");

public sealed record RefreshRequest(string? RefreshToken);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmRequest(string? Email, string? Token, string? NewPassword);

public sealed record EmailConfirmRequest(Guid? AccountId, string? Token);

public sealed record EmailChangeRequest(string? NewEmail, string? Password);

public sealed record EmailChangeConfirmRequest(Guid? AccountId, string? NewEmail, string? Token);

/// <summary>Registration and password sign-in, which hands out a bearer token for the own-data endpoints.</summary>
internal static class AccountsApi
{
    private static AccountText Text => AccountText.English;

    public const string Scheme = SignInSchemes.Bearer;

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A reset request is answered no sooner than this after it arrived, whether or not a link was made, so its time
    /// says nothing about whether the address has an account (the work itself takes a millisecond or two either way).
    /// </summary>
    public static readonly TimeSpan ResetAnswerFloor = TimeSpan.FromMilliseconds(250);

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddBackCareStorage(configuration);
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddBackCareSignIn();
        services.TryAddScoped<IClinicDirectory, NoClinicNames>();
        services.AddScoped<AccountActivity>();
        services.AddScoped<AccountMail>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts").DisableAntiforgery().CarriesPersonalData();
        api.MapPost("/register", Register).WithName("Register")
            .WithSummary("Make a patient account; in a clinic network, clinicId (optional) makes it that clinic's patient");
        api.MapPut("/clinic", ChooseClinic).RequireAuthorization(AccountPolicies.Patient).WithName("ChooseClinic")
            .WithSummary("Make a clinic of the network mine, as the result page's \"Make ... my clinic\" does; its times are offered to me from then on");
        api.MapPost("/login", Login).WithName("Login")
            .WithSummary("Sign in with email and password; returns a bearer token and a refresh token, or 401 with twoFactorRequired and a twoFactorToken");
        api.MapPost("/login/two-step", LoginTwoStep).WithName("LoginTwoStep")
            .WithSummary("The second step of signing in: the twoFactorToken and the code from the authenticator app (or a recovery code); returns the tokens");
        api.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Trade a refresh token (once) for a new access token and refresh token");
        api.MapPost("/logout", Logout).RequireAuthorization().WithName("Logout").WithSummary("End this session: its cookie, access token and refresh token stop working");
        api.MapPost("/logout-everywhere", LogoutEverywhere).RequireAuthorization()
            .WithName("LogoutEverywhere").WithSummary("End every session of the account, on every device");
        api.MapPost("/password-reset", RequestPasswordReset).WithName("RequestPasswordReset")
            .WithSummary("Email a link to set a new password; always 202, whether or not the address has an account");
        api.MapPost("/password-reset/confirm", ConfirmPasswordReset).WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with the token from the email; every session of the account ends");
        api.MapPost("/confirm-email", ConfirmEmail).WithName("ConfirmEmail").WithSummary("Confirm the email address with the token from the email");
        api.MapPost("/email", RequestEmailChange).RequireAuthorization()
            .WithName("RequestEmailChange").WithSummary("Send a link to the new address; the account moves when it is followed");
        api.MapPost("/email/confirm", ConfirmEmailChange)
            .WithName("ConfirmEmailChange").WithSummary("Move the account to the new address with the token from the link; every session ends");
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
        RegisterRequest request, AccountService accounts, AccountMail mail, BackCareDbContext db, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = AccountForm.ByField(AccountForm.Check(request.Email, request.Password, request.DisplayName));
        // The clinic is checked before any account is made, and whether the email is new or taken (decision 0028).
        var named = await NewPatientClinic.ReadAsync(db, request.ClinicId, required: false, cancellationToken);
        if (named.Problem is { } clinicProblem)
        {
            errors[NewPatientClinic.Field] = [clinicProblem];
        }

        if (errors.Count > 0)
        {
            return InvalidAccount(errors);
        }

        var outcome = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName!, AccountRole.Patient, cancellationToken);
        if (outcome.Error is { } error and not RegistrationError.EmailTaken)
        {
            return InvalidAccount(new() { [AccountText.FieldOf(error)] = [Text.For(error)] });
        }

        // With one clinic a new account is its patient, in a network the one named (decisions 0026 and 0028); only a new account joins.
        if (await NewPatientClinic.ClinicForAsync(db, named.ClinicId, cancellationToken) is { } clinicId && outcome.Account is { } account)
        {
            await NewPatientClinic.JoinAsync(db, audit, clinicId, account.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        await mail.SendAfterSignUpAsync(outcome, request.Email!);

        return TypedResults.Accepted("/api/account", new RegistrationAccepted(Account.CanonicalEmail(request.Email!), Text.RegistrationAccepted));
    }

    /// <summary>
    /// 200 once the signed-in patient's clinic is the one named (the same change, audit event and worklist rule as the
    /// result page's choice); 400 naming <c>clinicId</c> for a missing, malformed or unknown id, and nothing changes.
    /// Choosing their clinic again is allowed: it only makes it their latest.
    /// </summary>
    public static async Task<Results<Ok<ClinicChosen>, ValidationProblem>> ChooseClinic(
        ClinicChoiceRequest request, HttpContext context, BackCareDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var named = await NewPatientClinic.ReadAsync(db, request.ClinicId, required: true, cancellationToken);
        if (named.ClinicId is not { } clinicId)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [NewPatientClinic.Field] = [named.Problem!] },
                detail: Text["clinic_choice_problem_detail"],
                title: Text["clinic_choice_problem_title"]);
        }

        var person = AccountClaims.AccountIdOf(context.User)!.Value;
        await NewPatientClinic.ChooseAsync(db, audit, clinicId, person, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var name = await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.Name).SingleAsync(cancellationToken);
        return TypedResults.Ok(new ClinicChosen(clinicId, name));
    }

    /// <summary>
    /// 200 with the tokens for a right password; 401 otherwise. For an account with two-step sign-in on, a right password
    /// is answered 401 too, with <c>twoFactorRequired: true</c> and a <c>twoFactorToken</c> good for five minutes
    /// (<see cref="TwoStepTickets"/>): no session starts until <see cref="LoginTwoStep"/> gets the code.
    /// </summary>
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request,
        HttpContext context,
        AccountService accounts,
        AccountSessions sessions,
        TwoStepTickets tickets,
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

        if (outcome.SecondStepRequired)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Two-step sign-in",
                detail: Text.CodeNeededApi,
                extensions: new Dictionary<string, object?>
                {
                    ["twoFactorRequired"] = true,
                    ["twoFactorToken"] = tickets.Issue(account, rememberMe: true),
                });
        }

        var session = await sessions.StartAsync(account, SessionKind.Token, remember: true, AccountPages.ClientOf(context), cancellationToken: cancellationToken);
        return TypedResults.Ok(await TokensFor(account, session, sessions, bearerOptions, clock, cancellationToken));
    }

    /// <summary>
    /// 200 with the tokens, of a session signed in with two steps, when the code is right for the token's sign-in;
    /// 401 for a wrong code (it counts towards the waits, as a wrong password does), a client that must wait, and a
    /// token that is made up, altered, older than five minutes or of a password changed since.
    /// </summary>
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginTwoStep(
        TwoStepLoginRequest request,
        HttpContext context,
        AccountService accounts,
        AccountSessions sessions,
        TwoStepTickets tickets,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (tickets.Read(request.TwoFactorToken) is not { } ticket)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in again", detail: Text.CodeSignInAgain);
        }

        var client = AccountPages.ClientOf(context);
        var outcome = await accounts.SignInWithCodeAsync(ticket.AccountId, ticket.SecurityStamp, request.Code, client, cancellationToken);
        if (outcome.Account is not { } account)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: outcome.Error == SignInError.StartAgain ? "Sign in again" : "Sign-in failed",
                detail: Text.SecondStepFailed(outcome.Error));
        }

        var session = await sessions.StartAsync(account, SessionKind.Token, remember: true, client, twoStep: true, cancellationToken);
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
        AccountMail mail,
        UserManager<Account> users,
        CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        var outcome = await passwords.ChangeAsync(owner, request.CurrentPassword, request.NewPassword, AccountPages.ClientOf(context), cancellationToken);
        return outcome switch
        {
            PasswordChange.Changed => await PasswordChangedAsync(owner, mail, users),
            PasswordChange.WrongCurrentPassword or PasswordChange.TooManyAttempts => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The password was not changed",
                detail: outcome == PasswordChange.TooManyAttempts ? Text.TooManyTries : Text.PasswordWrongForChange),
            PasswordChange.Gone => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in again", detail: Text.SessionOver),
            _ => InvalidAccount(new() { ["newPassword"] = [Text.For(passwords.LastProblem ?? RegistrationError.PasswordTooShort)] }),
        };
    }

    /// <summary>
    /// 202 whatever the address: a reset link goes to it only when it has an account, queued so the answer takes as
    /// long either way. Nothing about the account changes until the link is used.
    /// </summary>
    public static async Task<Accepted<RegistrationAccepted>> RequestPasswordReset(
        PasswordResetRequest request, AccountMail mail, UserManager<Account> users, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var email = request.Email?.Trim() ?? "";
        if (AccountService.IsValidEmail(email) && await users.FindByEmailAsync(email) is { } account)
        {
            await mail.SendResetAsync(account);
        }

        await AnswerTime.WaitOutAsync(started, ResetAnswerFloor, cancellationToken);

        return TypedResults.Accepted("/api/account", new RegistrationAccepted(email, Text.ResetRequested));
    }

    public static async Task<Results<NoContent, ValidationProblem>> ConfirmPasswordReset(
        PasswordResetConfirmRequest request, HttpContext context, AccountPasswords passwords, AccountMail mail, UserManager<Account> users,
        CancellationToken cancellationToken)
    {
        var outcome = await passwords.ResetAsync(request.Email, request.Token, request.NewPassword, AccountPages.ClientOf(context), cancellationToken);
        switch (outcome)
        {
            case PasswordChange.Changed:
                if (await users.FindByEmailAsync(request.Email!) is { } account)
                {
                    mail.SendPasswordChanged(account);
                }

                return TypedResults.NoContent();
            case PasswordChange.NewPasswordInvalid:
                return InvalidAccount(new() { ["newPassword"] = [Text.For(passwords.LastProblem ?? RegistrationError.PasswordTooShort)] });
            default:
                return InvalidAccount(new() { ["token"] = [Text.ResetLinkInvalid] });
        }
    }

    public static async Task<Results<NoContent, ValidationProblem>> ConfirmEmail(
        EmailConfirmRequest request, AccountPasswords passwords, CancellationToken cancellationToken) =>
        await passwords.ConfirmEmailAsync(request.AccountId, request.Token, cancellationToken)
            ? TypedResults.NoContent()
            : InvalidAccount(new() { ["token"] = [Text.ConfirmLinkInvalid] });

    /// <summary>
    /// 202 once the password is right and the new address valid: a link goes to the new address (queued, the same
    /// answer whether or not another account has it; then the link simply fails). 403 for a wrong password.
    /// </summary>
    public static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem, ProblemHttpResult>> RequestEmailChange(
        EmailChangeRequest request, HttpContext context, AccountService accounts, AccountMail mail, UserManager<Account> users,
        CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(context.User)!.Value;
        if (!AccountService.IsValidEmail(request.NewEmail))
        {
            return InvalidAccount(new() { ["newEmail"] = [Text.EmailInvalid] });
        }

        var confirmed = await accounts.ConfirmPasswordAsync(owner, request.Password ?? "", AccountPages.ClientOf(context), cancellationToken);
        if (confirmed.Account is not { } account)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The email was not changed",
                detail: confirmed.Error == SignInError.TooManyAttempts ? Text.TooManyTries : Text.PasswordWrongForChange);
        }

        var newEmail = Account.CanonicalEmail(request.NewEmail!);
        await mail.SendConfirmNewEmailAsync(account, newEmail);
        return TypedResults.Accepted("/api/account", new RegistrationAccepted(newEmail, Text.EmailChangeSent));
    }

    public static async Task<Results<NoContent, ValidationProblem>> ConfirmEmailChange(
        EmailChangeConfirmRequest request, HttpContext context, AccountPasswords passwords, AccountMail mail, UserManager<Account> users,
        CancellationToken cancellationToken)
    {
        var old = await passwords.ChangeEmailAsync(request.AccountId, request.NewEmail, request.Token, AccountPages.ClientOf(context), cancellationToken);
        if (old is null)
        {
            return InvalidAccount(new() { ["token"] = [Text.ConfirmLinkInvalid] });
        }

        var account = await users.FindByIdAsync(request.AccountId!.Value.ToString());
        mail.SendEmailChanged(old, account?.DisplayName);
        return TypedResults.NoContent();
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

    private static async Task<NoContent> PasswordChangedAsync(Guid owner, AccountMail mail, UserManager<Account> users)
    {
        if (await users.FindByIdAsync(owner.ToString()) is { } account)
        {
            mail.SendPasswordChanged(account);
        }

        return TypedResults.NoContent();
    }

    private static ValidationProblem InvalidAccount(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Each field below says what is wrong.", title: "The account details are not valid");
}
