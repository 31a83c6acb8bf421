using System.Net;
using System.Text;
using BackCare.Web.Text;

namespace BackCare.Web.Email;

/// <summary>
/// Makes each message BackCare sends from its template (<see cref="MailTemplate"/>, words in <see cref="MailText"/>):
/// one call a message, for example <c>await outbox.SendAsync(composer.ResetPassword(email, name, link), ct)</c>.
/// Every link must be an absolute http(s) URL, since a mail program has no page to resolve it against. Every value
/// put into the HTML body is HTML-encoded, the template's own words too; the plain-text body carries the same words.
/// </summary>
public sealed class MailComposer(MailText text)
{
    /// <param name="to">The address to confirm.</param>
    /// <param name="name">The person's display name, or null when not known.</param>
    /// <param name="confirmUrl">The confirmation link, with its token.</param>
    public OutgoingMail ConfirmEmail(string to, string? name, Uri confirmUrl) =>
        Compose(MailTemplate.ConfirmEmail, to, name, ("confirm_url", confirmUrl));

    /// <param name="resetUrl">The reset link, with its token: the words say it works once and not for long.</param>
    public OutgoingMail ResetPassword(string to, string? name, Uri resetUrl) =>
        Compose(MailTemplate.ResetPassword, to, name, ("reset_url", resetUrl));

    /// <param name="newAddress">The new address, which this message goes to.</param>
    public OutgoingMail ConfirmNewEmail(string newAddress, string? name, Uri confirmUrl) =>
        Compose(MailTemplate.ConfirmNewEmail, newAddress, name, ("confirm_url", confirmUrl));

    /// <param name="oldAddress">The address the account had, which this message goes to.</param>
    /// <param name="helpUrl">Where someone whose account was taken asks for help.</param>
    public OutgoingMail EmailChanged(string oldAddress, string? name, Uri helpUrl) =>
        Compose(MailTemplate.EmailChanged, oldAddress, name, ("help_url", helpUrl));

    /// <param name="signInUrl">The sign-in page.</param>
    /// <param name="resetUrl">A reset link with its token, or the page that asks for one.</param>
    public OutgoingMail AccountExists(string to, string? name, Uri signInUrl, Uri resetUrl) =>
        Compose(MailTemplate.AccountExists, to, name, ("sign_in_url", signInUrl), ("reset_url", resetUrl));

    /// <param name="resetUrl">The page that asks for a reset link: whoever changed the password may still be signed in.</param>
    public OutgoingMail PasswordChanged(string to, string? name, Uri resetUrl) =>
        Compose(MailTemplate.PasswordChanged, to, name, ("reset_url", resetUrl));

    /// <param name="turnedOn">True when two-step sign-in was turned on, false when it was turned off.</param>
    /// <param name="helpUrl">Where someone whose account was taken asks for help.</param>
    public OutgoingMail TwoStepSignInChanged(string to, string? name, bool turnedOn, Uri helpUrl) =>
        Compose(turnedOn ? MailTemplate.TwoStepOn : MailTemplate.TwoStepOff, to, name, ("help_url", helpUrl));

    /// <summary>A visit was booked; <paramref name="when"/> and <paramref name="where"/> are already in the person's words.</summary>
    public OutgoingMail VisitBooked(string to, string? name, VisitWords visit, Uri visitUrl, MailCalendar calendar) =>
        Compose(MailTemplate.VisitBooked, to, name, visit.Values("clinic", "when", "where"), [("visit_url", visitUrl)], calendar: calendar);

    public OutgoingMail VisitMoved(string to, string? name, VisitWords visit, Uri visitUrl, MailCalendar calendar) =>
        Compose(MailTemplate.VisitMoved, to, name, visit.Values("clinic", "when", "where"), [("visit_url", visitUrl)], calendar: calendar);

    /// <param name="bookUrl">Where another time can be booked.</param>
    public OutgoingMail VisitCancelled(string to, string? name, VisitWords visit, Uri bookUrl, MailCalendar calendar) =>
        Compose(MailTemplate.VisitCancelled, to, name, visit.Values("clinic", "when", "phone"), [("book_url", bookUrl)], calendar: calendar);

    public OutgoingMail VisitReminder(string to, string? name, VisitWords visit, Uri visitUrl, Uri unsubscribeUrl) =>
        Compose(MailTemplate.VisitReminder, to, name, visit.Values("clinic", "when", "where"), [("visit_url", visitUrl)], unsubscribeUrl);

    /// <param name="joinUrl">The video service's link for this visit.</param>
    public OutgoingMail VideoVisitReminder(string to, string? name, VisitWords visit, Uri joinUrl, Uri visitUrl, Uri unsubscribeUrl) =>
        Compose(MailTemplate.VideoVisitReminder, to, name, visit.Values("clinic", "when"), [("join_url", joinUrl), ("visit_url", visitUrl)], unsubscribeUrl);

    /// <param name="clinic">The clinic's name: the only thing the message says about what was written.</param>
    /// <param name="threadUrl">The thread's page, which asks the person to sign in first.</param>
    public OutgoingMail ClinicReply(string to, string? name, string clinic, Uri threadUrl) =>
        Compose(MailTemplate.ClinicReply, to, name, new Dictionary<string, string>(StringComparer.Ordinal) { ["clinic"] = clinic }, [("thread_url", threadUrl)]);

    /// <summary>A clinic's answer to someone who wrote with its contact form and has no account: the answer itself.</summary>
    public OutgoingMail ContactReply(string to, string? name, string clinic, string reply, Uri contactUrl) =>
        Compose(
            MailTemplate.ContactReply, to, name, new Dictionary<string, string>(StringComparer.Ordinal) { ["clinic"] = clinic, ["reply"] = reply },
            [("contact_url", contactUrl)]);

    public OutgoingMail DiaryNudge(string to, string? name, Uri diaryUrl, Uri unsubscribeUrl) =>
        Compose(MailTemplate.DiaryNudge, to, name, NoValues, [("diary_url", diaryUrl)], unsubscribeUrl);

    public OutgoingMail RiskScreenReminder(string to, string? name, Uri riskUrl, Uri unsubscribeUrl) =>
        Compose(MailTemplate.RiskScreenReminder, to, name, NoValues, [("risk_url", riskUrl)], unsubscribeUrl);

    private static readonly Dictionary<string, string> NoValues = new(StringComparer.Ordinal);

    /// <summary>Any template without values, with its links by name; the methods above are the way to call it.</summary>
    internal OutgoingMail Compose(MailTemplate template, string to, string? name, params (string Name, Uri Url)[] links) =>
        Compose(template, to, name, NoValues, links);

    /// <summary>
    /// Any template, with its values and links by name. A template a person can unsubscribe from needs
    /// <paramref name="unsubscribeUrl"/>, and no other may have one: a confirmation must not look optional.
    /// </summary>
    internal OutgoingMail Compose(
        MailTemplate template, string to, string? name, IReadOnlyDictionary<string, string> plainValues, (string Name, Uri Url)[] links,
        Uri? unsubscribeUrl = null, MailCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(plainValues);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        if (!links.Select(l => l.Name).Order(StringComparer.Ordinal).SequenceEqual(template.Links.Order(StringComparer.Ordinal)))
        {
            throw new ArgumentException($"The template '{template}' needs the links {string.Join(", ", template.Links)}.", nameof(links));
        }

        if (!plainValues.Keys.Order(StringComparer.Ordinal).SequenceEqual(template.Values.Order(StringComparer.Ordinal)))
        {
            throw new ArgumentException($"The template '{template}' needs the values {string.Join(", ", template.Values)}.", nameof(plainValues));
        }

        if (template.Unsubscribable != unsubscribeUrl is not null)
        {
            throw new ArgumentException(
                template.Unsubscribable ? $"The template '{template}' needs an unsubscribe link." : $"The template '{template}' has no unsubscribe link.",
                nameof(unsubscribeUrl));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (linkName, url) in links)
        {
            values[linkName] = Absolute(linkName, url);
        }

        foreach (var (valueName, value) in plainValues)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, valueName);
            values[valueName] = value.Trim();
        }

        var unsubscribe = unsubscribeUrl is null ? null : Absolute("unsubscribe_url", unsubscribeUrl);

        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is not null)
        {
            values["name"] = name;
        }

        var words = text.For(template);
        var greeting = name is null ? text.GreetingWithoutName : text.Greeting;
        return new OutgoingMail(
            to.Trim(), name, MailText.Placeholders.Fill(words.Subject, values, Plain),
            PlainText(words, greeting, values, unsubscribe), Html(words, greeting, values, unsubscribe),
            calendar, unsubscribe is null ? null : new Uri(unsubscribe));
    }

    private static string Absolute(string linkName, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url, linkName);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url.AbsoluteUri
            : throw new ArgumentException($"The link {linkName} must be an absolute http(s) URL, got '{url}'.", linkName);
    }

    private string PlainText(MailWords words, string greeting, Dictionary<string, string> values, string? unsubscribe)
    {
        var body = new StringBuilder();
        body.Append(MailText.Placeholders.Fill(greeting, values, Plain)).Append("\n\n");
        foreach (var line in words.Lines)
        {
            var paragraph = line.Link is { } link
                ? MailText.Placeholders.Fill(text.TextLink, new Dictionary<string, string>
                {
                    ["label"] = MailText.Placeholders.Fill(line.Text, values, Plain),
                    ["url"] = values[link],
                }, Plain)
                : MailText.Placeholders.Fill(line.Text, values, Plain);
            body.Append(paragraph).Append("\n\n");
        }

        // "-- " on a line of its own is the signature separator mail programs know, and grey out or fold away.
        body.Append(text.SignOff).Append("\n\n-- \n").Append(text.Footer).Append('\n');
        if (unsubscribe is not null)
        {
            body.Append(text.UnsubscribeNote).Append('\n').Append(MailText.Placeholders.Fill(text.TextLink, new Dictionary<string, string>
            {
                ["label"] = text.UnsubscribeLabel,
                ["url"] = unsubscribe,
            }, Plain)).Append('\n');
        }

        return body.ToString();
    }

    /// <summary>
    /// A single column, large type and full-width buttons for a phone; styles inline, since mail programs drop style
    /// sheets. The address is written out under each button for programs that show no buttons.
    /// </summary>
    private string Html(MailWords words, string greeting, Dictionary<string, string> values, string? unsubscribe)
    {
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(text.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(MailText.Placeholders.Fill(words.Subject, values, Encode)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#ffffff;\">\n")
            .Append("<div style=\"max-width:36em;margin:0 auto;padding:16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;")
            .Append("font-size:18px;line-height:1.5;color:#1b1b1b;\">\n");
        Paragraph(body, MailText.Placeholders.Fill(greeting, values, Encode));
        foreach (var line in words.Lines)
        {
            if (line.Link is { } link)
            {
                var url = Encode(values[link]);
                Paragraph(body, $"<a href=\"{url}\" style=\"display:block;padding:14px 20px;background:#0b4f8a;color:#ffffff;border-radius:6px;" +
                    $"text-decoration:none;font-weight:bold;text-align:center;\">{MailText.Placeholders.Fill(line.Text, values, Encode)}</a>");
                Paragraph(body, $"{Encode(text.LinkFallback)}<br>\n<a href=\"{url}\" style=\"color:#0b4f8a;word-break:break-all;\">{url}</a>",
                    "font-size:15px;color:#4a4a4a;");
            }
            else
            {
                Paragraph(body, MailText.Placeholders.Fill(line.Text, values, Encode));
            }
        }

        Paragraph(body, Encode(text.SignOff));
        body.Append("<hr style=\"border:none;border-top:1px solid #6b6b6b;margin:24px 0;\">\n");
        Paragraph(body, Encode(text.Footer), "font-size:15px;color:#4a4a4a;");
        if (unsubscribe is not null)
        {
            Paragraph(body, $"{Encode(text.UnsubscribeNote)} <a href=\"{Encode(unsubscribe)}\" style=\"color:#0b4f8a;\">{Encode(text.UnsubscribeLabel)}</a>",
                "font-size:15px;color:#4a4a4a;");
        }
        return body.Append("</div>\n</body>\n</html>\n").ToString();
    }

    private static void Paragraph(StringBuilder body, string html, string? style = null)
    {
        body.Append(style is null ? "<p>" : $"<p style=\"{style}\">").Append(html).Append("</p>\n");
    }

    private static string Plain(string value) => value;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

/// <summary>
/// A visit as its emails say it, every part already in the person's words: the clinic's name, the time in the
/// clinic's own time zone ("Thursday 10 December 2026 at 10:00, New York time"), where (the address, or by video), and
/// the clinic's phone. Never the reason for the visit.
/// </summary>
public sealed record VisitWords(string Clinic, string When, string Where, string Phone)
{
    internal Dictionary<string, string> Values(params string[] names)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["clinic"] = Clinic,
            ["when"] = When,
            ["where"] = Where,
            ["phone"] = Phone,
        };
        return names.ToDictionary(n => n, n => all[n], StringComparer.Ordinal);
    }
}
