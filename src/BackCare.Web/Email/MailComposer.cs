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

    /// <summary>Any template, with its links by name; the methods above are the way to call it.</summary>
    internal OutgoingMail Compose(MailTemplate template, string to, string? name, params (string Name, Uri Url)[] links)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        if (!links.Select(l => l.Name).Order(StringComparer.Ordinal).SequenceEqual(template.Links.Order(StringComparer.Ordinal)))
        {
            throw new ArgumentException($"The template '{template}' needs the links {string.Join(", ", template.Links)}.", nameof(links));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (linkName, url) in links)
        {
            values[linkName] = Absolute(linkName, url);
        }

        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is not null)
        {
            values["name"] = name;
        }

        var words = text.For(template);
        var greeting = name is null ? text.GreetingWithoutName : text.Greeting;
        return new OutgoingMail(
            to.Trim(), name, words.Subject, PlainText(words, greeting, values), Html(words, greeting, values));
    }

    private static string Absolute(string linkName, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url, linkName);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url.AbsoluteUri
            : throw new ArgumentException($"The link {linkName} must be an absolute http(s) URL, got '{url}'.", linkName);
    }

    private string PlainText(MailWords words, string greeting, Dictionary<string, string> values)
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
        return body.Append(text.SignOff).Append("\n\n-- \n").Append(text.Footer).Append('\n').ToString();
    }

    /// <summary>
    /// A single column, large type and full-width buttons for a phone; styles inline, since mail programs drop style
    /// sheets. The address is written out under each button for programs that show no buttons.
    /// </summary>
    private string Html(MailWords words, string greeting, Dictionary<string, string> values)
    {
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(text.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(words.Subject)).Append("</title>\n</head>\n")
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
        return body.Append("</div>\n</body>\n</html>\n").ToString();
    }

    private static void Paragraph(StringBuilder body, string html, string? style = null)
    {
        body.Append(style is null ? "<p>" : $"<p style=\"{style}\">").Append(html).Append("</p>\n");
    }

    private static string Plain(string value) => value;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
