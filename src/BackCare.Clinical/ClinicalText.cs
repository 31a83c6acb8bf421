using System.Collections.Frozen;
using System.Text.Json;

namespace BackCare.Clinical;

/// <summary>
/// The patient-facing words of the engine. They live in content files (Content/en/*.json, embedded in
/// the assembly) so that they can be reviewed and translated without reading C#; rules and plan steps
/// refer to them by id.
/// </summary>
public static class ClinicalText
{
    private static readonly Lazy<Catalog> Texts = new(Load);

    /// <summary>Source keys of the clinical brief; every rule and piece of advice names one.</summary>
    public static readonly FrozenSet<string> SourceKeys = new[]
    {
        "SEEDS", "NICE-NG59", "NICE-NG65", "NICE-NG234", "ACP-2017", "CKS-RF", "DOWNIE-2013", "PACE-2014",
        "CASHIN-2021", "DAHM-2010", "PENGEL-2003", "STARTBACK", "OTC-LABEL",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string Question(string findingKey) => Lookup(Texts.Value.Questions, findingKey, "question");

    public static string Label(string findingKey) => Lookup(Texts.Value.Labels, findingKey, "label");

    /// <summary>The plain-language label of one value of a choice finding (for example trigger = minor_fall).</summary>
    public static string ChoiceLabel(string findingKey, string value) =>
        Lookup(Texts.Value.Choices, findingKey + "=" + value, "choice");

    public static string Rule(string ruleId) => Lookup(Texts.Value.Rules, ruleId, "rule");

    public static string Step(string stepId) => Lookup(Texts.Value.Steps, stepId, "plan step");

    internal static IReadOnlyCollection<string> RuleIds => Texts.Value.Rules.Keys;

    internal static IReadOnlyCollection<string> StepIds => Texts.Value.Steps.Keys;

    private static string Lookup(FrozenDictionary<string, string> texts, string id, string kind) =>
        texts.TryGetValue(id, out var text)
            ? text
            : throw new KeyNotFoundException($"No {kind} text for '{id}' in the clinical content files.");

    private static Catalog Load()
    {
        var findings = ReadObject("findings.json");
        return new Catalog(
            findings.ToFrozenDictionary(p => p.Key, p => p.Value.GetProperty("question").GetString()!, StringComparer.Ordinal),
            findings.ToFrozenDictionary(p => p.Key, p => p.Value.GetProperty("label").GetString()!, StringComparer.Ordinal),
            findings
                .Where(p => p.Value.TryGetProperty("choices", out _))
                .SelectMany(p => p.Value.GetProperty("choices").EnumerateObject()
                    .Select(choice => KeyValuePair.Create(p.Key + "=" + choice.Name, choice.Value.GetString()!)))
                .ToFrozenDictionary(StringComparer.Ordinal),
            ReadStrings("rules.json"),
            ReadStrings("steps.json"));
    }

    private static FrozenDictionary<string, string> ReadStrings(string name) =>
        ContentFiles.ReadStrings("BackCare.Clinical.Content.en." + name);

    private static Dictionary<string, JsonElement> ReadObject(string name) =>
        ContentFiles.ReadObject("BackCare.Clinical.Content.en." + name);

    private sealed record Catalog(
        FrozenDictionary<string, string> Questions,
        FrozenDictionary<string, string> Labels,
        FrozenDictionary<string, string> Choices,
        FrozenDictionary<string, string> Rules,
        FrozenDictionary<string, string> Steps);
}
