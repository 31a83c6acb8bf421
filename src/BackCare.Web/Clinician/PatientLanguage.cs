using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Language.Identification;
using BackCare.Web.Text;

namespace BackCare.Web.Clinician;

/// <summary>
/// The language a person used with BackCare, from what is stored and nothing else (no account keeps a language): the
/// language their checks were assessed in (the case's <c>language</c>, English unless the case said otherwise), and,
/// apart, the language their own words read as (the narratives of their checks and the messages they wrote to the
/// clinic) when the language identifier names another language for most of those that read as any language.
/// </summary>
public sealed record PatientLanguage(string? ChecksCode, string? WrittenCode, int WrittenIn, int Written)
{
    public static PatientLanguage Unknown { get; } = new(null, null, 0, 0);

    /// <summary>Reads the cases, newest first, and the person's own messages.</summary>
    public static PatientLanguage Of(IEnumerable<string> caseJsonNewestFirst, IEnumerable<string> messagesByThePerson)
    {
        ArgumentNullException.ThrowIfNull(caseJsonNewestFirst);
        ArgumentNullException.ThrowIfNull(messagesByThePerson);
        string? checks = null;
        var written = new List<string>();
        foreach (var caseJson in caseJsonNewestFirst)
        {
            using var document = JsonDocument.Parse(caseJson);
            var root = document.RootElement;
            checks ??= root.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
                ? language.GetString()
                : AssessmentLanguages.English;
            if (root.TryGetProperty("narrative", out var narrative) && narrative.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(narrative.GetString()))
            {
                written.Add(narrative.GetString()!);
            }
        }

        written.AddRange(messagesByThePerson.Where(m => !string.IsNullOrWhiteSpace(m)));
        var read = written.Select(LanguageIdentifier.Identify).Where(l => !l.IsNoise).ToList();
        var most = read.GroupBy(l => l.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return most is not null && most.First().IsOther && most.Count() * 2 > read.Count
            ? new PatientLanguage(checks, most.Key, most.Count(), read.Count)
            : new PatientLanguage(checks, null, 0, read.Count);
    }

    /// <summary>The chart's words for it, from the language file; each language by its name there.</summary>
    public string Describe(PageText words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var checks = ChecksCode is null ? null : words.Format("language_checks", Name(words, ChecksCode));
        var own = WrittenCode is null ? null : words.Format("language_written", Name(words, WrittenCode), WrittenIn, Written);
        return (checks, own) switch
        {
            ({ } c, { } o) => words.Format("language_both", c, o),
            ({ } c, null) => c,
            (null, { } o) => o,
            _ => words["language_unknown"],
        };
    }

    /// <summary>A language's name from the language file ("language_es": "Spanish"); the code itself for one it lacks.</summary>
    public static string Name(PageText words, string code)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Has("language_" + code) ? words["language_" + code] : code;
    }
}
