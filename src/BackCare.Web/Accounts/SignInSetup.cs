using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Accounts;

/// <summary>The authentication schemes: bearer tokens for API clients, a cookie for the pages, and one scheme that picks.</summary>
public static class SignInSchemes
{
    /// <summary>The default scheme: the bearer handler when the request carries <c>Authorization: Bearer</c>, else the cookie.</summary>
    public const string Either = "BackCare";

    public const string Bearer = BearerTokenDefaults.AuthenticationScheme;

    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string CookieName = "BackCare.SignIn";

    public const string SignInPath = "/account/sign-in";

    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>
    /// How long a cookie lasts without use (it is renewed while in use); a session's absolute end
    /// (<see cref="AccountSession.EndsUtc"/>) caps it however busy it is.
    /// </summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);
}

/// <summary>
/// The authorization policies by role, for endpoints (<c>.RequireAuthorization(AccountPolicies.Clinician)</c>) and
/// pages (<c>[Authorize(Policy = AccountPolicies.Clinician)]</c>). A clinician must also belong to a clinic, and
/// clinicians and administrators must have signed in with two steps (<see cref="AccountClaims.TwoStep"/>): their
/// accounts open other people's health records, so a guessed or reused password alone must not.
/// </summary>
public static class AccountPolicies
{
    public const string Patient = nameof(AccountRole.Patient);
    public const string Clinician = nameof(AccountRole.Clinician);
    public const string Administrator = nameof(AccountRole.Administrator);

    /// <summary>Either a clinician of a clinic or an administrator, signed in with two steps: for a clinic's outcomes.</summary>
    public const string ClinicStaff = "ClinicStaff";
}

internal static class SignInSetup
{
    public static IServiceCollection AddBackCareSignIn(this IServiceCollection services)
    {
        services.AddAuthentication(SignInSchemes.Either)
            .AddPolicyScheme(SignInSchemes.Either, "Bearer token or sign-in cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? SignInSchemes.Bearer
                        : SignInSchemes.Cookie)
            .AddBearerToken(SignInSchemes.Bearer, options =>
            {
                options.BearerTokenExpiration = AccountsApi.AccessTokenLifetime;
                options.Events.OnMessageReceived = SessionCheck.ValidateBearer;
            })
            .AddCookie(SignInSchemes.Cookie, options =>
            {
                options.Cookie.Name = SignInSchemes.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.IsEssential = true;
                options.ExpireTimeSpan = SignInSchemes.CookieLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = SignInSchemes.SignInPath;
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/account/denied";
                options.ReturnUrlParameter = SignInSchemes.ReturnUrlParameter;
                options.Events.OnValidatePrincipal = SessionCheck.ValidateCookie;
                options.Events.OnRedirectToLogin = context => ApiAnswersInsteadOfRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAnswersInsteadOfRedirect(context, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicies.Patient, policy => policy.RequireAuthenticatedUser().RequireRole(AccountPolicies.Patient))
            .AddPolicy(AccountPolicies.Clinician, policy => policy.RequireAuthenticatedUser()
                .RequireRole(AccountPolicies.Clinician).RequireClaim(AccountClaims.ClinicIdType)
                .RequireClaim(AccountClaims.AuthenticationMethodType, AccountClaims.TwoStep))
            .AddPolicy(AccountPolicies.Administrator, policy => policy.RequireAuthenticatedUser()
                .RequireRole(AccountPolicies.Administrator).RequireClaim(AccountClaims.AuthenticationMethodType, AccountClaims.TwoStep))
            .AddPolicy(AccountPolicies.ClinicStaff, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.IsInRole(AccountPolicies.Administrator)
                    || (context.User.IsInRole(AccountPolicies.Clinician) && context.User.HasClaim(c => c.Type == AccountClaims.ClinicIdType)))
                .RequireClaim(AccountClaims.AuthenticationMethodType, AccountClaims.TwoStep));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoStepRequiredResultHandler>();
        services.AddSingleton<TwoStepTickets>();

        // Passkeys: Identity's WebAuthn handler, asking the device for its PIN, fingerprint or face every time (so a
        // passkey counts as two steps), and a discoverable passkey so that signing in needs no email first.
        services.AddScoped<IPasskeyHandler<Account>, PasskeyHandler<Account>>();
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
            options.AttestationConveyancePreference = "none";
            options.ValidateOrigin = context => ValueTask.FromResult(PasskeyCeremonies.IsOwnOrigin(context));
        });
        services.AddScoped<PasskeyCeremonies>();
        return services;
    }

    /// <summary>
    /// A request that sends a bearer token which does not authenticate (made up, expired, or of a session that ended) is
    /// answered 401 at once, even where no sign-in is needed: a client that sent a token expects what it does to be
    /// saved to that account, and must learn that it is not, rather than get an anonymous answer.
    /// </summary>
    public static IApplicationBuilder RefuseFailedBearerTokens(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !(await context.AuthenticateAsync(SignInSchemes.Bearer)).Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Sign in again",
                    Detail = Text.AccountText.English.SessionOver,
                },
            });
            return;
        }

        await next(context);
    });

    /// <summary>An API client is never sent to the sign-in page: it gets a 401 or 403 problem document.</summary>
    private static Task ApiAnswersInsteadOfRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = status == StatusCodes.Status401Unauthorized
                ? new ProblemDetails { Status = status, Title = "Sign in first", Detail = "Send a bearer token from /api/account/login, or sign in on the site." }
                : new ProblemDetails { Status = status, Title = "Not allowed", Detail = "Your account may not do this." },
        }).AsTask();
    }
}

/// <summary>
/// Says why a clinician or administrator signed in with the password alone is refused their role's pages and APIs
/// (the policies require <see cref="AccountClaims.TwoStep"/>): a page sends them to set up two-step sign-in and come
/// back, an API answers 403 with a problem naming that page. Any other refusal is answered as before.
/// </summary>
internal sealed class TwoStepRequiredResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || !OnlyTwoStepsMissing(authorizeResult.AuthorizationFailure))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(AccountLinks.TwoStep(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Two-step sign-in required",
                Detail = Text.AccountText.English.TwoStepRequiredForRole,
                Extensions = { ["twoStepRequired"] = true, ["setUp"] = AccountLinks.TwoStepPath },
            },
        });
    }

    /// <summary>Every requirement but the two-step one was met: the right role (and clinic), signed in with the password only.</summary>
    private static bool OnlyTwoStepsMissing(AuthorizationFailure? failure) =>
        failure is { FailCalled: false }
        && failure.FailedRequirements.Any()
        && failure.FailedRequirements.All(r => r is ClaimsAuthorizationRequirement { ClaimType: AccountClaims.AuthenticationMethodType });
}
