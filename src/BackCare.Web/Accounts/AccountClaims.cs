using System.Security.Claims;
using BackCare.Data.Accounts;

namespace BackCare.Web.Accounts;

/// <summary>How a signed-in account is written into, and read back from, its claims (the same for the cookie and the bearer token).</summary>
public static class AccountClaims
{
    /// <summary>A clinician's clinic, from <see cref="Account.ClinicId"/>.</summary>
    public const string ClinicIdType = "backcare:clinic_id";

    /// <summary>The session (<see cref="AccountSession"/>) the cookie or token belongs to, checked on every request.</summary>
    public const string SessionIdType = "backcare:sid";

    /// <summary>How the person proved who they are (RFC 8176's <c>amr</c>): always <see cref="PasswordMethod"/>, and <see cref="TwoStep"/> when a code followed.</summary>
    public const string AuthenticationMethodType = "amr";

    public const string PasswordMethod = "pwd";

    /// <summary>Signed in with two steps (<see cref="AccountSession.TwoStep"/>): what the clinic and admin policies require.</summary>
    public const string TwoStep = "mfa";

    public static ClaimsPrincipal PrincipalFor(Account account, AccountSession session, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(session);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(SessionIdType, session.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(AuthenticationMethodType, PasswordMethod),
        };
        if (session.TwoStep)
        {
            claims.Add(new Claim(AuthenticationMethodType, TwoStep));
        }

        if (account.ClinicId is { } clinic)
        {
            claims.Add(new Claim(ClinicIdType, clinic.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static Guid? AccountIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    /// <summary>The clinic of a signed-in clinician; null for anyone else.</summary>
    public static Guid? ClinicIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClinicIdType), out var id) ? id : null;

    public static Guid? SessionIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(SessionIdType), out var id) ? id : null;

    /// <summary>Clinicians and administrators must sign in with two steps before they may open anything of their role.</summary>
    public static bool NeedsTwoSteps(AccountRole role) => role is AccountRole.Clinician or AccountRole.Administrator;

    public static string? DisplayNameOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Name) : null;
}
