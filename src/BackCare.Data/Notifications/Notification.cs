namespace BackCare.Data.Notifications;

/// <summary>
/// One email waiting in the outbox (table <c>notification_outbox</c>), or its record once sent. Written in the same
/// save as the change that causes it (a booking, a reply), so a change is never without its email nor an email
/// without its change. <see cref="DedupeKey"/> is unique: the same notice can never be put in twice. Senders claim a
/// row with a lease before sending (<see cref="NotificationClaims"/>), so each row goes out at most once however many
/// servers share the database. The row holds no words and nothing about the person's health: the email is made at
/// send time from the current state of the visit or thread it names.
/// </summary>
public sealed class Notification
{
    public const int MaxDedupeKeyLength = 200;

    public Notification(NotificationKind kind, Guid accountId, Guid? subjectId, string dedupeKey, DateTime dueUtc)
    {
        if (accountId == Guid.Empty)
        {
            throw new ArgumentException("A notification needs the account it goes to.", nameof(accountId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dedupeKey.Length, MaxDedupeKeyLength, nameof(dedupeKey));
        if (dueUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Due times are in UTC.", nameof(dueUtc));
        }

        Id = Guid.CreateVersion7();
        Kind = kind;
        AccountId = accountId;
        SubjectId = subjectId;
        DedupeKey = dedupeKey;
        DueUtc = dueUtc;
        State = NotificationState.Pending;
    }

    private Notification()
    {
    }

    /// <summary>
    /// A clinic's answer to someone who wrote with its contact form and has no account there: it goes to the address the
    /// request gave, and its words are the reply's (see <see cref="Clinics.ContactReply"/>), since there is no thread to
    /// send them to.
    /// </summary>
    public static Notification ContactReply(Guid replyId, DateTime dueUtc)
    {
        var notification = new Notification(NotificationKind.ContactReply, Guid.CreateVersion7(), replyId, $"contact-reply:{replyId}", dueUtc);
        notification.AccountId = null;
        return notification;
    }

    public Guid Id { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>Who it goes to, at the address the account has when it is sent; none for a reply to a contact request.</summary>
    public Guid? AccountId { get; private set; }

    /// <summary>What it is about: the appointment of a visit notice, the message of a reply notice, the risk screen; none for a diary nudge.</summary>
    public Guid? SubjectId { get; private set; }

    public string DedupeKey { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    /// <summary>Not sent before this; a failed attempt moves it later.</summary>
    public DateTime DueUtc { get; private set; }

    public NotificationState State { get; private set; }

    /// <summary>How many times a sender claimed it.</summary>
    public int Attempts { get; private set; }

    /// <summary>The sender holding it, until <see cref="ClaimedUntilUtc"/>; after that another may take it.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedUntilUtc { get; private set; }

    /// <summary>Sent, skipped or given up on.</summary>
    public DateTime? DoneUtc { get; private set; }

    /// <summary>
    /// The calendar event a visit notice carries: one UID for a visit however often it moves (a moved visit is a new
    /// appointment, see <see cref="Clinics.Appointment"/>), and a sequence that grows with each change, so a calendar
    /// program updates the event it has instead of adding a second.
    /// </summary>
    public string? CalendarUid { get; private set; }

    public int? CalendarSequence { get; private set; }

    internal Notification WithCalendar(string uid, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        CalendarUid = uid;
        CalendarSequence = sequence;
        return this;
    }
}

/// <summary>
/// What a person asked for (table <c>notification_preferences</c>, one row an account, none until they change
/// something): the diary nudge is off until turned on; visit reminders and the risk-screen reminder are on until
/// turned off. Confirmations, changes, cancellations and reply notices are not optional.
/// </summary>
public sealed class NotificationPreferences
{
    public NotificationPreferences(Guid accountId)
    {
        if (accountId == Guid.Empty)
        {
            throw new ArgumentException("Preferences belong to an account.", nameof(accountId));
        }

        AccountId = accountId;
        VisitReminders = true;
        RiskScreenReminder = true;
    }

    private NotificationPreferences()
    {
    }

    public Guid AccountId { get; private set; }

    public bool DiaryNudge { get; private set; }

    public bool VisitReminders { get; private set; }

    public bool RiskScreenReminder { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    /// <summary>The preferences of someone who never changed them.</summary>
    public static NotificationPreferences Defaults(Guid accountId) => new(accountId);

    public bool Wants(NotificationTopic topic) => topic switch
    {
        NotificationTopic.VisitReminders => VisitReminders,
        NotificationTopic.DiaryNudge => DiaryNudge,
        NotificationTopic.RiskScreenReminder => RiskScreenReminder,
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, null),
    };

    public void Set(NotificationTopic topic, bool wanted, DateTime nowUtc)
    {
        switch (topic)
        {
            case NotificationTopic.VisitReminders:
                VisitReminders = wanted;
                break;
            case NotificationTopic.DiaryNudge:
                DiaryNudge = wanted;
                break;
            case NotificationTopic.RiskScreenReminder:
                RiskScreenReminder = wanted;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(topic), topic, null);
        }

        UpdatedUtc = nowUtc;
    }

    /// <summary>The topic a kind of email belongs to, or null for the ones a person cannot turn off.</summary>
    public static NotificationTopic? TopicOf(NotificationKind kind) => kind switch
    {
        NotificationKind.VisitReminder or NotificationKind.VideoVisitReminder => NotificationTopic.VisitReminders,
        NotificationKind.DiaryNudge => NotificationTopic.DiaryNudge,
        NotificationKind.RiskScreenReminder => NotificationTopic.RiskScreenReminder,
        _ => null,
    };
}
