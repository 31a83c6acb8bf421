using System.Net;
using System.Net.Sockets;
using BackCare.Data.Notifications;
using BackCare.Web.Notifications;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Tests.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Notifications;

/// <summary>The sender as servers run it: two of them on one database send each email once; a mail server that is down is tried again, then given up.</summary>
public sealed class OutboxSenderTests
{
    [Fact]
    public async Task Given_two_servers_on_one_SQLite_database_When_both_send_at_once_Then_each_email_goes_exactly_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"backcare-two-senders-{Guid.NewGuid():N}.db");
        try
        {
            await SendFromTwoServersAsync(settings => settings["ConnectionStrings:BackCare"] = $"Data Source={path}");
        }
        finally
        {
            BackCareFactory.DeleteDatabase(path);
        }
    }

    [PostgresFact]
    public async Task Given_two_servers_on_one_PostgreSQL_database_When_both_send_at_once_Then_each_email_goes_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SendFromTwoServersAsync(settings =>
        {
            foreach (var (key, value) in database.HostSettings())
            {
                settings[key] = value;
            }
        });
    }

    [Fact]
    public async Task Given_a_mail_server_that_is_down_When_the_sender_tries_Then_it_tries_again_after_a_wait_and_gives_up_after_the_last_attempt_with_a_log_line()
    {
        await using var host = await NotificationHost.StartAsync(new()
        {
            ["Email:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:MaxAttempts"] = "2",
        });
        var email = People.NewEmail();
        using var client = await People.SignedInClient(host.Factory, email);
        var person = await host.AccountIdAsync(email);
        await host.InDbAsync(async db =>
        {
            (await db.Accounts.SingleAsync(a => a.Id == person)).ConfirmEmail();
            return await db.SaveChangesAsync();
        });
        var slot = await NotificationHost.SlotAsync(client, "in_person", host.Clock.UtcNow.AddDays(2));
        await NotificationHost.BookAsync(client, slot.Id, "Back spasm");

        await host.SendDueAsync();
        var afterFirst = Confirmation(await host.OutboxAsync(person));
        (afterFirst.State, afterFirst.Attempts, afterFirst.DueUtc).ShouldBe((NotificationState.Pending, 1, host.Clock.UtcNow + NotificationSender.Backoff(1)));
        host.Clock.MoveTo(afterFirst.DueUtc.AddSeconds(-1));
        (await host.SendDueAsync()).ShouldBe(0, "not before its wait is over");
        host.Clock.MoveTo(afterFirst.DueUtc);
        await host.SendDueAsync();

        var given = Confirmation(await host.OutboxAsync(person));
        (given.State, given.Attempts).ShouldBe((NotificationState.Failed, 2));
        host.Factory.Logs.Entries.ShouldContain(e =>
            e.Category == typeof(NotificationSender).FullName && e.Level == LogLevel.Error && e.Message.Contains("given up after 2 attempts"));
        host.Clock.MoveTo(host.Clock.UtcNow.AddDays(1));
        (await host.SendDueAsync()).ShouldBe(0, "a failed email stays failed");
    }

    [Fact]
    public async Task Given_a_production_server_whose_public_address_is_not_https_When_it_starts_Then_it_sends_nothing_and_says_why()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = smtp.Settings;
        settings["Notifications:PublicBaseUrl"] = "http://backcare.test";
        using var factory = BackCareFactory.With(settings);
        using var client = factory.CreateClient();
        using (var health = await client.GetAsync("/"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        factory.Services.GetRequiredService<NotificationSender>().CanSend.ShouldBeFalse();
        factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("Notifications:PublicBaseUrl"));
    }

    [Fact]
    public void Given_the_checker_When_a_message_shouts_offers_and_hides_its_links_Then_it_names_each_problem()
    {
        var message = new MimeMessage { Subject = "FREE CHECK-UP!!!" };
        message.From.Add(MailboxAddress.Parse("Somebody <sales@elsewhere.example>"));
        message.Body = new TextPart("html")
        {
            Text = "<p>Click here: <a href=\"https://bit.ly/x\">https://backcare.test/account</a> <a href=\"http://backcare.test/a\">a</a></p>",
        };

        var problems = MailChecks.Problems(message, NotificationHost.PublicBase, mustNotContain: ["check-up"]);

        problems.ShouldContain("no plain-text part");
        problems.ShouldContain(p => p.StartsWith("From is", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("subject in capitals", StringComparison.Ordinal));
        problems.ShouldContain("spam phrase 'free'");
        problems.ShouldContain("spam phrase 'click here'");
        problems.ShouldContain("exclamation marks");
        problems.ShouldContain("a link shortener: https://bit.ly/x");
        problems.ShouldContain("not https: http://backcare.test/a");
        problems.ShouldContain(p => p.StartsWith("a link that shows https://backcare.test/account", StringComparison.Ordinal));
        problems.ShouldContain("carries 'check-up', which must not be in an email");
    }

    /// <summary>Two hosts on one database, sending to one SMTP server, their senders run side by side as two servers' would.</summary>
    private static async Task SendFromTwoServersAsync(Action<Dictionary<string, string?>> onDatabase)
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var clock = MovingClock.WednesdayMorning();
        var settings = NotificationHost.Settings(smtp);
        onDatabase(settings);
        using var first = BackCareFactory.WithTestServices(s => s.AddSingleton<TimeProvider>(clock), settings);
        using var second = BackCareFactory.WithTestServices(s => s.AddSingleton<TimeProvider>(clock), settings);
        using var client = first.CreateClient();
        using var _ = second.CreateClient(); // starts the second server
        var email = People.NewEmail();
        using (var registered = await People.Register(client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using (var confirmed = await client.GetAsync(SmtpTestServer.Link(await smtp.NextMessageToAsync(email), "/account/confirm").PathAndQuery))
        {
            confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await NotificationHost.SignInAgainAsync(client, email);
        var slots = new List<DateTime>();
        for (var i = 0; i < 3; i++)
        {
            var slot = await NotificationHost.SlotAsync(client, "in_person", clock.UtcNow.AddDays(2));
            await NotificationHost.BookAsync(client, slot.Id, "Back spasm");
            slots.Add(slot.StartUtc);
        }

        var senders = new[] { first, second }.Select(f => f.Services.GetRequiredService<NotificationSender>()).ToList();
        senders[0].Name.ShouldNotBe(senders[1].Name);

        await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync())));
        clock.MoveTo(slots.Max().AddHours(-24));
        await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync())));
        await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync())));

        var received = smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == email)).Select(m => m.Subject).ToList();
        received.Count(s => s == "Your visit is booked").ShouldBe(3);
        received.Count(s => s == "Your visit is tomorrow").ShouldBe(3);
        received.Count.ShouldBe(7, "the account confirmation, three bookings and three reminders");
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCare.Data.BackCareDbContext>();
        (await db.Notifications.AsNoTracking().ToListAsync()).ShouldAllBe(n => n.State == NotificationState.Sent && n.Attempts == 1);
    }

    private static Notification Confirmation(IEnumerable<Notification> outbox) => outbox.Single(n => n.Kind == NotificationKind.VisitBooked);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
