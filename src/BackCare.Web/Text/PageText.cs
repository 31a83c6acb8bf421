using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Web.Text;

/// <summary>
/// The words of the site's frame and of the pages around it (the header and footer, messages with a clinic, the
/// contact form, saved checks, the error pages, the check's counter and number answers), from Text/en/pages.json.
/// </summary>
public sealed class PageText : IWords
{
    private readonly FrozenDictionary<string, string> _strings;

    private PageText(JsonElement root) =>
        _strings = root.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public static PageText English { get; } = Load("en");

    public string this[string key] => _strings.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"pages.json has no text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    public bool Has(string key) => _strings.ContainsKey(key);

    internal IReadOnlyCollection<string> Keys => _strings.Keys;

    private static PageText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.pages.json";
        using var stream = typeof(PageText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new PageText(document.RootElement);
    }
}
