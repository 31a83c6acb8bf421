using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BackCare.Clinical;

namespace BackCare.Web.Text;

/// <summary>One piece of the result page's own advice: a short lead (may be empty), the words, and the source key.</summary>
public sealed record AdviceText(string Label, string Text, string Source);

/// <summary>
/// The result page's words, from Text/en/result.json (embedded): the "do this now" card, the usual over-the-counter
/// doses (OTC-LABEL) and the short names of the sources. Checked when loaded: every piece of advice names a source
/// of the clinical brief, and every source has a short name.
/// </summary>
public sealed class ResultText
{
    private readonly FrozenDictionary<string, string> _words;
    private readonly FrozenDictionary<string, AdviceText> _advice;
    private readonly FrozenDictionary<string, string> _shortNames;

    private ResultText(JsonElement root)
    {
        _words = root.GetProperty("words").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        _advice = root.GetProperty("advice").EnumerateObject().ToFrozenDictionary(
            p => p.Name,
            p => new AdviceText(p.Value.GetProperty("label").GetString()!, p.Value.GetProperty("text").GetString()!, p.Value.GetProperty("source").GetString()!),
            StringComparer.Ordinal);
        _shortNames = root.GetProperty("sources_short").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

        if (_advice.FirstOrDefault(a => !ClinicalText.SourceKeys.Contains(a.Value.Source)) is { Key: not null } unsourced)
        {
            throw new InvalidOperationException($"result.json: the advice '{unsourced.Key}' names no source of the clinical brief.");
        }

        if (ClinicalText.SourceKeys.FirstOrDefault(key => !_shortNames.ContainsKey(key)) is { } unnamed)
        {
            throw new InvalidOperationException($"result.json: the source '{unnamed}' has no short name.");
        }
    }

    public static ResultText English { get; } = Load("en");

    public string this[string key] => _words.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"result.json has no words '{key}'.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    public AdviceText Advice(string key) => _advice.TryGetValue(key, out var advice)
        ? advice
        : throw new KeyNotFoundException($"result.json has no advice '{key}'.");

    /// <summary>A source's name in a few words, for naming it beside a piece of advice; an unknown key is shown as it is.</summary>
    public string ShortName(string key) => _shortNames.TryGetValue(key, out var name) ? name : key;

    private static ResultText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.result.json";
        using var stream = typeof(ResultText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new ResultText(document.RootElement);
    }
}
