using System.Globalization;
using BackCare.Web.Interop;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Notifications;

/// <summary>How the outbox's emails are sent, from the configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";
    public const string PublicBaseUrlKey = "Notifications:PublicBaseUrl";

    /// <summary>
    /// The address every link in an email starts with, for example <c>https://backcare.clinic.example</c>. A sender
    /// has no request to take the address from. Unset: <c>Interop:PublicBaseUrl</c>. Outside Development it must be
    /// https, or nothing is sent (the emails wait in the outbox) and the start says so.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Whether this server sends the outbox's emails; every server may, since each email is claimed by one.</summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>How often the outbox is looked at for emails that fell due (a reminder) or were put in by another server.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>How many times an email is tried before the sender gives up on it and logs so.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long a sender holds an email it claimed. Longer than a send may take (<c>Email:Smtp:TimeoutSeconds</c>):
    /// after it, another server may take the email, assuming the first one died.
    /// </summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>The local time of the daily diary nudge, in <see cref="DiaryNudgeTimeZone"/>.</summary>
    public string DiaryNudgeTime { get; set; } = "19:00";

    /// <summary>An IANA time zone name (say America/New_York); people have no time zone of their own in BackCare yet.</summary>
    public string DiaryNudgeTimeZone { get; set; } = "UTC";

    public Uri BaseUri => new(PublicBaseUrl!.TrimEnd('/') + "/");

    public TimeOnly NudgeTime => TimeOnly.ParseExact(DiaryNudgeTime, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An absolute link to a page of this BackCare.</summary>
    public Uri Link(string pathAndQuery) => new(BaseUri, pathAndQuery.TrimStart('/'));
}

/// <summary>Fills in the public address from <c>Interop</c> when not set, and checks the rest when the host starts.</summary>
internal sealed class NotificationOptionsSetup(IOptions<InteropOptions> interop)
    : IPostConfigureOptions<NotificationOptions>, IValidateOptions<NotificationOptions>
{
    public void PostConfigure(string? name, NotificationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            options.PublicBaseUrl = interop.Value.PublicBaseUrl;
        }
    }

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            problems.Add($"{NotificationOptions.PublicBaseUrlKey} must be an absolute https address, for example https://backcare.clinic.example, got '{options.PublicBaseUrl}'.");
        }

        if (options.PollSeconds is < 1 or > 3600)
        {
            problems.Add($"Notifications:PollSeconds must be between 1 and 3600, got {options.PollSeconds}.");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            problems.Add($"Notifications:MaxAttempts must be between 1 and 50, got {options.MaxAttempts}.");
        }

        if (options.LeaseSeconds is < 60 or > 86400)
        {
            problems.Add($"Notifications:LeaseSeconds must be between 60 and 86400, got {options.LeaseSeconds}.");
        }

        if (!TimeOnly.TryParseExact(options.DiaryNudgeTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Notifications:DiaryNudgeTime must be a time like 19:00, got '{options.DiaryNudgeTime}'.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DiaryNudgeTimeZone, out _))
        {
            problems.Add($"Notifications:DiaryNudgeTimeZone '{options.DiaryNudgeTimeZone}' is not a time zone this machine knows (use an IANA name such as Europe/Berlin).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
