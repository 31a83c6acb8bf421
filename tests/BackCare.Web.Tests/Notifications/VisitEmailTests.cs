using BackCare.Data.Notifications;
using BackCare.Web.Tests.Email;
using Ical.Net;
using MimeKit;

namespace BackCare.Web.Tests.Notifications;

/// <summary>
/// A visit's emails from booking to cancellation, through a real SMTP server, on a clock the test moves: the
/// confirmation with its calendar file, the change notice, the reminder the day before, the cancellation, and the
/// reminders that must not come.
/// </summary>
public sealed class VisitEmailTests
{
    private const string Reason = "Sharp pain down my left leg since lifting";
    private const string Address = "1 Example Street, Springfield (a made-up address)";

    [Fact]
    public async Task Given_a_booking_When_it_is_moved_reminded_and_cancelled_Then_each_email_comes_once_with_a_calendar_file_that_follows_the_visit()
    {
        await using var host = await NotificationHost.StartAsync();
        var (client, email, person) = await host.ConfirmedPersonAsync();
        using var _ = client;
        var first = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(2));
        var second = await NotificationHost.SlotAsync(client, "in_person", first.StartUtc.AddDays(1));

        // Booked: the confirmation, with the visit in the clinic's time zone, that reads back to the slot in UTC.
        var booked = await NotificationHost.BookAsync(client, first.Id, Reason);
        await host.SendDueAsync();
        var confirmation = await host.Smtp.NextMessageToAsync(email);
        confirmation.Subject.ShouldBe("Your visit is booked");
        confirmation.TextBody.ShouldNotBeNull().ShouldContain(Address);
        confirmation.TextBody.ShouldNotBeNull().ShouldContain("New York time");
        SmtpTestServer.Link(confirmation, $"/account/appointments/{booked}").Host.ShouldBe(NotificationHost.PublicBase.Host);
        confirmation.Headers.Contains(HeaderId.ListUnsubscribe).ShouldBeFalse("a confirmation is not something to unsubscribe from");
        var (bookedCalendar, bookedMethod) = NotificationHost.CalendarOf(confirmation);
        bookedMethod.ShouldBe("REQUEST");
        bookedCalendar.Method.ShouldBe("REQUEST");
        var visit = bookedCalendar.Events.ShouldHaveSingleItem();
        visit.DtStart!.AsUtc.ShouldBe(first.StartUtc);
        visit.DtEnd!.AsUtc.ShouldBe(first.EndUtc);
        visit.DtStart.TzId.ShouldBe("America/New_York");
        bookedCalendar.TimeZones.ShouldHaveSingleItem().TzId.ShouldBe("America/New_York");
        visit.Sequence.ShouldBe(0);
        visit.Location.ShouldBe(Address);
        visit.Organizer!.Value!.ToString().ShouldBe("mailto:no-reply@backcare.test");
        MailChecks.ShouldPass(confirmation, NotificationHost.PublicBase, mustNotContain: [Reason]);

        // Moved: one notice, the same calendar event one sequence further, at the new time.
        var moved = await NotificationHost.MoveAsync(client, booked, second.Id);
        await host.SendDueAsync();
        var change = await host.Smtp.NextMessageToAsync(email);
        change.Subject.ShouldBe("Your visit has a new time");
        SmtpTestServer.Link(change, $"/account/appointments/{moved}");
        var (changedCalendar, changedMethod) = NotificationHost.CalendarOf(change);
        changedMethod.ShouldBe("REQUEST");
        var changed = changedCalendar.Events.ShouldHaveSingleItem();
        changed.Uid.ShouldBe(visit.Uid);
        changed.Sequence.ShouldBe(1);
        changed.DtStart!.AsUtc.ShouldBe(second.StartUtc);
        changed.DtEnd!.AsUtc.ShouldBe(second.EndUtc);
        MailChecks.ShouldPass(change, NotificationHost.PublicBase, mustNotContain: [Reason]);

        // The old time's reminder falls due: nothing goes, since that visit moved.
        host.Clock.MoveTo(first.StartUtc.AddHours(-24));
        await host.SendDueAsync();
        host.MessagesTo(email).Count.ShouldBe(3, "the account confirmation, the booking and the change");
        (await host.OutboxAsync(person)).Single(n => n.Kind == NotificationKind.VisitReminder && n.SubjectId == Guid.Parse(booked))
            .State.ShouldBe(NotificationState.Skipped);

        // A minute before the new time's reminder is due, nothing; at 24 hours before, exactly one.
        host.Clock.MoveTo(second.StartUtc.AddHours(-24).AddMinutes(-1));
        (await host.SendDueAsync()).ShouldBe(0);
        host.Clock.MoveTo(second.StartUtc.AddHours(-24));
        await host.SendDueAsync();
        (await host.SendDueAsync()).ShouldBe(0);
        var reminder = await host.Smtp.NextMessageToAsync(email);
        reminder.Subject.ShouldBe("Your visit is tomorrow");
        reminder.Attachments.ShouldBeEmpty();
        reminder.Headers[HeaderId.ListUnsubscribe].ShouldNotBeNull().ShouldContain("https://backcare.test/emails/unsubscribe?token=");
        reminder.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        SmtpTestServer.Link(reminder, "/emails/unsubscribe");
        MailChecks.ShouldPass(reminder, NotificationHost.PublicBase, mustNotContain: [Reason]);
        host.MessagesTo(email).Count.ShouldBe(4);

        // Cancelled: the calendar file takes the event out.
        await NotificationHost.SignInAgainAsync(client, email);
        await NotificationHost.CancelAsync(client, moved);
        await host.SendDueAsync();
        var cancellation = await host.Smtp.NextMessageToAsync(email);
        cancellation.Subject.ShouldBe("Your visit is cancelled");
        cancellation.TextBody.ShouldNotBeNull().ShouldContain("+1");
        cancellation.Headers.Contains(HeaderId.ListUnsubscribe).ShouldBeFalse();
        var (cancelledCalendar, cancelledMethod) = NotificationHost.CalendarOf(cancellation);
        cancelledMethod.ShouldBe("CANCEL");
        cancelledCalendar.Method.ShouldBe("CANCEL");
        var cancelled = cancelledCalendar.Events.ShouldHaveSingleItem();
        (cancelled.Uid, cancelled.Sequence, cancelled.Status).ShouldBe((visit.Uid, 2, "CANCELLED"));
        MailChecks.ShouldPass(cancellation, NotificationHost.PublicBase, mustNotContain: [Reason]);

        host.Clock.MoveTo(second.StartUtc.AddMinutes(-5));
        (await host.SendDueAsync()).ShouldBe(0);
        host.MessagesTo(email).Count.ShouldBe(5);
    }

    [Fact]
    public async Task Given_a_visit_cancelled_before_its_reminder_When_the_reminder_falls_due_Then_no_reminder_is_sent()
    {
        await using var host = await NotificationHost.StartAsync();
        var (client, email, person) = await host.ConfirmedPersonAsync();
        using var _ = client;
        var slot = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(3));
        var booked = await NotificationHost.BookAsync(client, slot.Id, Reason);
        await host.SendDueAsync();
        await NotificationHost.CancelAsync(client, booked);
        await host.SendDueAsync();

        host.Clock.MoveTo(slot.StartUtc.AddHours(-24));
        (await host.SendDueAsync()).ShouldBe(1, "the reminder, skipped");

        host.MessagesTo(email).Select(m => m.Subject).ShouldBe(["Please confirm your email address", "Your visit is booked", "Your visit is cancelled"]);
        (await host.OutboxAsync(person)).Single(n => n.Kind == NotificationKind.VisitReminder).State.ShouldBe(NotificationState.Skipped);
    }

    [Fact]
    public async Task Given_a_visit_cancelled_before_its_confirmation_went_When_the_sender_runs_Then_neither_the_confirmation_nor_a_cancellation_is_sent()
    {
        await using var host = await NotificationHost.StartAsync();
        var (client, email, person) = await host.ConfirmedPersonAsync();
        using var _ = client;
        var slot = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(3));
        var booked = await NotificationHost.BookAsync(client, slot.Id, Reason);
        await NotificationHost.CancelAsync(client, booked);

        await host.SendDueAsync();

        host.MessagesTo(email).Select(m => m.Subject).ShouldBe(["Please confirm your email address"]);
        (await host.OutboxAsync(person)).Where(n => n.DueUtc <= host.Clock.UtcNow).ShouldAllBe(n => n.State == NotificationState.Skipped);
    }

    [Fact]
    public async Task Given_a_video_visit_When_its_reminders_fall_due_Then_the_day_before_has_no_link_and_the_hour_before_brings_the_join_link()
    {
        await using var host = await NotificationHost.StartAsync();
        var (client, email, _) = await host.ConfirmedPersonAsync();
        using var __ = client;
        var slot = await NotificationHost.SlotAsync(client, "telemedicine", host.Clock.UtcNow.AddDays(2));
        var booked = await NotificationHost.BookAsync(client, slot.Id, Reason);
        var joinUrl = (await Booking.Booking.Json(await client.GetAsync($"/api/appointments/{booked}"))).GetProperty("joinUrl").GetString()!;
        await host.SendDueAsync();
        var confirmation = await host.Smtp.NextMessageToAsync(email);
        var calendar = NotificationHost.CalendarOf(confirmation).Calendar.Events.ShouldHaveSingleItem();
        calendar.Location.ShouldBe($"Video visit: {joinUrl}");
        confirmation.TextBody.ShouldNotBeNull().ShouldNotContain(joinUrl, Case.Sensitive, "the join link comes with the reminder an hour before");

        host.Clock.MoveTo(slot.StartUtc.AddHours(-24));
        await host.SendDueAsync();
        var dayBefore = await host.Smtp.NextMessageToAsync(email);
        dayBefore.Subject.ShouldBe("Your visit is tomorrow");
        SmtpTestServer.Links(dayBefore).ShouldNotContain(l => l.Host == NotificationHost.VideoHost);

        host.Clock.MoveTo(slot.StartUtc.AddHours(-1).AddSeconds(-1));
        (await host.SendDueAsync()).ShouldBe(0);
        host.Clock.MoveTo(slot.StartUtc.AddHours(-1));
        await host.SendDueAsync();
        var hourBefore = await host.Smtp.NextMessageToAsync(email);
        hourBefore.Subject.ShouldBe("Your video visit starts in one hour");
        SmtpTestServer.Links(hourBefore).ShouldContain(new Uri(joinUrl));
        MailChecks.ShouldPass(hourBefore, NotificationHost.PublicBase, [NotificationHost.VideoHost], [Reason]);
        host.MessagesTo(email).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Given_an_address_that_was_never_confirmed_When_a_visit_is_booked_Then_nothing_about_it_is_emailed()
    {
        await using var host = await NotificationHost.StartAsync();
        var email = Accounts.Accounts.NewEmail();
        using var client = await Accounts.Accounts.SignedInClient(host.Factory, email);
        var slot = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(2));
        await NotificationHost.BookAsync(client, slot.Id, Reason);

        await host.SendDueAsync();

        (await host.Smtp.NextMessageToAsync(email)).Subject.ShouldBe("Please confirm your email address");
        host.MessagesTo(email).Count.ShouldBe(1);
        (await host.OutboxAsync(await host.AccountIdAsync(email))).Single(n => n.Kind == NotificationKind.VisitBooked)
            .State.ShouldBe(NotificationState.Skipped);
    }

    [Fact]
    public async Task Given_the_background_sender_When_a_visit_is_booked_Then_the_confirmation_arrives_without_anyone_asking()
    {
        await using var host = await NotificationHost.StartAsync(new() { ["Notifications:SendInBackground"] = "true", ["Notifications:PollSeconds"] = "3600" });
        var (client, email, _) = await host.ConfirmedPersonAsync();
        using var _ = client;
        var slot = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(2));

        await NotificationHost.BookAsync(client, slot.Id, Reason);

        var confirmation = await host.Smtp.NextMessageToAsync(email);
        confirmation.Subject.ShouldBe("Your visit is booked");
        NotificationHost.CalendarOf(confirmation).Calendar.Events.ShouldHaveSingleItem().DtStart!.AsUtc.ShouldBe(slot.StartUtc);
    }
}
