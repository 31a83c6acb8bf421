using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackCare.Web.Email;

namespace BackCare.Web.Text;

/// <summary>One line of a message: a paragraph, or (with <see cref="Link"/>) a button whose label is <see cref="Text"/>.</summary>
public sealed record MailLine(string Text, string? Link = null);

/// <summary>A template's words: the subject and the lines of the body, with <c>{placeholders}</c> still in them.</summary>
public sealed record MailWords(string Subject, IReadOnlyList<MailLine> Lines);

/// <summary>
/// The words of BackCare's emails, from Text/en/mail.json (embedded), so they are reviewed and translated with the
/// pages' words. Checked once when loaded against <see cref="MailTemplate.All"/>: a missing template, a lost link or
/// a stray <c>{placeholder}</c> fails at start, not in a message someone receives.
/// </summary>
public sealed partial class MailText
{
    private const string File = "mail.json";
    private readonly FrozenDictionary<string, MailWords> _templates;
    private readonly FrozenDictionary<string, string> _formats;

    private MailText(JsonElement root)
    {
        Language = root.GetProperty("language").GetString()!;
        Greeting = Placeholders.Checked(root, "greeting", "name");
        GreetingWithoutName = Placeholders.Checked(root, "greeting_no_name");
        SignOff = Placeholders.Checked(root, "sign_off");
        LinkFallback = Placeholders.Checked(root, "link_fallback");
        TextLink = Placeholders.Checked(root, "text_link", "label", "url");
        Footer = Placeholders.Checked(root, "footer");
        UnsubscribeNote = Placeholders.Checked(root, "unsubscribe_note");
        UnsubscribeLabel = Placeholders.Checked(root, "unsubscribe_label");
        _formats = root.GetProperty("formats").EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var templates = root.GetProperty("templates");
        _templates = MailTemplate.All.ToFrozenDictionary(t => t.Name, t => Read(templates, t), StringComparer.Ordinal);
    }

    public static MailText English { get; } = Load("en");

    /// <summary>The language of the words, for the HTML body's <c>lang</c>.</summary>
    public string Language { get; }

    /// <summary>The greeting, with <c>{name}</c>.</summary>
    public string Greeting { get; }

    public string GreetingWithoutName { get; }

    public string SignOff { get; }

    /// <summary>Under a button in the HTML body, before the address written out.</summary>
    public string LinkFallback { get; }

    /// <summary>A button in the plain-text body, with <c>{label}</c> and <c>{url}</c>.</summary>
    public string TextLink { get; }

    public string Footer { get; }

    /// <summary>At the foot of a reminder or a nudge, before the link that stops them.</summary>
    public string UnsubscribeNote { get; }

    /// <summary>The label of that link.</summary>
    public string UnsubscribeLabel { get; }

    /// <summary>
    /// How a visit's time and place are written (<c>formats</c> in mail.json): a .NET date pattern, or words with
    /// <c>{0}</c> and <c>{1}</c> filled in by the code.
    /// </summary>
    public string Format(string key) => _formats.TryGetValue(key, out var format)
        ? format
        : throw new KeyNotFoundException($"{File} has no format '{key}'.");

    public MailWords For(MailTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return _templates[template.Name];
    }

    private static MailWords Read(JsonElement templates, MailTemplate template)
    {
        if (!templates.TryGetProperty(template.Name, out var entry))
        {
            throw Invalid(template.Name, "is missing");
        }

        var lines = new List<MailLine>();
        foreach (var line in entry.GetProperty("lines").EnumerateArray())
        {
            lines.Add(line.ValueKind == JsonValueKind.String
                ? new MailLine(line.GetString()!)
                : new MailLine(line.GetProperty("label").GetString()!, line.GetProperty("link").GetString()!));
        }

        var words = new MailWords(entry.GetProperty("subject").GetString()!, lines);
        Check(template, words);
        return words;
    }

    /// <summary>Each of the template's links is a button, no button leads elsewhere, and the words name nothing else.</summary>
    private static void Check(MailTemplate template, MailWords words)
    {
        var buttons = words.Lines.Where(l => l.Link is not null).Select(l => l.Link!).ToHashSet(StringComparer.Ordinal);
        if (!buttons.SetEquals(template.Links))
        {
            throw Invalid(template.Name, $"has buttons to {string.Join(", ", buttons)}, not to {string.Join(", ", template.Links)}");
        }

        if (Placeholders.Named(words.Subject).Except(template.Values).FirstOrDefault() is { } inSubject)
        {
            throw Invalid(template.Name, $"names {{{inSubject}}} in its subject, which may name only {string.Join(", ", template.Values)}");
        }

        foreach (var text in words.Lines.Select(l => l.Text))
        {
            if (Placeholders.Named(text).Except(template.Links).Except(template.Values).FirstOrDefault() is { } stray)
            {
                throw Invalid(template.Name, $"names {{{stray}}}, which it is not given");
            }
        }
    }

    private static InvalidOperationException Invalid(string template, string problem) =>
        new($"The template '{template}' in {File} {problem}.");

    /// <summary>The embedded mail.json of a language, as it is before it is read (the tests change it to see the checks work).</summary>
    internal static Stream OpenFile(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.{File}";
        return typeof(MailText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
    }

    internal static MailText Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return new MailText(document.RootElement);
    }

    private static MailText Load(string language)
    {
        using var stream = OpenFile(language);
        return Read(stream);
    }

    /// <summary>The <c>{name}</c> placeholders of mail.json: anything in braces, so <c>{0}</c> is caught as well.</summary>
    internal static partial class Placeholders
    {
        public static IEnumerable<string> Named(string text) => Pattern().Matches(text).Select(m => m.Groups[1].Value);

        public static string Checked(JsonElement root, string key, params string[] allowed)
        {
            var text = root.GetProperty(key).GetString()!;
            if (Named(text).Except(allowed).FirstOrDefault() is { } stray)
            {
                throw new InvalidOperationException($"'{key}' in {File} names {{{stray}}}, which it is not given.");
            }

            return text;
        }

        /// <summary>Fills each <c>{name}</c> with its value passed through <paramref name="encode"/>, and the words around them too.</summary>
        public static string Fill(string text, IReadOnlyDictionary<string, string> values, Func<string, string> encode)
        {
            var filled = new System.Text.StringBuilder(text.Length * 2);
            var at = 0;
            foreach (Match match in Pattern().Matches(text))
            {
                filled.Append(encode(text[at..match.Index]));
                filled.Append(encode(values.TryGetValue(match.Groups[1].Value, out var value)
                    ? value
                    : throw new InvalidOperationException($"No value for {match.Value} in {File}.")));
                at = match.Index + match.Length;
            }

            return filled.Append(encode(text[at..])).ToString();
        }

        [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
        private static partial Regex Pattern();
    }
}
