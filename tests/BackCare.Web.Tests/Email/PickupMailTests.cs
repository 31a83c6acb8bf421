using BackCare.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BackCare.Web.Tests.Email;

public sealed class PickupMailTests
{
    [Fact]
    public async Task Given_pickup_mode_When_a_message_is_sent_Then_an_owner_only_eml_file_holds_the_same_message_and_its_path_is_logged()
    {
        using var factory = BackCareFactory.With([]);
        var link = new Uri("https://backcare.example/account/reset?token=Secret-Token-123");
        var mail = factory.Services.GetRequiredService<MailComposer>().ResetPassword("sam@example.org", "Zoë", link);

        await factory.Services.GetRequiredService<IMailOutbox>().SendAsync(mail);

        var file = Directory.GetFiles(factory.PickupFolder, "*.eml").ShouldHaveSingleItem();
        var written = await MimeMessage.LoadAsync(file);
        written.From.Mailboxes.ShouldHaveSingleItem().ShouldBe(MailboxAddress.Parse(EmailOptionsSetup.PickupFrom));
        var to = written.To.Mailboxes.ShouldHaveSingleItem();
        to.Name.ShouldBe("Zoë");
        to.Address.ShouldBe("sam@example.org");
        (await File.ReadAllBytesAsync(file)).ShouldAllBe(b => b < 128, "encoded as a strict relay would want it");
        written.Subject.ShouldBe(mail.Subject);
        written.TextBody!.ReplaceLineEndings("\n").ShouldBe(mail.TextBody);
        written.HtmlBody!.ReplaceLineEndings("\n").ShouldBe(mail.HtmlBody);
        SmtpTestServer.Link(written, "/account/reset").ShouldBe(link);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            new DirectoryInfo(factory.PickupFolder).UnixFileMode.ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains(file, StringComparison.Ordinal));
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains("Secret-Token-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_pickup_folder_that_cannot_be_made_When_a_message_is_sent_Then_it_fails_with_an_error_logged()
    {
        var blocker = Path.GetTempFileName(); // a file where the folder should be
        try
        {
            using var factory = BackCareFactory.With(new() { ["Email:PickupFolder"] = Path.Combine(blocker, "mail") });
            var mail = factory.Services.GetRequiredService<MailComposer>().ResetPassword(
                "sam@example.org", "Sam", new Uri("https://backcare.example/account/reset?token=abc"));

            await Should.ThrowAsync<MailDeliveryException>(() => factory.Services.GetRequiredService<IMailOutbox>().SendAsync(mail));

            factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Category == typeof(PickupMailOutbox).FullName);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
