using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Accounts;

/// <summary>The addresses of the account pages, carrying the return URL and a check to save where there is one.</summary>
public static class AccountLinks
{
    public const string SignInPath = SignInSchemes.SignInPath;
    public const string SignUpPath = "/account/sign-up";

    /// <summary>Setting up, and turning off, two-step sign-in.</summary>
    public const string TwoStepPath = "/account/two-step";

    /// <summary>The second step of signing in: the code from the authenticator app or a recovery code.</summary>
    public const string SignInCodePath = "/account/sign-in/code";

    public const string PasskeysPath = "/account/passkeys";

    public static string SignIn(string? returnUrl = null, string? checkToken = null) => With(SignInPath, returnUrl, checkToken);

    public static string SignUp(string? returnUrl = null, string? checkToken = null) => With(SignUpPath, returnUrl, checkToken);

    public static string TwoStep(string? returnUrl = null) => With(TwoStepPath, returnUrl, null);

    private static string With(string path, string? returnUrl, string? checkToken)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrEmpty(returnUrl))
        {
            query[SignInSchemes.ReturnUrlParameter] = returnUrl;
        }

        if (!string.IsNullOrEmpty(checkToken))
        {
            query["s"] = checkToken;
        }

        return QueryHelpers.AddQueryString(path, query);
    }
}
