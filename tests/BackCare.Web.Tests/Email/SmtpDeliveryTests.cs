using System.Net;
using System.Net.Sockets;
using BackCare.Web.Email;
using BackCare.Web.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackCare.Web.Tests.Email;

/// <summary>The MailKit outbox against a real SMTP server (<see cref="SmtpTestServer"/>), configured as a deployment would be.</summary>
public sealed class SmtpDeliveryTests
{
    private const string Markup = "<script>alert('x')</script> José";

    [Fact]
    public async Task Given_an_smtp_server_When_the_app_sends_a_message_Then_it_arrives_with_its_sender_recipient_subject_and_both_bodies()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        var link = new Uri("https://backcare.example/account/confirm?userId=7&token=Zm9v%2Bbar");
        var mail = factory.Services.GetRequiredService<MailComposer>().ConfirmEmail("sam@example.org", Markup, link);

        await factory.Services.GetRequiredService<IMailOutbox>().SendAsync(mail);

        var received = await smtp.NextMessageToAsync("sam@example.org");
        received.From.Mailboxes.ShouldHaveSingleItem().ShouldBe(MailboxAddress.Parse(SmtpTestServer.From));
        var to = received.To.Mailboxes.ShouldHaveSingleItem();
        to.Address.ShouldBe("sam@example.org");
        to.Name.ShouldBe(Markup);
        received.Subject.ShouldBe(MailText.English.For(MailTemplate.ConfirmEmail).Subject);
        received.TextBody!.ReplaceLineEndings("\n").ShouldBe(mail.TextBody);
        received.HtmlBody!.ReplaceLineEndings("\n").ShouldBe(mail.HtmlBody);
        received.HtmlBody.ShouldNotContain("<script");
        received.HtmlBody.ShouldContain("&lt;script&gt;");
        received.MessageId.ShouldEndWith("@backcare.test");
        SmtpTestServer.Link(received, "/account/confirm").ShouldBe(link);
        SmtpTestServer.Links(received).ShouldBe([link]);
    }

    [Fact]
    public async Task Given_a_server_that_asks_for_a_password_When_the_right_one_is_configured_Then_the_message_is_delivered()
    {
        await using var smtp = await SmtpTestServer.StartAsync("backcare", "relay-password-1");
        var outbox = Outbox(smtp.Settings, new LogCapture());

        await outbox.SendAsync(Sample("sam@example.org"));

        (await smtp.NextMessageToAsync("sam@example.org")).Subject.ShouldBe(Sample("sam@example.org").Subject);
    }

    [Fact]
    public async Task Given_a_wrong_password_When_a_message_is_sent_Then_it_fails_with_an_error_logged_and_the_password_nowhere()
    {
        const string wrongPassword = "Wrong-Relay-Secret-4711";
        await using var smtp = await SmtpTestServer.StartAsync("backcare", "relay-password-1");
        var settings = smtp.Settings;
        settings["Email:Smtp:Password"] = wrongPassword;
        var logs = new LogCapture();

        var failure = await Should.ThrowAsync<MailDeliveryException>(() => Outbox(settings, logs).SendAsync(Sample("sam@example.org")));

        failure.Message.ShouldContain($"127.0.0.1:{smtp.Port}");
        failure.ToString().ShouldNotContain(wrongPassword);
        var error = logs.Entries.ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Message.ShouldNotContain(wrongPassword);
        (error.Exception?.ToString() ?? "").ShouldNotContain(wrongPassword);
        smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_server_that_never_answers_When_a_message_is_sent_Then_it_fails_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var settings = new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:From"] = SmtpTestServer.From,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "1",
        };
        var logs = new LogCapture();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<MailDeliveryException>(() => Outbox(settings, logs).SendAsync(Sample("sam@example.org")));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        failure.Message.ShouldContain("Email:Smtp:TimeoutSeconds");
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Given_security_Auto_When_the_server_offers_no_STARTTLS_Then_nothing_is_sent_in_plain_text()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = smtp.Settings;
        settings["Email:Smtp:Security"] = "Auto";

        var failure = await Should.ThrowAsync<MailDeliveryException>(() => Outbox(settings, new LogCapture()).SendAsync(Sample("sam@example.org")));

        failure.Message.ShouldContain("STARTTLS", Case.Insensitive);
        smtp.Messages.ShouldBeEmpty();
    }

    private static OutgoingMail Sample(string to) =>
        new MailComposer(MailText.English).PasswordChanged(to, "Sam", new Uri("https://backcare.example/account/forgot"));

    /// <summary>The outbox alone, on options bound as the app binds them, logging to <paramref name="logs"/>.</summary>
    private static SmtpMailOutbox Outbox(Dictionary<string, string?> settings, LogCapture logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()!;
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        return new SmtpMailOutbox(Options.Create(options), loggers.CreateLogger<SmtpMailOutbox>());
    }
}
