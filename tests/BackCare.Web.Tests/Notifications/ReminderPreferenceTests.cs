using System.Net;
using BackCare.Data.Notifications;
using BackCare.Web.Tests.Email;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BackCare.Web.Tests.Notifications;

/// <summary>The emails a person chooses: the daily diary nudge they opt in to, the reminders they may stop from any of them.</summary>
public sealed class ReminderPreferenceTests
{
    [Fact]
    public async Task Given_a_person_who_opted_in_on_the_account_page_When_the_nudge_time_comes_Then_one_nudge_comes_and_its_link_stops_the_next()
    {
        // 19:00 in New York on Wednesday 9 December is 00:00 UTC on the 10th.
        await using var host = await NotificationHost.StartAsync(new() { ["Notifications:DiaryNudgeTimeZone"] = "America/New_York" });
        var (email, person, browser) = await ReplyEmailTests.PersonWithBrowserAsync(host);
        using var _ = browser;
        await browser.Open("/account");
        await browser.FollowLink("Emails we send you");
        browser.Document.QuerySelector("#diary-nudge")!.HasAttribute("checked").ShouldBeFalse("the nudge is opt-in");
        browser.Document.QuerySelector("#visit-reminders")!.HasAttribute("checked").ShouldBeTrue();
        await browser.Submit(new() { ["DiaryNudge"] = "true", ["VisitReminders"] = "true", ["RiskScreenReminder"] = "true" });
        browser.Text.ShouldContain("Your choices are saved.");
        browser.Document.QuerySelector("#diary-nudge")!.HasAttribute("checked").ShouldBeTrue();

        await host.Sender.ScheduleNudgesAsync();
        var nudgeTime = new DateTime(2026, 12, 10, 0, 0, 0, DateTimeKind.Utc);
        host.Clock.MoveTo(nudgeTime.AddMinutes(-1));
        (await host.SendDueAsync()).ShouldBe(0);
        host.Clock.MoveTo(nudgeTime);
        await host.SendDueAsync();
        await host.Sender.ScheduleNudgesAsync();
        (await host.SendDueAsync()).ShouldBe(0, "one nudge a day, however often the days are scheduled");

        var nudge = await host.Smtp.NextMessageToAsync(email);
        nudge.Subject.ShouldBe("How is your back today?");
        SmtpTestServer.Link(nudge, "/diary/new");
        MailChecks.ShouldPass(nudge, NotificationHost.PublicBase);
        var unsubscribe = SmtpTestServer.Link(nudge, "/emails/unsubscribe");
        nudge.Headers[HeaderId.ListUnsubscribe].ShouldBe($"<{unsubscribe.AbsoluteUri}>");

        // The link asks first (a mail scanner that follows it changes nothing), then the button stops the nudges.
        using var signedOut = new Accounts.Browser(host.Factory);
        await signedOut.Open(unsubscribe.PathAndQuery);
        signedOut.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        signedOut.Text.ShouldContain("Do you want to stop daily diary reminders?");
        (await WantsAsync(host, person)).DiaryNudge.ShouldBeTrue();
        await signedOut.Submit(new Dictionary<string, string>());
        signedOut.Text.ShouldContain("We will not send you daily diary reminders any more.");
        (await WantsAsync(host, person)).ShouldSatisfyAllConditions(
            p => p.DiaryNudge.ShouldBeFalse(),
            p => p.VisitReminders.ShouldBeTrue("only the kind of email the link came in is stopped"));

        // Tomorrow's nudge, put in before the person stopped them, is not sent; none is put in after.
        host.Clock.MoveTo(nudgeTime.AddDays(1));
        await host.Sender.ScheduleNudgesAsync();
        await host.SendDueAsync();
        host.MessagesTo(email).Count(m => m.Subject == nudge.Subject).ShouldBe(1);
        (await host.OutboxAsync(person)).Where(n => n.Kind == NotificationKind.DiaryNudge).Select(n => n.State).Order()
            .ShouldBe([NotificationState.Sent, NotificationState.Skipped]);
    }

    [Fact]
    public async Task Given_a_reminder_When_a_mail_program_posts_its_one_click_unsubscribe_Then_visit_reminders_stop_without_signing_in()
    {
        await using var host = await NotificationHost.StartAsync();
        var (client, email, person) = await host.ConfirmedPersonAsync();
        using var _ = client;
        var first = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(2));
        var second = await NotificationHost.SlotAsync(client, "in_person", first.StartUtc.AddDays(1));
        await NotificationHost.BookAsync(client, first.Id, "Back spasm");
        await NotificationHost.BookAsync(client, second.Id, "Back spasm");
        host.Clock.MoveTo(first.StartUtc.AddHours(-24));
        await host.SendDueAsync();
        var reminder = host.MessagesTo(email).Single(m => m.Subject == "Your visit is tomorrow");
        var header = reminder.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');

        using var anonymous = host.Factory.CreateClient();
        using var posted = await anonymous.PostAsync(
            new Uri(header).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WantsAsync(host, person)).VisitReminders.ShouldBeFalse();
        host.Clock.MoveTo(second.StartUtc.AddHours(-24));
        await host.SendDueAsync();
        host.MessagesTo(email).Count(m => m.Subject == "Your visit is tomorrow").ShouldBe(1);
    }

    [Fact]
    public async Task Given_an_unsubscribe_link_that_was_tampered_with_When_it_is_followed_or_posted_Then_nothing_changes()
    {
        await using var host = await NotificationHost.StartAsync();
        using var client = host.Factory.CreateClient();

        using var opened = await client.GetAsync("/emails/unsubscribe?token=not-a-token");
        using var posted = await client.PostAsync("/emails/unsubscribe?token=not-a-token", new FormUrlEncodedContent([]));

        opened.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await opened.Content.ReadAsStringAsync()).ShouldContain("This link does not work");
        (await host.InDbAsync(db => db.NotificationPreferences.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_first_risk_screen_When_two_weeks_pass_Then_one_reminder_to_answer_it_again_comes()
    {
        await using var host = await NotificationHost.StartAsync();
        var (email, person, browser) = await ReplyEmailTests.PersonWithBrowserAsync(host);
        using var _ = browser;
        await browser.Open("/risk/question/1");
        for (var question = 1; question <= 9; question++)
        {
            var answer = browser.Document.QuerySelector("main form input[type=radio]")!.GetAttribute("value")!;
            await browser.Submit(new() { ["answer"] = answer });
        }

        browser.Address.ShouldStartWith("/risk/result/");
        var due = (await host.OutboxAsync(person)).ShouldHaveSingleItem();
        due.Kind.ShouldBe(NotificationKind.RiskScreenReminder);

        host.Clock.MoveTo(due.DueUtc.AddMinutes(-1));
        (await host.SendDueAsync()).ShouldBe(0);
        host.Clock.MoveTo(due.DueUtc);
        await host.SendDueAsync();

        var reminder = host.MessagesTo(email)[^1];
        reminder.Subject.ShouldBe("Time to answer the nine questions again");
        SmtpTestServer.Link(reminder, "/risk");
        SmtpTestServer.Link(reminder, "/emails/unsubscribe");
        MailChecks.ShouldPass(reminder, NotificationHost.PublicBase);
        (due.DueUtc - due.CreatedUtc).ShouldBe(TimeSpan.FromDays(14));
    }

    private static Task<NotificationPreferences> WantsAsync(NotificationHost host, Guid person) =>
        host.InDbAsync(db => db.NotificationPreferences.AsNoTracking().SingleAsync(p => p.AccountId == person));
}
