using System.Text.Json.Nodes;
using BackCare.Web.Email;
using BackCare.Web.Text;

namespace BackCare.Web.Tests.Email;

public sealed class MailTemplateTests
{
    private static readonly MailComposer Composer = new(MailText.English);

    public static TheoryData<string> Templates => new(MailTemplate.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Given_a_template_When_it_is_composed_with_its_links_and_a_name_Then_both_bodies_have_every_placeholder_filled(string name)
    {
        var template = MailTemplate.All.Single(t => t.Name == name);
        var links = LinksFor(template);

        var mail = Composer.Compose(template, "sam@example.org", "Sam Rivers", ValuesFor(template), links, UnsubscribeFor(template));

        mail.To.ShouldBe("sam@example.org");
        mail.ToName.ShouldBe("Sam Rivers");
        mail.Subject.ShouldBe(MailText.English.For(template).Subject.Replace("{clinic}", "Riverside Spine Clinic", StringComparison.Ordinal));
        foreach (var part in new[] { mail.Subject, mail.TextBody, mail.HtmlBody })
        {
            part.ShouldNotContain("{");
            part.ShouldNotContain("}");
        }

        mail.TextBody.ShouldStartWith("Hello Sam Rivers,");
        mail.HtmlBody.ShouldContain("Hello Sam Rivers,");
        foreach (var (_, url) in links)
        {
            mail.TextBody.ShouldContain(url.AbsoluteUri);
            mail.HtmlBody.ShouldContain($"href=\"{url.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal)}\"");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Given_a_template_When_the_name_is_not_known_Then_the_greeting_has_no_gap(string name)
    {
        var template = MailTemplate.All.Single(t => t.Name == name);

        var mail = Composer.Compose(template, "sam@example.org", null, ValuesFor(template), LinksFor(template), UnsubscribeFor(template));

        mail.TextBody.ShouldStartWith(MailText.English.GreetingWithoutName);
        mail.TextBody.ShouldNotContain("{");
        mail.HtmlBody.ShouldNotContain("{");
        mail.ToName.ShouldBeNull();
    }

    [Fact]
    public void Given_a_name_and_a_link_with_markup_When_composed_Then_the_HTML_body_encodes_them_and_the_text_body_keeps_them_as_typed()
    {
        const string name = "<script>alert('x')</script> & Sam";
        var link = new Uri("https://backcare.example/account/confirm?userId=1&token=a+b/c=");

        var mail = Composer.ConfirmEmail("sam@example.org", name, link);

        mail.HtmlBody.ShouldNotContain("<script");
        mail.HtmlBody.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sam");
        mail.HtmlBody.ShouldContain("userId=1&amp;token=a+b/c=");
        mail.TextBody.ShouldContain(name);
        mail.TextBody.ShouldContain(link.AbsoluteUri);
    }

    [Fact]
    public void Given_two_step_sign_in_When_it_is_turned_on_or_off_Then_each_has_its_own_words()
    {
        var help = new Uri("https://backcare.example/help");

        var on = Composer.TwoStepSignInChanged("sam@example.org", "Sam", turnedOn: true, help);
        var off = Composer.TwoStepSignInChanged("sam@example.org", "Sam", turnedOn: false, help);

        on.Subject.ShouldBe(MailText.English.For(MailTemplate.TwoStepOn).Subject);
        off.Subject.ShouldBe(MailText.English.For(MailTemplate.TwoStepOff).Subject);
        on.Subject.ShouldNotBe(off.Subject);
    }

    [Theory]
    [InlineData("/account/confirm?token=abc")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:someone@example.org")]
    public void Given_a_link_that_is_not_an_absolute_web_address_When_composed_Then_it_is_refused(string link)
    {
        Should.Throw<ArgumentException>(() =>
            Composer.ConfirmEmail("sam@example.org", "Sam", new Uri(link, UriKind.RelativeOrAbsolute)));
    }

    [Fact]
    public void Given_a_template_When_composed_without_one_of_its_links_Then_it_is_refused()
    {
        Should.Throw<ArgumentException>(() => Composer.Compose(
            MailTemplate.AccountExists, "sam@example.org", "Sam", ("sign_in_url", new Uri("https://backcare.example/account/sign-in"))));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Given_a_template_When_composed_Then_it_has_an_unsubscribe_link_and_header_exactly_when_it_is_a_reminder_or_a_nudge(string name)
    {
        var template = MailTemplate.All.Single(t => t.Name == name);
        var unsubscribe = new Uri("https://backcare.example/emails/unsubscribe?token=abc");

        var mail = Composer.Compose(template, "sam@example.org", "Sam", ValuesFor(template), LinksFor(template), template.Unsubscribable ? unsubscribe : null);

        if (template.Unsubscribable)
        {
            mail.UnsubscribeUrl.ShouldBe(unsubscribe);
            mail.TextBody.ShouldContain(unsubscribe.AbsoluteUri);
            mail.HtmlBody.ShouldContain(MailText.English.UnsubscribeLabel);
            Should.Throw<ArgumentException>(() => Composer.Compose(template, "sam@example.org", "Sam", ValuesFor(template), LinksFor(template)));
        }
        else
        {
            mail.UnsubscribeUrl.ShouldBeNull();
            mail.TextBody.ShouldNotContain(MailText.English.UnsubscribeLabel);
            Should.Throw<ArgumentException>(() => Composer.Compose(template, "sam@example.org", "Sam", ValuesFor(template), LinksFor(template), unsubscribe));
        }
    }

    [Fact]
    public void Given_a_visit_template_When_composed_without_one_of_its_values_Then_it_is_refused()
    {
        var values = ValuesFor(MailTemplate.VisitBooked);
        values.Remove("where");

        Should.Throw<ArgumentException>(() => Composer.Compose(
            MailTemplate.VisitBooked, "sam@example.org", "Sam", values, LinksFor(MailTemplate.VisitBooked)));
    }

    [Fact]
    public void Given_mail_json_When_a_subject_names_a_link_Then_the_file_is_refused()
    {
        var file = ReadFile();
        file["templates"]!["clinic_reply"]!["subject"] = "Read it at {thread_url}";

        Should.Throw<InvalidOperationException>(() => Read(file)).Message.ShouldContain("thread_url");
    }

    [Fact]
    public void Given_mail_json_When_a_template_loses_its_button_Then_the_file_is_refused_naming_the_template()
    {
        var file = ReadFile();
        var lines = file["templates"]!["reset_password"]!["lines"]!.AsArray();
        lines.Remove(lines.Single(l => l is JsonObject));

        var failure = Should.Throw<InvalidOperationException>(() => Read(file));

        failure.Message.ShouldContain("reset_password");
    }

    [Fact]
    public void Given_mail_json_When_a_template_names_a_value_it_is_not_given_Then_the_file_is_refused()
    {
        var file = ReadFile();
        file["templates"]!["password_changed"]!["lines"]!.AsArray().Add("Changed at {0}.");

        var failure = Should.Throw<InvalidOperationException>(() => Read(file));

        failure.Message.ShouldContain("{0}");
    }

    [Fact]
    public void Given_mail_json_When_a_template_is_missing_Then_the_file_is_refused()
    {
        var file = ReadFile();
        file["templates"]!.AsObject().Remove("email_changed");

        Should.Throw<InvalidOperationException>(() => Read(file)).Message.ShouldContain("email_changed");
    }

    private static Dictionary<string, string> ValuesFor(MailTemplate template) =>
        template.Values.ToDictionary(v => v, v => v switch
        {
            "clinic" => "Riverside Spine Clinic",
            "when" => "Thursday 10 December 2026 at 10:00, New York time",
            "where" => "1 River Road, Springfield",
            _ => "+1 555 0100",
        }, StringComparer.Ordinal);

    private static Uri? UnsubscribeFor(MailTemplate template) =>
        template.Unsubscribable ? new Uri("https://backcare.example/emails/unsubscribe?token=abc") : null;

    private static (string Name, Uri Url)[] LinksFor(MailTemplate template) =>
        [.. template.Links.Select(l => (l, new Uri($"https://backcare.example/account/{l.Replace('_', '-')}?token=abc&user=1")))];

    private static JsonNode ReadFile()
    {
        using var stream = MailText.OpenFile("en");
        return JsonNode.Parse(stream)!;
    }

    private static MailText Read(JsonNode file)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(file.ToJsonString()));
        return MailText.Read(stream);
    }
}
