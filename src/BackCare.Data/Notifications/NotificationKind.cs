namespace BackCare.Data.Notifications;

/// <summary>Each kind of email BackCare sends on its own, from the outbox. Stored by name.</summary>
public enum NotificationKind
{
    /// <summary>A visit was booked: the confirmation, with the calendar file.</summary>
    VisitBooked,

    /// <summary>A visit was moved to another time: the new time, with the calendar file updated.</summary>
    VisitMoved,

    /// <summary>A visit was cancelled: the calendar file takes it out of the person's calendar.</summary>
    VisitCancelled,

    /// <summary>The day before a visit (24 hours before it starts).</summary>
    VisitReminder,

    /// <summary>An hour before a video visit, with the link to join it.</summary>
    VideoVisitReminder,

    /// <summary>A clinic wrote in the person's thread: only that it did, never what it wrote.</summary>
    ClinicReply,

    /// <summary>The evening nudge to write the diary, for people who asked for it.</summary>
    DiaryNudge,

    /// <summary>Two weeks after the first risk screen: it is time to answer it again.</summary>
    RiskScreenReminder,

    /// <summary>A clinic's answer to a contact request from someone without an account: the answer itself, by email.</summary>
    ContactReply,
}

/// <summary>Where a notification is: waiting (perhaps claimed by a sender), or done one way or another. Stored by name.</summary>
public enum NotificationState
{
    Pending,
    Sent,

    /// <summary>Not sent on purpose: the visit was cancelled or moved, the person opted out, or the address is not confirmed.</summary>
    Skipped,

    /// <summary>Every attempt failed; the sender logged it and gave up.</summary>
    Failed,
}

/// <summary>The kinds of email a person can turn off (the unsubscribe link names one); confirmations are not among them.</summary>
public enum NotificationTopic
{
    VisitReminders,
    DiaryNudge,
    RiskScreenReminder,
}
