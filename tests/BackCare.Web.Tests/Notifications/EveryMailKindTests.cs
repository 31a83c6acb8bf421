using BackCare.Web.Email;
using BackCare.Web.Tests.Email;
using BackCare.Web.Text;

namespace BackCare.Web.Tests.Notifications;

/// <summary>Every template BackCare has, made into the MIME message the outbox hands over, passes the spam-and-link checks.</summary>
public sealed class EveryMailKindTests
{
    private static readonly MailComposer Composer = new(MailText.English);

    public static TheoryData<string> Templates => new(MailTemplate.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Given_a_template_When_it_is_sent_as_a_message_Then_it_passes_the_checks(string name)
    {
        var template = MailTemplate.All.Single(t => t.Name == name);
        var values = template.Values.ToDictionary(v => v, v => v switch
        {
            "clinic" => "Riverside Spine Clinic",
            "when" => "Thursday 10 December 2026 at 10:00, New York time",
            "where" => "1 River Road, Springfield",
            _ => "+1 555 0100",
        }, StringComparer.Ordinal);
        (string, Uri)[] links = [.. template.Links.Select(l => (l, l == "join_url"
            ? new Uri($"https://{NotificationHost.VideoHost}/backcare/room?t=abc")
            : new Uri(NotificationHost.PublicBase, $"{l.Replace('_', '-')}?token=abc")))];
        var unsubscribe = template.Unsubscribable ? new Uri(NotificationHost.PublicBase, "emails/unsubscribe?token=abc") : null;

        var mail = Composer.Compose(template, "sam@example.org", "Sam", values, links, unsubscribe);
        var message = MimeMail.From(mail, SmtpTestServer.From);

        MailChecks.ShouldPass(message, NotificationHost.PublicBase, [NotificationHost.VideoHost]);
    }
}
