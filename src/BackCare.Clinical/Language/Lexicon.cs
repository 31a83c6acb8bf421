using System.Text.Json;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Language;

/// <summary>What a cue of the language's cue list (Language/Context/cues.en.json) means to the narrative reader: its "narrative" role.</summary>
internal enum NarrativeCue
{
    NegationBefore,
    NegationAfter,
    Pseudo,
    Uncertain,
    HedgedNegation,
    Hypothetical,
    OtherPerson,
    OtherPersonAfter,
    History,
    FirstPerson,
    Onset,
    Episode,
    SelfCare,
}

/// <summary>
/// One group of lay phrasings in the lexicon and what they mean: the finding codes they answer, the value
/// they give, and how they behave under negation. <see cref="Defeaters"/> ("unless") cancel a reading from within
/// its clause; <see cref="Explainers"/> ("explained_later") cancel it from anywhere later in its sentence or the next
/// one ("my wee was pink, but then I remembered the beetroot"; "my foot went dead lol", then "was sat on it"), and <see cref="SentenceExplainers"/> ("explained_in_sentence") from
/// anywhere in it ("doing IVF, so I inject myself every night").
/// </summary>
internal sealed record LexiconEntry(
    int Id,
    FindingCode[] Codes,
    bool Flag,
    string? Choice,
    double? Number,
    double? NumberWhenNegated,
    string? ChoiceWhenNegated,
    bool IgnoreWhenNegated,
    bool DenialOnly,
    bool Exclusive,
    bool Uncertain,
    PhraseMatcher? Defeaters,
    PhraseMatcher? Explainers = null,
    PhraseMatcher? SentenceExplainers = null)
{
    /// <summary>True when the entry says the finding is absent ("I can walk", "peeing is normal").</summary>
    public bool SaysNo => Choice is null && Number is null && !Flag;
}

/// <summary>
/// The narrative lexicon: lay phrasings for every finding code, read from Content/en/narrative.json, and the
/// context cues around them, from the language's one cue list (<see cref="CueSet"/>); both are embedded in the
/// assembly so they can be reviewed and extended without reading C#.
/// </summary>
internal sealed class Lexicon
{
    private static readonly Lazy<Lexicon> Loaded = new(() => Load("BackCare.Clinical.Content.en.narrative.json"));

    private Lexicon(PhraseMatcher findings, IReadOnlyList<LexiconEntry> entries, NarrativeCues cues, PeopleWords people)
    {
        People = people;
        Findings = findings;
        Entries = entries;
        Cues = cues;
    }

    public static Lexicon Default => Loaded.Value;

    public PhraseMatcher Findings { get; }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>Context cues, from the language's one cue list; each match's payload is a <see cref="NarrativeCue"/>.</summary>
    public NarrativeCues Cues { get; }

    /// <summary>Words for people, for working out whom the narrative is about.</summary>
    public PeopleWords People { get; }

    public IEnumerable<string> Words =>
        Findings.Words.Concat(Cues.Words).Concat(Cues.LinkWords).Concat(People.Words).Concat(Entries.SelectMany(e => e.Defeaters?.Words ?? []))
            .Concat(Entries.SelectMany(e => e.Explainers?.Words ?? []))
            .Concat(Entries.SelectMany(e => e.SentenceExplainers?.Words ?? []));

    private static Lexicon Load(string resource)
    {
        using var document = ContentFiles.ReadDocument(resource);
        var root = document.RootElement;

        var findings = new PhraseMatcher(anyPerson: true);
        var entries = new List<LexiconEntry>();
        foreach (var item in root.GetProperty("findings").EnumerateArray())
        {
            var entry = ReadEntry(item, entries.Count);
            entries.Add(entry);
            foreach (var phrase in item.GetProperty("phrases").EnumerateArray())
            {
                findings.Add(phrase.GetString()!, entry.Id);
            }
        }

        return new Lexicon(findings, entries, new NarrativeCues(CueSet.English), new PeopleWords(root.GetProperty("people")));
    }

    private static LexiconEntry ReadEntry(JsonElement item, int id)
    {
        var codes = item.TryGetProperty("codes", out var many)
            ? many.EnumerateArray().Select(c => Code(c.GetString()!)).ToArray()
            : [Code(item.GetProperty("code").GetString()!)];
        var flag = true;
        string? choice = null;
        double? number = null;
        double? numberWhenNegated = null;
        if (item.TryGetProperty("value", out var value))
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                number = value.GetDouble();
            }
            else if (value.ValueKind == JsonValueKind.String)
            {
                choice = value.GetString();
                var definition = FindingCatalog.Get(codes[0]);
                if (definition.Choices is null || !definition.Choices.Contains(choice!))
                {
                    throw new FormatException($"The lexicon gives {definition.Key} the value '{choice}', which is not one of its choices.");
                }
            }
            else
            {
                flag = value.GetBoolean();
            }
        }

        string? whenNegated = null;
        var ignoreWhenNegated = false;
        if (item.TryGetProperty("when_negated", out var negated) && negated.ValueKind == JsonValueKind.Number)
        {
            numberWhenNegated = negated.GetDouble();
        }
        else if (item.TryGetProperty("when_negated", out negated))
        {
            whenNegated = negated.GetString();
            ignoreWhenNegated = whenNegated == "ignore";
            if (ignoreWhenNegated)
            {
                whenNegated = null;
            }
        }

        var defeaters = Phrases(item, "unless");
        var explainers = Phrases(item, "explained_later");
        var sentenceExplainers = Phrases(item, "explained_in_sentence");

        return new LexiconEntry(
            id,
            codes,
            flag,
            choice,
            number,
            numberWhenNegated,
            whenNegated,
            ignoreWhenNegated,
            Bool(item, "denial_only"),
            Bool(item, "exclusive"),
            Bool(item, "uncertain"),
            defeaters,
            explainers,
            sentenceExplainers);
    }

    /// <summary>The phrases of one optional list of an entry, as a matcher; null when the entry has none.</summary>
    private static PhraseMatcher? Phrases(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var list))
        {
            return null;
        }

        var matcher = new PhraseMatcher();
        foreach (var phrase in list.EnumerateArray())
        {
            matcher.Add(phrase.GetString()!, 0);
        }

        return matcher;
    }

    private static bool Bool(JsonElement item, string name) => item.TryGetProperty(name, out var v) && v.GetBoolean();

    private static FindingCode Code(string key) =>
        FindingCatalog.TryGet(key, out var definition)
            ? definition.Code
            : throw new FormatException($"The lexicon names '{key}', which is not a finding code of the contract.");
}
