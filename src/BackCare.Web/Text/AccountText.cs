using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BackCare.Data.Accounts;

namespace BackCare.Web.Text;

/// <summary>The account pages' and account API's words, from Text/en/account.json (embedded), shared so both say the same.</summary>
public sealed class AccountText
{
    private readonly FrozenDictionary<string, string> _strings;

    private AccountText(FrozenDictionary<string, string> strings) => _strings = strings;

    public static AccountText English { get; } = Load("en");

    public string EmailInvalid => _strings["email_invalid"];

    public string PasswordTooShort =>
        string.Format(CultureInfo.InvariantCulture, _strings["password_too_short"], AccountService.MinimumPasswordLength);

    public string DisplayNameRequired => _strings["display_name_required"];

    public string EmailTaken => _strings["email_taken"];

    public string WrongCredentials => _strings["wrong_credentials"];

    public string LockedOut =>
        string.Format(CultureInfo.InvariantCulture, _strings["locked_out"], Account.LockoutDuration.TotalMinutes);

    public string PasswordRequired => _strings["password_required"];

    public string PasswordWrongForDelete => _strings["password_wrong_for_delete"];

    public string ClinicRequired => _strings["clinic_required"];

    /// <summary>What to say when a sign-in failed: the lockout, or one message for an unknown email and a wrong password alike.</summary>
    public string SignInFailed(SignInError? error) => error == SignInError.LockedOut ? LockedOut : WrongCredentials;

    private static AccountText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.account.json";
        using var stream = typeof(AccountText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new AccountText(document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }
}
