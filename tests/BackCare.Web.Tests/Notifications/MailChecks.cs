using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BackCare.Web.Tests.Email;
using MimeKit;

namespace BackCare.Web.Tests.Notifications;

/// <summary>
/// What every email BackCare sends must pass, as a spam filter and a careful reader would look at it: a plain-text
/// part, the configured sender, a calm subject without shouting or spam words, every link an absolute https address
/// on BackCare's own public address (or the video service's, where a join link is expected), no link shorteners, no
/// link whose words show one address while it goes to another, and none of the health details it must not carry.
/// </summary>
internal static partial class MailChecks
{
    private static readonly string[] SpamPhrases =
    [
        "free", "click here", "act now", "winner", "congratulations", "urgent", "guarantee", "risk-free", "no cost",
        "limited time", "cash", "100%", "$$$", "buy now", "order now", "special offer", "call now", "100% free",
    ];

    private static readonly string[] Shorteners = ["bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly"];

    /// <summary>The problems found; empty when the message passes.</summary>
    public static IReadOnlyList<string> Problems(
        MimeMessage message, Uri publicBase, IEnumerable<string>? otherHosts = null, IEnumerable<string>? mustNotContain = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        var allowedHosts = new HashSet<string>(otherHosts ?? [], StringComparer.OrdinalIgnoreCase) { publicBase.Host };

        if (string.IsNullOrWhiteSpace(message.TextBody))
        {
            problems.Add("no plain-text part");
        }

        if (message.From.Mailboxes.SingleOrDefault()?.ToString() != MailboxAddress.Parse(SmtpTestServer.From).ToString())
        {
            problems.Add($"From is {message.From}, not the configured sender");
        }

        var subject = message.Subject ?? "";
        if (subject.Length is 0 or > 78)
        {
            problems.Add($"subject of {subject.Length} characters");
        }

        var letters = subject.Where(char.IsLetter).ToList();
        if (letters.Count >= 4 && letters.All(char.IsUpper))
        {
            problems.Add($"subject in capitals: {subject}");
        }

        if (Shouting().IsMatch(subject))
        {
            problems.Add($"a shouted word in the subject: {subject}");
        }

        var words = $"{subject}\n{message.TextBody}\n{Text(message.HtmlBody)}";
        foreach (var phrase in SpamPhrases.Where(p => Regex.IsMatch(words, $@"(?<![\w$]){Regex.Escape(p)}(?![\w$])", RegexOptions.IgnoreCase)))
        {
            problems.Add($"spam phrase '{phrase}'");
        }

        if (words.Contains("!!", StringComparison.Ordinal) || subject.Contains('!', StringComparison.Ordinal))
        {
            problems.Add("exclamation marks");
        }

        var links = SmtpTestServer.Links(message).ToList();
        if (message.Headers[HeaderId.ListUnsubscribe] is { } unsubscribe)
        {
            links.Add(new Uri(unsubscribe.Trim('<', '>', ' '), UriKind.Absolute));
        }

        foreach (var link in links)
        {
            if (link.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"not https: {link}");
            }

            if (Shorteners.Any(s => link.Host.Equals(s, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"a link shortener: {link}");
            }
            else if (!allowedHosts.Contains(link.Host))
            {
                problems.Add($"a link away from {publicBase.Host}: {link}");
            }
        }

        if (message.HtmlBody is { } html)
        {
            foreach (var anchor in new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]"))
            {
                var shown = anchor.TextContent.Trim();
                if (shown.StartsWith("http", StringComparison.OrdinalIgnoreCase) && shown != anchor.GetAttribute("href"))
                {
                    problems.Add($"a link that shows {shown} but goes to {anchor.GetAttribute("href")}");
                }
            }
        }

        var everything = words + "\n" + string.Join("\n", message.Attachments.OfType<MimePart>().Select(Content));
        foreach (var secret in mustNotContain ?? [])
        {
            if (everything.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"carries '{secret}', which must not be in an email");
            }
        }

        return problems;
    }

    public static void ShouldPass(MimeMessage message, Uri publicBase, IEnumerable<string>? otherHosts = null, IEnumerable<string>? mustNotContain = null) =>
        Problems(message, publicBase, otherHosts, mustNotContain).ShouldBeEmpty($"'{message.Subject}'");

    public static string Content(MimePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Text(string? html) => html is null ? "" : new HtmlParser().ParseDocument(html).Body?.TextContent ?? "";

    [GeneratedRegex(@"\b[A-Z]{4,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Shouting();
}
