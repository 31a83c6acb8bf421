using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Web.Text;

/// <summary>
/// The words of a clinic's outcomes page, its charts, tables and CSV download, read from
/// Text/en/outcomes.json so that they can be reviewed and translated without reading C#.
/// </summary>
public sealed class OutcomesText
{
    private readonly FrozenDictionary<string, string> _texts;

    private OutcomesText(FrozenDictionary<string, string> texts) => _texts = texts;

    public static OutcomesText English { get; } = Load("en");

    public string this[string key] => _texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"No text '{key}' in Text/en/outcomes.json.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    internal IReadOnlyCollection<string> Keys => _texts.Keys;

    private static OutcomesText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.outcomes.json";
        using var stream = typeof(OutcomesText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new OutcomesText(document.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }
}
