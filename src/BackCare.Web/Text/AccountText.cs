using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BackCare.Data.Accounts;

namespace BackCare.Web.Text;

/// <summary>The account pages' and account API's words, from Text/en/account.json (embedded), shared so both say the same.</summary>
public sealed class AccountText : IWords
{
    private readonly FrozenDictionary<string, string> _strings;
    private readonly FrozenDictionary<string, string> _actions;
    private readonly FrozenDictionary<string, (string One, string All)> _resources;
    private readonly FrozenDictionary<string, string> _signInEvents;
    private readonly FrozenDictionary<string, string> _sessionKinds;

    private AccountText(JsonElement root)
    {
        _strings = root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        _actions = root.GetProperty("activity_actions").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        _signInEvents = root.GetProperty("sign_in_events").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        _sessionKinds = root.GetProperty("session_kinds").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        _resources = root.GetProperty("activity_resources").EnumerateObject()
            .ToFrozenDictionary(
                p => p.Name,
                p => (p.Value.GetProperty("one").GetString()!, p.Value.GetProperty("all").GetString()!),
                StringComparer.Ordinal);
    }

    public static AccountText English { get; } = Load("en");

    public string EmailInvalid => _strings["email_invalid"];

    public string PasswordTooShort =>
        string.Format(CultureInfo.InvariantCulture, _strings["password_too_short"], PasswordRules.MinimumLength);

    public string PasswordTooLong =>
        string.Format(CultureInfo.InvariantCulture, _strings["password_too_long"], PasswordRules.MaximumLength);

    public string DisplayNameRequired => _strings["display_name_required"];

    public string EmailTaken => _strings["email_taken"];

    public string RegistrationAccepted => _strings["registration_accepted"];

    public string WrongCredentials => _strings["wrong_credentials"];

    /// <summary>For a signed-in person asked for their password again: they know their own account exists.</summary>
    public string TooManyTries => _strings["too_many_tries"];

    public string PasswordRequired => _strings["password_required"];

    public string PasswordWrongForDelete => _strings["password_wrong_for_delete"];

    public string PasswordWrongForChange => _strings["password_wrong_for_change"];

    /// <summary>A session that ended (signed out, password changed, its time up) asked for something.</summary>
    public string SessionOver => _strings["session_over"];

    public string PasswordChangedSignInAgain => _strings["password_changed_sign_in_again"];

    public string SignedOutEverywhere => _strings["signed_out_everywhere"];

    public string ResetRequested => _strings["reset_requested"];

    public string EmailChangeSent => _strings["email_change_sent"];

    public string EmailChangedSignInAgain => _strings["email_changed_sign_in_again"];

    /// <summary>The sign-up page's answer, the same for a new email and one that already has an account.</summary>
    public string SignUpSent => _strings["sign_up_sent"];

    public string ResetLinkInvalid => _strings["reset_link_invalid"];

    public string ConfirmLinkInvalid => _strings["confirm_link_invalid"];

    /// <summary>Any of the pages' words by key (the two-step pages use these: <c>two_step_...</c>, <c>sign_in_code_...</c>).</summary>
    public string this[string key] => _strings.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"account.json has no text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    public string CodeRequired => _strings["code_required"];

    /// <summary>
    /// What to say when the second step of a sign-in failed. The person has given the right password, so telling a
    /// wrong code from a wait or an attempt that must start again tells a stranger nothing.
    /// </summary>
    public string SecondStepFailed(SignInError? error) => error switch
    {
        SignInError.TooManyAttempts => _strings["code_too_many_tries"],
        SignInError.StartAgain => _strings["code_sign_in_again"],
        _ => _strings["code_wrong"],
    };

    public string CodeSignInAgain => _strings["code_sign_in_again"];

    public string CodeNeededApi => _strings["code_needed_api"];

    public string SetupCodeWrong => _strings["setup_code_wrong"];

    public string SetupExpired => _strings["setup_expired"];

    public string PasswordWrongForTwoStep => _strings["password_wrong_for_two_step"];

    public string TwoStepRequiredForRole => _strings["two_step_required_for_role"];

    /// <summary>An event of the sign-in history in plain words (<see cref="AccountEventKind"/>).</summary>
    public string SignInEvent(AccountEventKind kind) => _signInEvents[kind.ToString()];

    /// <summary>What kind of device holds a session: a browser (cookie) or an app (tokens).</summary>
    public string SessionKindName(SessionKind kind) => _sessionKinds[kind.ToString()];

    public string ClinicRequired => _strings["clinic_required"];

    public string ClinicUnknown => _strings["clinic_unknown"];

    public string ActivityYou => _strings["activity_you"];

    public string ActivityAdministrator => _strings["activity_administrator"];

    public string ActivitySomeone => _strings["activity_someone"];

    public string ActivityFromUnknown => _strings["activity_from_unknown"];

    public string ActivityClinician(string name, string? clinic) =>
        string.Format(CultureInfo.InvariantCulture, _strings["activity_clinician"], name, clinic ?? _strings["activity_clinic_unknown"]);

    /// <summary>"Looked at a diary entry", "Looked at your saved checks": the action on one record, or on a list of them.</summary>
    public string ActivityWhat(string action, string resourceType, bool oneRecord)
    {
        if (action == "Export")
        {
            return _strings["activity_export"];
        }

        var verb = _actions.TryGetValue(action, out var known) ? known : action;
        var what = _resources.TryGetValue(resourceType, out var resource)
            ? (oneRecord ? resource.One : resource.All)
            : _strings["activity_resource_unknown"];
        return verb + " " + what;
    }

    /// <summary>What to say about one problem of a new account's details.</summary>
    public string For(RegistrationError error) => error switch
    {
        RegistrationError.InvalidEmail => EmailInvalid,
        RegistrationError.PasswordTooShort => PasswordTooShort,
        RegistrationError.PasswordTooLong => PasswordTooLong,
        RegistrationError.PasswordTooCommon => _strings["password_too_common"],
        RegistrationError.PasswordSameAsEmail => _strings["password_same_as_email"],
        RegistrationError.DisplayNameRequired => DisplayNameRequired,
        RegistrationError.EmailTaken => EmailTaken,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>The form field (and the API's error key) a problem of a new account belongs to.</summary>
    public static string FieldOf(RegistrationError error) => error switch
    {
        RegistrationError.InvalidEmail or RegistrationError.EmailTaken => "email",
        RegistrationError.DisplayNameRequired => "displayName",
        _ => "password",
    };

    /// <summary>What to say when a sign-in failed: the lockout, or one message for an unknown email and a wrong password alike.</summary>
    /// <summary>
    /// The same words for an unknown email, a wrong password and a client that must wait, so that the answer never
    /// tells whether an account exists.
    /// </summary>
    public string SignInFailed(SignInError? error) => WrongCredentials;

    private static AccountText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.account.json";
        using var stream = typeof(AccountText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new AccountText(document.RootElement);
    }
}
