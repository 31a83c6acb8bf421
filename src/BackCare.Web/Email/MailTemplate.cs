namespace BackCare.Web.Email;

/// <summary>
/// One kind of message BackCare sends: its name in Text/&lt;language&gt;/mail.json and the links it carries. This list is
/// the one table of templates: <see cref="Text.MailText"/> refuses a file that lacks one of them or that moves a link,
/// and <see cref="MailComposer"/> refuses a message whose links differ from these.
/// </summary>
public sealed class MailTemplate
{
    private MailTemplate(string name, params string[] links)
    {
        Name = name;
        Links = links;
    }

    /// <summary>Sent on sign-up: confirm this address is yours.</summary>
    public static MailTemplate ConfirmEmail { get; } = new("confirm_email", "confirm_url");

    /// <summary>A password-reset link, asked for on the sign-in page.</summary>
    public static MailTemplate ResetPassword { get; } = new("reset_password", "reset_url");

    /// <summary>To the new address of an email change, before it takes effect.</summary>
    public static MailTemplate ConfirmNewEmail { get; } = new("confirm_new_email", "confirm_url");

    /// <summary>To the old address once an email change took effect: the owner's one chance to hear of a stolen account.</summary>
    public static MailTemplate EmailChanged { get; } = new("email_changed", "help_url");

    /// <summary>
    /// To the owner of an address someone tried to sign up with again. Sign-up answers a taken address as it answers a new
    /// one (decision 9), so this email is how the rightful owner, and only they, learn the account exists.
    /// </summary>
    public static MailTemplate AccountExists { get; } = new("account_exists", "sign_in_url", "reset_url");

    public static MailTemplate PasswordChanged { get; } = new("password_changed", "reset_url");

    public static MailTemplate TwoStepOn { get; } = new("two_step_on", "help_url");

    public static MailTemplate TwoStepOff { get; } = new("two_step_off", "help_url");

    public static IReadOnlyList<MailTemplate> All { get; } =
        [ConfirmEmail, ResetPassword, ConfirmNewEmail, EmailChanged, AccountExists, PasswordChanged, TwoStepOn, TwoStepOff];

    /// <summary>The template's name in mail.json.</summary>
    public string Name { get; }

    /// <summary>The names of the absolute URLs the message needs, each a button in the file (<c>{"link": "reset_url", ...}</c>).</summary>
    public IReadOnlyList<string> Links { get; }

    public override string ToString() => Name;
}
