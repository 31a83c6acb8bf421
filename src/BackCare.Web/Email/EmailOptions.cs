namespace BackCare.Web.Email;

/// <summary>Where BackCare's email goes.</summary>
public enum EmailMode
{
    /// <summary>To an SMTP server (<c>Email:Smtp:Host</c>), which delivers it.</summary>
    Smtp,

    /// <summary>
    /// Into a folder (<c>Email:PickupFolder</c>), one <c>.eml</c> file a message, never sent: for development, and for
    /// a server that has no mail relay yet and says so on purpose.
    /// </summary>
    Pickup,
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// TLS from the start on port 465, STARTTLS on any other port. Unlike MailKit's own <c>Auto</c>, never falls back
    /// to plain text when the server offers no STARTTLS: a password-reset link read on the way is an account taken.
    /// </summary>
    Auto,

    /// <summary>Plain connection, then STARTTLS, which the server must offer.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only for a relay on the same machine or a test server.</summary>
    None,
}

/// <summary>The SMTP server that delivers BackCare's email, from <c>Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>The submission port, where a relay expects programs to hand over mail with STARTTLS.</summary>
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>
    /// How long one message may take from connecting to the server's last answer. Messages are sent while a person
    /// waits for a page, so a relay that hangs must not hold the request for MailKit's default of two minutes.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Never the password: options end up in logs and error messages.</summary>
    public override string ToString() =>
        $"{Host}:{Port} ({Security}){(string.IsNullOrEmpty(UserName) ? "" : " as " + UserName)}";
}

/// <summary>
/// How BackCare sends email, from the configuration section <c>Email</c>. With <c>Email:Mode</c> unset, the mode follows
/// from the rest: SMTP when <c>Email:Smtp:Host</c> is set, the pickup folder in Development, and outside Development
/// nothing, which stops the server at start (<see cref="EmailOptionsSetup"/>): a server that cannot send a
/// password-reset email should say so before anyone needs one.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const string ModeKey = "Email:Mode";
    public const string FromKey = "Email:From";
    public const string PickupFolderKey = "Email:PickupFolder";
    public const string HostKey = "Email:Smtp:Host";
    public const string UserNameKey = "Email:Smtp:UserName";
    public const string PasswordKey = "Email:Smtp:Password";

    /// <summary>The sender, as a mailbox such as <c>BackCare &lt;no-reply@example.org&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Set explicitly, or filled in at start from the host and the environment; still null only when email is not set up.</summary>
    public EmailMode? Mode { get; set; }

    /// <summary>Where pickup mode writes; by default a <c>mail</c> folder beside the SQLite database.</summary>
    public string? PickupFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public override string ToString() => Mode switch
    {
        EmailMode.Smtp => $"SMTP to {Smtp} from {From}",
        EmailMode.Pickup => $"written to {PickupFolder}",
        _ => "not set up",
    };
}
