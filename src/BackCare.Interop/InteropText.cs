using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Interop;

/// <summary>
/// The words BackCare writes into FHIR resources and CDS Hooks cards, read from Content/en/interop.json
/// (embedded) so they can be reviewed and translated apart from the code, like the engine's own texts.
/// </summary>
internal static class InteropText
{
    private static readonly Lazy<FrozenDictionary<string, string>> Texts = new(Load);

    /// <summary>The text at a dotted path, for example <c>cds.link_book</c>.</summary>
    public static string Get(string path) =>
        Texts.Value.TryGetValue(path, out var text)
            ? text
            : throw new KeyNotFoundException($"No text '{path}' in Content/en/interop.json.");

    public static string Format(string path, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, Get(path), values);

    private static FrozenDictionary<string, string> Load()
    {
        const string resource = "BackCare.Interop.Content.en.interop.json";
        using var stream = typeof(InteropText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The content file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            foreach (var entry in section.Value.EnumerateObject())
            {
                texts[section.Name + "." + entry.Name] = entry.Value.GetString()!;
            }
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
