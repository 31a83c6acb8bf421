using System.Globalization;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Web.Email;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackCare.Web.Notifications;

/// <summary>The email a notification becomes, or why it is not sent.</summary>
public sealed record NotificationDecision(OutgoingMail? Mail, string? SkipReason)
{
    public static NotificationDecision Skip(string reason) => new(null, reason);

    public static NotificationDecision Send(OutgoingMail mail) => new(mail, null);
}

/// <summary>
/// Makes a notification's email from the state of things when it is sent, not when it was put in: a reminder for a
/// visit that was cancelled or moved since (a moved visit is a new appointment) is skipped, as is a notice of a
/// message the person already read, a nudge to someone who turned nudges off, and anything to an address that was
/// never confirmed (a typo in an address must not send someone else a person's visits).
/// </summary>
public sealed class NotificationMails(
    BackCareDbContext db, MailComposer composer, UnsubscribeLinks unsubscribe, IOptions<NotificationOptions> options,
    IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string ThreadPath = "/messages/";
    public const string VisitPath = "/account/appointments/";
    public const string BookPath = "/book";
    public const string DiaryPath = "/diary/new";
    public const string RiskPath = "/risk";

    public async Task<NotificationDecision> ComposeAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Kind == NotificationKind.ContactReply)
        {
            return await ContactReplyAsync(notification, cancellationToken);
        }

        var accountId = notification.AccountId!.Value;
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.Email, a.DisplayName, a.EmailConfirmed })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return NotificationDecision.Skip("the account is gone");
        }

        if (!account.EmailConfirmed)
        {
            return NotificationDecision.Skip("the address is not confirmed");
        }

        if (NotificationPreferences.TopicOf(notification.Kind) is { } topic)
        {
            var preferences = await db.NotificationPreferences.AsNoTracking()
                .SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken)
                ?? NotificationPreferences.Defaults(accountId);
            if (!preferences.Wants(topic))
            {
                return NotificationDecision.Skip("the person turned these emails off");
            }
        }

        var to = new Recipient(account.Email, account.DisplayName);
        return notification.Kind switch
        {
            NotificationKind.VisitBooked or NotificationKind.VisitMoved or NotificationKind.VisitCancelled
                or NotificationKind.VisitReminder or NotificationKind.VideoVisitReminder => await VisitAsync(notification, to, cancellationToken),
            NotificationKind.ClinicReply => await ReplyAsync(notification, to, cancellationToken),
            NotificationKind.DiaryNudge => await DiaryNudgeAsync(notification, to, cancellationToken),
            NotificationKind.RiskScreenReminder => await RiskScreenAsync(notification, to, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Kind, null),
        };
    }

    /// <summary>The visit's time in the clinic's own zone, in words: "Thursday 10 December 2026 at 10:00, New York time".</summary>
    public static string When(DateTime startUtc, Clinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var formats = MailText.English;
        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, clinic.TimeZone);
        return string.Format(
            CultureInfo.InvariantCulture, formats.Format("when"),
            local.ToString(formats.Format("date_time"), CultureInfo.InvariantCulture), PlaceOf(clinic.TimeZoneId));
    }

    /// <summary>"New York" from America/New_York: the zone as people name it, not as computers do.</summary>
    private static string PlaceOf(string zoneId) => zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');

    private async Task<NotificationDecision> VisitAsync(Notification notification, Recipient to, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == notification.SubjectId, cancellationToken);
        if (appointment is null)
        {
            return NotificationDecision.Skip("the visit is gone");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (appointment.StartUtc <= now)
        {
            return NotificationDecision.Skip("the visit has started");
        }

        var cancelling = notification.Kind == NotificationKind.VisitCancelled;
        if (appointment.Status != (cancelling ? AppointmentStatus.Cancelled : AppointmentStatus.Booked))
        {
            return NotificationDecision.Skip("the visit was cancelled or moved");
        }

        var uid = notification.CalendarUid ?? NotificationOutbox.CalendarUidOf(appointment.Id);
        if (cancelling && !await db.Notifications.AsNoTracking().AnyAsync(
                n => n.CalendarUid == uid && n.State == NotificationState.Sent, cancellationToken))
        {
            return NotificationDecision.Skip("the visit was cancelled before any email about it went");
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == appointment.ClinicId, cancellationToken);
        var words = new VisitWords(
            clinic.Name, When(appointment.StartUtc, clinic),
            appointment.Kind == SlotKind.Telemedicine ? MailText.English.Format("where_video") : clinic.Address,
            clinic.Phone);
        var visitUrl = options.Value.Link(VisitPath + appointment.Id);
        switch (notification.Kind)
        {
            case NotificationKind.VisitReminder:
                return NotificationDecision.Send(composer.VisitReminder(
                    to.Address, to.Name, words, visitUrl, unsubscribe.For(notification.AccountId!.Value, NotificationTopic.VisitReminders)));
            case NotificationKind.VideoVisitReminder:
                return appointment.JoinUrl is { } join
                    ? NotificationDecision.Send(composer.VideoVisitReminder(
                        to.Address, to.Name, words, new Uri(join), visitUrl, unsubscribe.For(notification.AccountId!.Value, NotificationTopic.VisitReminders)))
                    : NotificationDecision.Skip("the video visit has no link");
        }

        var calendar = new MailCalendar(
            VisitCalendar.FileName,
            cancelling ? VisitCalendar.Cancel : VisitCalendar.Request,
            VisitCalendar.Build(
                appointment, clinic, uid, notification.CalendarSequence ?? 0,
                cancelling ? VisitCalendar.Cancel : VisitCalendar.Request, Organizer(), to.Address, visitUrl, now));
        return NotificationDecision.Send(notification.Kind switch
        {
            NotificationKind.VisitBooked => composer.VisitBooked(to.Address, to.Name, words, visitUrl, calendar),
            NotificationKind.VisitMoved => composer.VisitMoved(to.Address, to.Name, words, visitUrl, calendar),
            _ => composer.VisitCancelled(to.Address, to.Name, words, options.Value.Link(BookPath), calendar),
        });
    }

    private async Task<NotificationDecision> ReplyAsync(Notification notification, Recipient to, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == notification.SubjectId)
            .Select(m => new { m.ClinicId, m.ReadUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return NotificationDecision.Skip("the message is gone");
        }

        if (message.ReadUtc is not null)
        {
            return NotificationDecision.Skip("the person already read the message");
        }

        var clinic = await db.Clinics.AsNoTracking().Where(c => c.Id == message.ClinicId).Select(c => c.Name).SingleAsync(cancellationToken);
        return NotificationDecision.Send(composer.ClinicReply(to.Address, to.Name, clinic, options.Value.Link(ThreadPath + message.ClinicId)));
    }

    /// <summary>
    /// The clinic's answer to a contact request from someone without an account: its words go in the email, to the
    /// address the request gave, since they have no thread to read it in. The person wrote first from that address.
    /// </summary>
    private async Task<NotificationDecision> ContactReplyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var reply = await (from r in db.ContactReplies.AsNoTracking()
                           join request in db.ContactRequests.AsNoTracking() on r.RequestId equals request.Id
                           join clinic in db.Clinics.AsNoTracking() on r.ClinicId equals clinic.Id
                           where r.Id == notification.SubjectId
                           select new { r.Body, request.Email, request.Name, ClinicId = clinic.Id, Clinic = clinic.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (reply is null)
        {
            return NotificationDecision.Skip("the reply is gone");
        }

        if (reply.Email is null)
        {
            return NotificationDecision.Skip("the request gave no email address");
        }

        return NotificationDecision.Send(composer.ContactReply(
            reply.Email, reply.Name, reply.Clinic, reply.Body, options.Value.Link($"/clinics/{reply.ClinicId}/contact")));
    }

    private async Task<NotificationDecision> DiaryNudgeAsync(Notification notification, Recipient to, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.DiaryNudgeTimeZone);
        var localDay = TimeZoneInfo.ConvertTimeFromUtc(notification.DueUtc, zone).Date;
        var dayStartUtc = TimeZoneInfo.ConvertTimeToUtc(localDay, zone);
        if (await db.DiaryEntries.AsNoTracking().AnyAsync(e => e.OwnerId == notification.AccountId!.Value && e.CreatedUtc >= dayStartUtc, cancellationToken))
        {
            return NotificationDecision.Skip("the diary was written today");
        }

        if (clock.GetUtcNow().UtcDateTime >= dayStartUtc.AddDays(1))
        {
            return NotificationDecision.Skip("the day is over");
        }

        return NotificationDecision.Send(composer.DiaryNudge(
            to.Address, to.Name, options.Value.Link(DiaryPath), unsubscribe.For(notification.AccountId!.Value, NotificationTopic.DiaryNudge)));
    }

    private async Task<NotificationDecision> RiskScreenAsync(Notification notification, Recipient to, CancellationToken cancellationToken)
    {
        // The screen is offered again once, two weeks after the first (Today/PersonalPlan.ScreenDue).
        var screens = await db.RiskScreens.AsNoTracking().CountAsync(s => s.OwnerId == notification.AccountId!.Value, cancellationToken);
        return screens == 1
            ? NotificationDecision.Send(composer.RiskScreenReminder(
                to.Address, to.Name, options.Value.Link(RiskPath), unsubscribe.For(notification.AccountId!.Value, NotificationTopic.RiskScreenReminder)))
            : NotificationDecision.Skip("the screen was answered again, or never");
    }

    private string Organizer() => MailboxAddress.Parse(email.Value.From!).Address;

    private sealed record Recipient(string Address, string Name);
}
