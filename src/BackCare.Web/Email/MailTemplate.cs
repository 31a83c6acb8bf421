namespace BackCare.Web.Email;

/// <summary>
/// One kind of message BackCare sends: its name in Text/&lt;language&gt;/mail.json, the links it carries and the plain
/// values its words may name (a clinic's name, a time). This list is the one table of templates:
/// <see cref="Text.MailText"/> refuses a file that lacks one of them, moves a link or names a value it is not given,
/// and <see cref="MailComposer"/> refuses a message whose links or values differ from these.
/// </summary>
public sealed class MailTemplate
{
    private MailTemplate(string name, params string[] links)
        : this(name, links, [], unsubscribable: false)
    {
    }

    private MailTemplate(string name, string[] links, string[] values, bool unsubscribable)
    {
        Name = name;
        Links = links;
        Values = values;
        Unsubscribable = unsubscribable;
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

    /// <summary>A visit was booked: when and where, with the calendar file. Not one a person can unsubscribe from.</summary>
    public static MailTemplate VisitBooked { get; } = new("visit_booked", ["visit_url"], ["clinic", "when", "where"], unsubscribable: false);

    public static MailTemplate VisitMoved { get; } = new("visit_moved", ["visit_url"], ["clinic", "when", "where"], unsubscribable: false);

    /// <summary>A visit was cancelled: the calendar file takes it out; the clinic's phone for someone who still needs care.</summary>
    public static MailTemplate VisitCancelled { get; } = new("visit_cancelled", ["book_url"], ["clinic", "when", "phone"], unsubscribable: false);

    public static MailTemplate VisitReminder { get; } = new("visit_reminder", ["visit_url"], ["clinic", "when", "where"], unsubscribable: true);

    /// <summary>An hour before a video visit: the one message with a link away from BackCare, the video service's.</summary>
    public static MailTemplate VideoVisitReminder { get; } = new("video_visit_reminder", ["join_url", "visit_url"], ["clinic", "when"], unsubscribable: true);

    /// <summary>The clinic wrote: who, never what. The link opens the thread after signing in.</summary>
    public static MailTemplate ClinicReply { get; } = new("clinic_reply", ["thread_url"], ["clinic"], unsubscribable: false);

    /// <summary>
    /// The clinic's answer to a contact request from someone without an account: the answer's words, since there is no
    /// thread to read it in (decision 23); the link is the contact form, to write again.
    /// </summary>
    public static MailTemplate ContactReply { get; } = new("contact_reply", ["contact_url"], ["clinic", "reply"], unsubscribable: false);

    public static MailTemplate DiaryNudge { get; } = new("diary_nudge", ["diary_url"], [], unsubscribable: true);

    public static MailTemplate RiskScreenReminder { get; } = new("risk_screen_reminder", ["risk_url"], [], unsubscribable: true);

    public static IReadOnlyList<MailTemplate> All { get; } =
    [
        ConfirmEmail, ResetPassword, ConfirmNewEmail, EmailChanged, AccountExists, PasswordChanged, TwoStepOn, TwoStepOff,
        VisitBooked, VisitMoved, VisitCancelled, VisitReminder, VideoVisitReminder, ClinicReply, ContactReply, DiaryNudge, RiskScreenReminder,
    ];

    /// <summary>The template's name in mail.json.</summary>
    public string Name { get; }

    /// <summary>The names of the absolute URLs the message needs, each a button in the file (<c>{"link": "reset_url", ...}</c>).</summary>
    public IReadOnlyList<string> Links { get; }

    /// <summary>The names of the plain values (<c>{clinic}</c>) the words may use, in the body and the subject.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Whether the message carries a link to stop messages of its kind (and the List-Unsubscribe header): reminders
    /// and nudges do; what a person must hear about their account or visit (a confirmation, a cancellation) does not.
    /// </summary>
    public bool Unsubscribable { get; }

    public override string ToString() => Name;
}
