using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>
/// The words the tokenizer, the time reader and the number readers know, by what they do, read from the
/// "words" section of Content/en/narrative.json so that the language is data and not C#.
/// </summary>
internal sealed class NarrativeWords
{
    private static readonly Lazy<NarrativeWords> Loaded = new(() => Load("BackCare.Clinical.Content.en.narrative.json"));

    public static NarrativeWords Default => Loaded.Value;

    public required Dictionary<string, double> Numbers { get; init; }

    /// <summary>Spelling variants and the one form each stands for ("cannot": "can't").</summary>
    public required Dictionary<string, string> Spellings { get; init; }

    public required HashSet<string> KeepApostropheS { get; init; }

    public required HashSet<string> ClauseBreaks { get; init; }

    public required HashSet<string> ClauseStarters { get; init; }

    public required HashSet<string> InabilityNegators { get; init; }

    public required Dictionary<string, double> TimeUnits { get; init; }

    public required Dictionary<string, double> VagueSpans { get; init; }

    public required HashSet<string> TimeQualifiers { get; init; }

    /// <summary>Seasons and holidays ("since last summer", "since Christmas"): a cautious number of days, with no calendar to hand.</summary>
    public required Dictionary<string, double> Seasons { get; init; }

    /// <summary>Words after a bare "a week" that make it this episode's length ("a week since I twisted it", "a month now").</summary>
    public required string[][] BareSpanAfter { get; init; }

    /// <summary>Words before a bare "a month" that make it a length ("bothering me a month", "near enough a month").</summary>
    public required HashSet<string> BareSpanBefore { get; init; }

    public required HashSet<string> MoreThan { get; init; }

    public required HashSet<string> NotATimeAfter { get; init; }

    public required HashSet<string> NotATimeBefore { get; init; }

    public required HashSet<string> TimeWords { get; init; }

    public required HashSet<string> PainAnchors { get; init; }

    public required HashSet<string> ScoreLeadIns { get; init; }

    public required HashSet<string> ScoreEvidenceBefore { get; init; }

    /// <summary>How "out of" is said, as word sequences ("out of", "outta").</summary>
    public required string[][] OutOf { get; init; }

    public required HashSet<string> NotAScoreAfter { get; init; }

    public required HashSet<string> NotAScoreBefore { get; init; }

    public required HashSet<string> TemperatureWords { get; init; }

    public required HashSet<string> TemperatureUnits { get; init; }

    /// <summary>Words after a number such as "38.4" that make it something other than a temperature ("38.5 kg", "37.5 hours").</summary>
    public required HashSet<string> NotATemperatureAfter { get; init; }

    /// <summary>Words that put a clause at the time of writing ("now", "currently"), though they name no day.</summary>
    public required HashSet<string> NowWords { get; init; }

    public required Dictionary<string, int> Ordinals { get; init; }

    public required HashSet<string> EpisodeNouns { get; init; }

    /// <summary>Words after "3 times": true when every time counts ("before"), false when this one does not ("this year").</summary>
    public required Dictionary<string, bool> EpisodeCountWords { get; init; }

    public required HashSet<string> DrinkWords { get; init; }

    public required HashSet<string> DrinkPeriods { get; init; }

    public required HashSet<string> BackPainWords { get; init; }

    /// <summary>Words that say the pain never lets up ("all the time", "whatever I do"), as word sequences.</summary>
    public required string[][] ConstantPain { get; init; }

    /// <summary>Words that put a leg symptom in both legs ("legs", "both").</summary>
    public required HashSet<string> BothLegsWords { get; init; }

    /// <summary>Every word of the section, so that the tokenizer numbers them.</summary>
    public IEnumerable<string> All =>
        Numbers.Keys.Concat(Spellings.Values).Concat(KeepApostropheS).Concat(ClauseBreaks).Concat(ClauseStarters).Concat(InabilityNegators)
            .Concat(TimeUnits.Keys).Concat(VagueSpans.Keys).Concat(TimeQualifiers).Concat(MoreThan).Concat(NotATimeAfter).Concat(NotATimeBefore)
            .Concat(TimeWords).Concat(PainAnchors).Concat(ScoreLeadIns).Concat(ScoreEvidenceBefore).Concat(OutOf.SelectMany(w => w)).Concat(NotAScoreAfter)
            .Concat(NotAScoreBefore).Concat(TemperatureWords).Concat(TemperatureUnits).Concat(NotATemperatureAfter).Concat(NowWords).Concat(Ordinals.Keys).Concat(EpisodeNouns)
            .Concat(EpisodeCountWords.Keys).Concat(DrinkWords).Concat(DrinkPeriods).Concat(BackPainWords).Concat(BothLegsWords).Concat(ConstantPain.SelectMany(w => w))
            .Concat(Seasons.Keys).Concat(BareSpanAfter.SelectMany(w => w)).Concat(BareSpanBefore);

    private static NarrativeWords Load(string resource)
    {
        using var document = ContentFiles.ReadDocument(resource);
        var words = document.RootElement.GetProperty("words");
        return new NarrativeWords
        {
            Numbers = Map(words, "numbers", v => v.GetDouble()),
            Spellings = Map(words, "spellings", v => v.GetString()!),
            KeepApostropheS = Set(words, "keep_apostrophe_s"),
            ClauseBreaks = Set(words, "clause_breaks"),
            ClauseStarters = Set(words, "clause_starters"),
            InabilityNegators = Set(words, "inability_negators"),
            TimeUnits = Map(words, "time_units", v => v.GetDouble()),
            VagueSpans = Map(words, "vague_spans", v => v.GetDouble()),
            TimeQualifiers = Set(words, "time_qualifiers"),
            Seasons = Map(words, "seasons", v => v.GetDouble()),
            BareSpanAfter = [.. Set(words, "bare_span_after").Select(w => w.Split('_'))],
            BareSpanBefore = Set(words, "bare_span_before"),
            MoreThan = Set(words, "more_than"),
            NotATimeAfter = Set(words, "not_a_time_after"),
            NotATimeBefore = Set(words, "not_a_time_before"),
            TimeWords = Set(words, "time_words"),
            PainAnchors = Set(words, "pain_anchors"),
            ScoreLeadIns = Set(words, "score_lead_ins"),
            ScoreEvidenceBefore = Set(words, "score_evidence_before"),
            OutOf = [.. Set(words, "out_of").Select(w => w.Split('_'))],
            NotAScoreAfter = Set(words, "not_a_score_after"),
            NotAScoreBefore = Set(words, "not_a_score_before"),
            TemperatureWords = Set(words, "temperature_words"),
            TemperatureUnits = Set(words, "temperature_units"),
            NotATemperatureAfter = Set(words, "not_a_temperature_after"),
            NowWords = Set(words, "now_words"),
            Ordinals = Map(words, "ordinals", v => v.GetInt32()),
            EpisodeNouns = Set(words, "episode_nouns"),
            EpisodeCountWords = Map(words, "episode_count_words", v => v.GetString() switch
            {
                "all" => true,
                "earlier" => false,
                var other => throw new FormatException($"An episode count word counts 'all' or 'earlier', not '{other}'."),
            }),
            DrinkWords = Set(words, "drink_words"),
            DrinkPeriods = Set(words, "drink_periods"),
            BackPainWords = Set(words, "back_pain_words"),
            BothLegsWords = Set(words, "both_legs_words"),
            ConstantPain = [.. Set(words, "constant_pain").Select(w => w.Split('_'))],
        };
    }

    private static HashSet<string> Set(JsonElement words, string name) =>
        new(words.GetProperty(name).EnumerateArray().Select(w => w.GetString()!), StringComparer.Ordinal);

    private static Dictionary<string, T> Map<T>(JsonElement words, string name, Func<JsonElement, T> value) =>
        words.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => value(p.Value), StringComparer.Ordinal);
}
