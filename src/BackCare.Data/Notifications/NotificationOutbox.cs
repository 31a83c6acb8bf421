using BackCare.Data.Clinics;
using BackCare.Data.Risk;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Notifications;

/// <summary>
/// Puts notifications in the outbox as part of the change that causes them: each method adds rows to the caller's
/// context, and the caller's save (inside its transaction, where it has one) writes them with the change. Nothing
/// here sends anything; <see cref="OutboxDoorbell"/> tells a sender in this process to look now rather than at its next poll.
/// </summary>
public sealed class NotificationOutbox(BackCareDbContext db, TimeProvider clock, OutboxDoorbell doorbell)
{
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromHours(24);
    public static readonly TimeSpan VideoReminderBefore = TimeSpan.FromHours(1);
    public static readonly TimeSpan RiskScreenAgainAfter = TimeSpan.FromDays(14);

    /// <summary>A new booking: its confirmation now, and its reminders ahead of it.</summary>
    public void VisitBooked(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Add(new Notification(NotificationKind.VisitBooked, appointment.OwnerId, appointment.Id, $"visit-booked:{appointment.Id}", Now)
            .WithCalendar(CalendarUidOf(appointment.Id), 0));
        AddReminders(appointment);
    }

    /// <summary>
    /// A visit moved from <paramref name="old"/> (now cancelled) to <paramref name="moved"/>: one notice with the
    /// calendar event updated in place, and reminders for the new time. The old time's reminders stay in the outbox
    /// and are skipped when due, since the sender checks that the visit still stands.
    /// </summary>
    public async Task VisitMovedAsync(Appointment old, Appointment moved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(moved);
        var (uid, sequence) = await CalendarOfAsync(old.Id, cancellationToken);
        Add(new Notification(NotificationKind.VisitMoved, moved.OwnerId, moved.Id, $"visit-moved:{moved.Id}", Now)
            .WithCalendar(uid, sequence + 1));
        AddReminders(moved);
    }

    /// <summary>A visit cancelled: one notice whose calendar file takes the event out.</summary>
    public async Task VisitCancelledAsync(Appointment appointment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var (uid, sequence) = await CalendarOfAsync(appointment.Id, cancellationToken);
        Add(new Notification(NotificationKind.VisitCancelled, appointment.OwnerId, appointment.Id, $"visit-cancelled:{appointment.Id}", Now)
            .WithCalendar(uid, sequence + 1));
    }

    /// <summary>The clinic wrote to the person: a notice that it did, sent unless they read it first.</summary>
    public void ClinicReplied(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.FromClinic)
        {
            Add(new Notification(NotificationKind.ClinicReply, message.OwnerId, message.Id, $"clinic-reply:{message.Id}", Now));
        }
    }

    /// <summary>The clinic answered a contact request by email: the answer goes now, to the address the request gave.</summary>
    public void ContactReplied(ContactReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Route == ContactReplyRoute.Email)
        {
            Add(Notification.ContactReply(reply.Id, Now));
        }
    }

    /// <summary>After the person's first risk screen: a reminder to answer it again two weeks later.</summary>
    public async Task RiskScreenSavedAsync(RiskScreen screen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var earlier = await db.RiskScreens.AsNoTracking().AnyAsync(s => s.OwnerId == screen.OwnerId && s.Id != screen.Id, cancellationToken);
        if (!earlier)
        {
            Add(new Notification(
                NotificationKind.RiskScreenReminder, screen.OwnerId, screen.Id, $"risk-screen-again:{screen.OwnerId}", Now + RiskScreenAgainAfter));
        }
    }

    /// <summary>Tells this process's sender there is something to send; call after the save that put it in.</summary>
    public void Ring() => doorbell.Ring();

    /// <summary>The calendar UID of a visit that was never moved: its own id, under BackCare's name.</summary>
    public static string CalendarUidOf(Guid appointmentId) => $"{appointmentId}@backcare";

    /// <summary>The UID and the highest sequence sent so far for the visit this appointment is (any of its moves).</summary>
    private async Task<(string Uid, int Sequence)> CalendarOfAsync(Guid appointmentId, CancellationToken cancellationToken)
    {
        var uid = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.SubjectId == appointmentId && n.CalendarUid != null)
            .Select(n => n.CalendarUid).FirstOrDefaultAsync(cancellationToken) ?? CalendarUidOf(appointmentId);
        var sequence = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.CalendarUid == uid).MaxAsync(n => n.CalendarSequence, cancellationToken) ?? 0;
        return (uid, sequence);
    }

    private void AddReminders(Appointment appointment)
    {
        var now = Now;
        var dayBefore = appointment.StartUtc - ReminderBefore;
        if (dayBefore > now)
        {
            Add(new Notification(NotificationKind.VisitReminder, appointment.OwnerId, appointment.Id, $"visit-reminder:{appointment.Id}", dayBefore));
        }

        var hourBefore = appointment.StartUtc - VideoReminderBefore;
        if (appointment.Kind == SlotKind.Telemedicine && hourBefore > now)
        {
            Add(new Notification(
                NotificationKind.VideoVisitReminder, appointment.OwnerId, appointment.Id, $"video-reminder:{appointment.Id}", hourBefore));
        }
    }

    private void Add(Notification notification) => db.Set<Notification>().Add(notification);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>
/// Wakes this process's sender when a notification was just put in, so a confirmation goes in a moment, not at the
/// next poll. Other servers on the same database find it at their poll; only one of them sends it.
/// </summary>
public sealed class OutboxDoorbell : IDisposable
{
    private readonly SemaphoreSlim _rung = new(0, 1);

    public void Ring()
    {
        try
        {
            _rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung and not yet answered: once is enough.
        }
    }

    /// <summary>Waits for a ring, or for <paramref name="timeout"/> to pass.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _rung.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _rung.Dispose();
}
