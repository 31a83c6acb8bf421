using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Web.Text;

/// <summary>
/// The words of the signed-in recovery pages (today, the diary form, the risk screen), read from
/// Text/en/recovery.json so that they can be reviewed and translated without reading C#.
/// </summary>
public sealed class RecoveryText
{
    private readonly FrozenDictionary<string, string> _texts;

    private RecoveryText(FrozenDictionary<string, string> texts) => _texts = texts;

    public static RecoveryText English { get; } = Load("en");

    public string this[string key] => _texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"No text '{key}' in Text/en/recovery.json.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    internal IReadOnlyCollection<string> Keys => _texts.Keys;

    private static RecoveryText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.recovery.json";
        using var stream = typeof(RecoveryText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new RecoveryText(document.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }
}
