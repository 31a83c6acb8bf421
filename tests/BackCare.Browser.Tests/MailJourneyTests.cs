using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Notifications;
using BackCare.Web.Notifications;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// What arrives by email, followed in Chromium on a phone with the keyboard: a visit's confirmation, reminder, change
/// and cancellation with their calendar files, and the notice of a clinic's reply that leads back to the thread. The
/// app sends from its outbox in the background, on a clock the test moves to the reminder's moment.
/// </summary>
[Collection(MailJourneyGroup.Name)]
public sealed partial class MailJourneyTests(MailJourneyHost mail, ITestOutputHelper output)
{
    private const string Password = "a long enough password";
    private const string Reason = "Sharp pain down my left leg since lifting";
    private const string Reply = "Please go to the emergency department now.";
    private static readonly TimeZoneInfo ClinicZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private BrowserHost Host => mail.Host;

    [ChromiumTheory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task Given_a_booked_visit_When_its_time_comes_near_and_it_is_moved_and_cancelled_Then_each_email_comes_once_with_a_calendar_file_of_the_slot(int width)
    {
        var page = await Host.NewPhonePage(width);
        var email = await SignUpConfirmAndSignInAsync(page, "Ash Visit");
        var person = await AccountIdAsync(email);
        var slots = await InPersonSlotsAsync();
        var first = slots.First(s => s.StartUtc >= mail.Clock.UtcNow.AddDays(2));

        // Booked, with the keyboard, for a time two days or more ahead.
        await page.GotoAsync($"/book/{first.Id}");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check and book");
        await page.ShouldBeAccessible($"80-book-{width}", output);
        await page.TypeInto("reason", Reason);
        await page.PressSubmit("the Book this visit button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your visit is booked");
        var booked = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        var confirmation = await mail.Mail.OneAsync(email, "Your visit is booked");
        ShouldBePlainAndPrivate(confirmation);
        LinkTo(confirmation, $"/account/appointments/{booked}");
        var (bookedCalendar, bookedMethod) = CalendarOf(confirmation);
        bookedMethod.ShouldBe("REQUEST");
        var visit = bookedCalendar.Events.ShouldHaveSingleItem();
        visit.DtStart!.AsUtc.ShouldBe(first.StartUtc);
        visit.DtEnd!.AsUtc.ShouldBe(first.EndUtc);
        visit.DtStart.TzId.ShouldBe("America/New_York", "the calendar file keeps the clinic's time zone");

        // The reminder waits in the outbox for 24 hours before; a minute earlier, nothing of this person's is due and a
        // pass over the outbox sends them nothing. (The two widths share one host and its clock, so the other run's
        // reminder may fall due first: the outbox as a whole is not asked.)
        var reminderRow = await InDbAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.AccountId == person && n.Kind == NotificationKind.VisitReminder && n.SubjectId == booked));
        reminderRow.DueUtc.ShouldBe(first.StartUtc.AddHours(-24));
        mail.MoveClockTo(first.StartUtc.AddHours(-24).AddMinutes(-1));
        var dueEarlier = await InDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.AccountId == person && n.DoneUtc == null && n.DueUtc <= mail.Clock.UtcNow).Select(n => n.Kind).ToListAsync());
        dueEarlier.ShouldBeEmpty("nothing of this person's is due a minute before the reminder");
        await Host.Services.GetRequiredService<NotificationSender>().SendDueAsync();
        mail.Mail.To(email).ShouldNotContain(m => m.Subject == "Your visit is tomorrow");

        // At 24 hours before, the background sender sends it.
        mail.MoveClockTo(first.StartUtc.AddHours(-24));
        var reminder = await mail.Mail.OneAsync(email, "Your visit is tomorrow");
        ShouldBePlainAndPrivate(reminder);
        reminder.Attachments.ShouldBeEmpty();
        LinkTo(reminder, $"/account/appointments/{booked}");

        // Moved to a time on a later day, chosen on the page with the keyboard.
        await OpenSignedInAsync(page, $"/account/appointments/{booked}", email);
        await page.FollowLink("Change the time");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Choose a new time");
        var laterDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(first.StartUtc, ClinicZone)).AddDays(1);
        var dayWithTimes = slots.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, ClinicZone))).First(d => d >= laterDay);
        await page.FollowLink(dayWithTimes.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture));
        await page.ShouldBeAccessible($"81-move-choose-{width}", output);
        await page.TabTo("e.tagName === 'A' && !!e.closest('ul.slots')", "the first time of that day");
        var chosenHref = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        var second = slots.Single(s => chosenHref.EndsWith("/" + s.Id, StringComparison.Ordinal));
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Move your visit?");
        await page.PressSubmit("the Move button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your visit is moved");
        await page.ShouldBeAccessible($"82-moved-{width}", output);
        var moved = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        moved.ShouldNotBe(booked);

        var change = await mail.Mail.OneAsync(email, "Your visit has a new time");
        ShouldBePlainAndPrivate(change);
        LinkTo(change, $"/account/appointments/{moved}");
        var (changedCalendar, changedMethod) = CalendarOf(change);
        changedMethod.ShouldBe("REQUEST");
        var changed = changedCalendar.Events.ShouldHaveSingleItem();
        (changed.Uid, changed.Sequence).ShouldBe((visit.Uid, 1), "the same calendar event, one version on");
        changed.DtStart!.AsUtc.ShouldBe(second.StartUtc);
        changed.DtEnd!.AsUtc.ShouldBe(second.EndUtc);

        // Cancelled from the visit at its new time.
        await page.GotoAsync($"/account/appointments/{moved}");
        await page.FollowLink("Cancel this visit");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Cancel this visit?");
        await page.PressSubmit("the Cancel this visit button");
        await page.ShouldBeAccessible($"83-cancelled-{width}", output);

        var cancellation = await mail.Mail.OneAsync(email, "Your visit is cancelled");
        ShouldBePlainAndPrivate(cancellation);
        var (cancelledCalendar, cancelledMethod) = CalendarOf(cancellation);
        cancelledMethod.ShouldBe("CANCEL");
        var cancelled = cancelledCalendar.Events.ShouldHaveSingleItem();
        (cancelled.Uid, cancelled.Sequence, cancelled.Status).ShouldBe((visit.Uid, 2, "CANCELLED"));
        cancelled.DtStart!.AsUtc.ShouldBe(second.StartUtc);

        // The visits page tells the two apart: the first moved, the second cancelled.
        await page.FollowLink("Visits");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/appointments");
        (await page.Locator($"ul.appointments a[href='/account/appointments/{booked}']").InnerTextAsync()).ShouldContain("Moved to ");
        (await page.Locator($"ul.appointments a[href='/account/appointments/{moved}']").InnerTextAsync()).ShouldContain("Cancelled");
        await page.ShouldBeAccessible($"84-visits-moved-and-cancelled-{width}", output);

        mail.Mail.To(email).Select(m => m.Subject).Order(StringComparer.Ordinal).ShouldBe(
            new[] { "Please confirm your email address", "Your visit is booked", "Your visit is tomorrow", "Your visit has a new time", "Your visit is cancelled" }
                .Order(StringComparer.Ordinal),
            "each email once, and no reminder for the visit that moved or was cancelled");
    }

    [ChromiumTheory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task Given_a_clinician_replies_When_the_person_follows_the_email_Then_they_sign_in_to_the_thread_marked_new_and_the_header_count_clears_once_read(int width)
    {
        var page = await Host.NewPhonePage(width);
        var email = await SignUpConfirmAndSignInAsync(page, "Mo Message");
        var person = await AccountIdAsync(email);
        var slot = (await InPersonSlotsAsync()).First(s => s.StartUtc >= mail.Clock.UtcNow.AddDays(2));
        await page.GotoAsync($"/book/{slot.Id}");
        await page.TypeInto("reason", Reason);
        await page.PressSubmit("the Book this visit button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your visit is booked");
        await mail.Mail.OneAsync(email, "Your visit is booked");

        var clinic = await Host.NewPhonePage(width);
        await clinic.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await clinic.GotoAsync($"/clinic/patients/{person}");
        await clinic.TypeInto("reply", Reply);
        await clinic.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form')?.querySelector('#reply')", "the Send button");
        await clinic.PressAndWaitForNextPage("Enter");
        (await clinic.Locator("main").InnerTextAsync()).ShouldContain("Message sent.");
        var clinicId = await InDbAsync(db => db.Clinics.Select(c => c.Id).SingleAsync());

        var notice = await mail.Mail.OneAsync(email, "You have a new message from Example Valley Back Clinic (demo)");
        ShouldBePlainAndPrivate(notice, Reply, "emergency");
        var link = LinkTo(notice, $"/messages/{clinicId}");

        // Still signed in elsewhere, the header counts the reply.
        await page.GotoAsync("/today");
        (await page.Locator(".your-pages .unread").TextContentAsync()).ShouldBe("1 new message");
        await page.ShouldBeAccessible($"85-today-one-unread-{width}", output);

        // The email's link, on a phone that is not signed in: sign in first, then the thread with the reply marked new.
        var phone = await Host.NewPhonePage(width);
        await phone.GotoAsync(link.PathAndQuery);
        new Uri(phone.Url).AbsolutePath.ShouldBe("/account/sign-in");
        (await phone.Locator("main").InnerTextAsync()).ShouldNotContain(Reply);
        await SignInHereAsync(phone, email);
        new Uri(phone.Url).AbsolutePath.ShouldBe($"/messages/{clinicId}");
        var fromClinic = phone.Locator("ol.thread li.from-clinic");
        (await fromClinic.InnerTextAsync()).ShouldContain(Reply);
        (await fromClinic.GetAttributeAsync("class")).ShouldNotBeNull().ShouldContain("unread-message");
        (await fromClinic.Locator(".new-label").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await phone.ShouldBeAccessible($"86-thread-reply-new-{width}", output);

        // Read: the count is gone from the header, and the thread no longer marks the reply new.
        await phone.FollowLink("Today");
        new Uri(phone.Url).AbsolutePath.ShouldBe("/today");
        (await phone.Locator(".your-pages a[href='/messages']").InnerTextAsync()).Trim().ShouldBe("Messages");
        (await phone.Locator(".your-pages .unread").CountAsync()).ShouldBe(0);
        await phone.FollowLink("Messages");
        await phone.FollowLink("Messages with Example Valley Back Clinic (demo)");
        (await phone.Locator("ol.thread li.from-clinic .new-label").CountAsync()).ShouldBe(0);
        (await phone.Locator("ol.thread li.unread-message").CountAsync()).ShouldBe(0);
    }

    /// <summary>A new person signs up, confirms their address from the email and signs in, all with the keyboard; their email.</summary>
    private async Task<string> SignUpConfirmAndSignInAsync(IPage page, string name)
    {
        var email = $"mail-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/account/sign-up");
        await page.TypeInto("displayName", name);
        await page.TypeInto("email", email);
        await page.TypeInto("password", Password);
        await page.PressSubmit("the Create account button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");

        var confirm = await mail.Mail.OneAsync(email, "Please confirm your email address");
        await page.GotoAsync(LinkTo(confirm, "/account/confirm", Host.BaseAddress).PathAndQuery);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Email address confirmed");
        await page.GotoAsync("/account/sign-in");
        await SignInHereAsync(page, email);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account");
        return email;
    }

    private static async Task SignInHereAsync(IPage page, string email)
    {
        await page.TypeInto("email", email);
        await page.TypeInto("password", Password);
        await page.PressSubmit("the Sign in button");
    }

    /// <summary>Opens a page of the person's; when the app's clock has moved past their session, they sign in again on the way.</summary>
    private static async Task OpenSignedInAsync(IPage page, string path, string email)
    {
        await page.GotoAsync(path);
        if (new Uri(page.Url).AbsolutePath == "/account/sign-in")
        {
            await SignInHereAsync(page, email);
        }

        new Uri(page.Url).AbsolutePath.ShouldBe(path);
    }

    private async Task<List<(Guid Id, DateTime StartUtc, DateTime EndUtc)>> InPersonSlotsAsync()
    {
        using var http = Host.CreateHttpClient();
        var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().Single().GetProperty("id").GetString();
        return [.. (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{clinic}/slots?kind=in_person")).EnumerateArray()
            .Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("startUtc").GetDateTimeOffset().UtcDateTime,
                s.GetProperty("endUtc").GetDateTimeOffset().UtcDateTime))
            .OrderBy(s => s.Item2)];
    }

    private Task<Guid> AccountIdAsync(string email) =>
        InDbAsync(db => db.Accounts.Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());

    private async Task<T> InDbAsync<T>(Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }

    /// <summary>The email has a plain-text part, and none of what the person told the clinic (or these words) in any part of it.</summary>
    private static void ShouldBePlainAndPrivate(MimeMessage message, params string[] alsoNot)
    {
        message.TextBody.ShouldNotBeNullOrWhiteSpace($"'{message.Subject}' has a plain-text part");
        var everything = $"{message.Subject}\n{message.TextBody}\n{message.HtmlBody}\n" +
            string.Join("\n", message.Attachments.OfType<MimePart>().Select(Content));
        foreach (var secret in alsoNot.Prepend(Reason))
        {
            everything.ShouldNotContain(secret, Case.Insensitive, $"'{message.Subject}' must not carry it");
        }
    }

    /// <summary>
    /// The link in the email's plain text to this path, on the app's public address (or on <paramref name="onBase"/>:
    /// an account email takes the address of the request that asked for it).
    /// </summary>
    private static Uri LinkTo(MimeMessage message, string path, Uri? onBase = null)
    {
        var links = Links().Matches(message.TextBody ?? "").Select(m => new Uri(m.Value)).ToList();
        var link = links.FirstOrDefault(u => u.AbsolutePath == path)
            .ShouldNotBeNull($"'{message.Subject}' links to {path}; its links: {string.Join(", ", links)}");
        link.Host.ShouldBe((onBase ?? MailJourneyHost.PublicBase).Host);
        link.Scheme.ShouldBe(Uri.UriSchemeHttps);
        return link;
    }

    /// <summary>The one calendar file of a message, parsed back with Ical.Net, with the method on its content type.</summary>
    private static (Calendar Calendar, string Method) CalendarOf(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        part.ContentType.MimeType.ShouldBe("text/calendar");
        part.FileName.ShouldEndWith(".ics");
        return (Calendar.Load(Content(part)).ShouldNotBeNull(), part.ContentType.Parameters["method"]!);
    }

    private static string Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
