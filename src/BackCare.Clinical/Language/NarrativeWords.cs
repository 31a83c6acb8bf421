using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>
/// The words the tokenizer, the time reader, the number readers and the scope judge know, by what they do,
/// read from the "words" section of Content/en/narrative.json so that the language is data and not C#: the
/// readers hold the grammar (a time is a lead-in, a number and a unit), the data the words of each part.
/// Word sequences are written with underscores ("out_of").
/// </summary>
internal sealed class NarrativeWords
{
    private static readonly Lazy<NarrativeWords> Loaded = new(() => Load("BackCare.Clinical.Content.en.narrative.json"));

    public static NarrativeWords Default => Loaded.Value;

    public required Dictionary<string, double> Numbers { get; init; }

    /// <summary>Spelling variants and the one form each stands for ("cannot": "can't").</summary>
    public required Dictionary<string, string> Spellings { get; init; }

    /// <summary>The words the marks '&amp;', '+' and '%' stand for ("and", "percent"), by mark.</summary>
    public required Dictionary<char, string> SymbolWords { get; init; }

    /// <summary>Marks said as words by someone dictating to a phone ("comma", "full stop", "new line"), with the mark each stands for.</summary>
    public required (string[] Words, char Mark)[] DictatedMarks { get; init; }

    /// <summary>Words a phone's dictation writes for a decimal point between two numbers ("38 point 4").</summary>
    public required HashSet<string> DecimalPoints { get; init; }

    /// <summary>
    /// Words a phone's dictation split into others that sound alike ("sigh attica" for "sciatica", "my your in" for
    /// "my urine"), with the words they stand for.
    /// </summary>
    public required (string[] Words, string[] Means)[] DictatedWords { get; init; }

    /// <summary>The word a dash between two numbers stands for ("2-3 days" is "2 to 3 days").</summary>
    public required string NumberDash { get; init; }

    public required HashSet<string> KeepApostropheS { get; init; }

    public required HashSet<string> ClauseBreaks { get; init; }

    public required HashSet<string> ClauseStarters { get; init; }

    /// <summary>Words after which a clause starter starts a new clause ("and", "so", "then").</summary>
    public required HashSet<string> ClauseJoiners { get; init; }

    public required HashSet<string> InabilityNegators { get; init; }

    /// <summary>The one word every way of saying the person cannot do something is read as ("can't").</summary>
    public required string InabilityForm { get; init; }

    /// <summary>Words that by themselves say the person cannot ("couldn't").</summary>
    public required HashSet<string> InabilityWords { get; init; }

    /// <summary>Word pairs that say the person cannot ("could not").</summary>
    public required string[][] InabilityPairs { get; init; }

    /// <summary>Words that may stand between a negator and "been able to" ("haven't really been able to").</summary>
    public required HashSet<string> InabilityFillers { get; init; }

    /// <summary>"been", "be": between a negator and "able to".</summary>
    public required HashSet<string> InabilityBe { get; init; }

    /// <summary>"able to", as word sequences, after a negator.</summary>
    public required string[][] InabilityAble { get; init; }

    public required Dictionary<string, double> TimeUnits { get; init; }

    public required Dictionary<string, double> VagueSpans { get; init; }

    /// <summary>
    /// Clinical shorthand for a length: "2/52" two weeks, "3/7" three days, "6/12" six months. The key is the number
    /// under the line, the value the days of one.
    /// </summary>
    public required Dictionary<string, double> ClinicalFractions { get; init; }

    /// <summary>"nope", "none", "n/a": a question or a form's label answered with one of these is denied.</summary>
    public required HashSet<string> AnswersNo { get; init; }

    /// <summary>"yes", "yeah": a question put to the patient answered yes keeps what it asks.</summary>
    public required HashSet<string> AnswersYes { get; init; }

    /// <summary>"any", "do you have": words that open a question asked of the patient ("Any fever, chills or sweats?").</summary>
    public required string[][] QuestionOpeners { get; init; }

    /// <summary>"on", "for", "since": words that make words in brackets an aside of their own, not a gloss of the word before ("(on alendronic acid)").</summary>
    public required HashSet<string> AsideWords { get; init; }

    /// <summary>"nope", "nah": answers of no that stay no whatever the reply goes on to say ("nope sleeping fine").</summary>
    public required HashSet<string> AnswersNoWhateverFollows { get; init; }

    /// <summary>Labels that open an answer to a question just asked: "Q: Fever? A: no".</summary>
    public required HashSet<string> AnswerLabels { get; init; }

    /// <summary>Units of a dose, alone or after its number ("10mg", "tablets"): "a day" after one is a rate.</summary>
    public required string[] DoseUnits { get; init; }

    /// <summary>Words just before a pain score that say it is the pain now: "now about a 3".</summary>
    public required HashSet<string> ScoreNowWords { get; init; }

    /// <summary>Words before a pain score in its sentence that say it was the pain then: "was 8/10 for the first few days".</summary>
    public required HashSet<string> ScoreThenWords { get; init; }

    /// <summary>Words after an answer of no that leave it one: "none of those", "none recently", "no thanks".</summary>
    public required HashSet<string> AnswerNoFollowers { get; init; }

    /// <summary>Marks that cross a checklist's line out: "temperature ✗".</summary>
    public required HashSet<char> CrossMarks { get; init; }

    /// <summary>"on 3/7", "since 3/7": words before a fraction that make it a date, not a length.</summary>
    public required HashSet<string> DateLeadIns { get; init; }

    /// <summary>The vague spans that say a time with just "ago" after them ("years ago").</summary>
    public required HashSet<string> VagueSpansAgo { get; init; }

    /// <summary>Days named from today, as word sequences, in days back ("today" 0, "this morning" 0, "yesterday" 1).</summary>
    public required (string[] Words, double Days)[] RelativeDays { get; init; }

    /// <summary>A relative day with words before it, as word sequences ending in that day ("day before yesterday" is 2).</summary>
    public required (string[] Words, double Days)[] DaysBefore { get; init; }

    /// <summary>"since": the time after it runs until now.</summary>
    public required HashSet<string> SinceWords { get; init; }

    /// <summary>"last": a season or period after it is the one before this ("last summer", "last week").</summary>
    public required HashSet<string> PreviousWords { get; init; }

    /// <summary>Periods after a previous word, in days back ("last week" is 7).</summary>
    public required Dictionary<string, double> PreviousPeriods { get; init; }

    /// <summary>Periods just past, in days back, when said after a recent-period lead-in ("over the weekend").</summary>
    public required Dictionary<string, double> RecentPeriods { get; init; }

    public required HashSet<string> RecentPeriodLeadIns { get; init; }

    /// <summary>Words a length follows ("for 3 weeks", "over the last month").</summary>
    public required HashSet<string> SpanLeadIns { get; init; }

    /// <summary>"the" of "for the past 2 days".</summary>
    public required HashSet<string> SpanArticles { get; init; }

    /// <summary>"past", "last" of "for the past 2 days"; after one, a unit alone is one of it ("for the last week").</summary>
    public required HashSet<string> SpanRecent { get; init; }

    /// <summary>The units that are one of them when said alone after a recent word ("for the last week").</summary>
    public required HashSet<string> SpanUnitsAlone { get; init; }

    /// <summary>"in": a length after it ("no change in a week") unless it is the future, and before a year, history.</summary>
    public required HashSet<string> WithinWords { get; init; }

    /// <summary>Words after "in a week" that make it the future or no length ("in a week's time", "in a week or two").</summary>
    public required HashSet<string> WithinFutureAfter { get; init; }

    /// <summary>Words before "in a week" that make it the future ("see you in a week", "back in 2 days").</summary>
    public required HashSet<string> WithinFutureBefore { get; init; }

    /// <summary>Words before a year that make it a year gone by ("back 2015").</summary>
    public required HashSet<string> CalendarYearLeadIns { get; init; }

    /// <summary>"a", "an": one of a unit ("a week"), and before a score ("about a 6").</summary>
    public required HashSet<string> IndefiniteArticles { get; init; }

    /// <summary>Activities whose length is not the pain's ("sat for ages", "driving for 3 hours").</summary>
    public required HashSet<string> ActivitySpans { get; init; }

    /// <summary>Words before a bare number of years that make it an age ("I have 29 years", "my son 9 years").</summary>
    public required HashSet<string> AgeBeforeYears { get; init; }

    /// <summary>Units that count the days so far with a number after them ("day 9 of this", "it's week three"), in days.</summary>
    public required Dictionary<string, double> DayCounts { get; init; }

    /// <summary>Words before a day count that make it one ("it's week three").</summary>
    public required HashSet<string> DayCountLeadIns { get; init; }

    /// <summary>Words after a day count that make it one ("day 9 of this").</summary>
    public required HashSet<string> DayCountAfter { get; init; }

    /// <summary>"half": "half a day", "a half day", "three and a half weeks".</summary>
    public required HashSet<string> HalfWords { get; init; }

    /// <summary>"and": "three and a half weeks", "between 6 and 7".</summary>
    public required HashSet<string> AndWords { get; init; }

    /// <summary>Counts said without a number ("a couple of days", "several weeks").</summary>
    public required Dictionary<string, double> VagueCounts { get; init; }

    /// <summary>The vague counts never said after an indefinite article ("several").</summary>
    public required HashSet<string> VagueCountsWithoutArticle { get; init; }

    /// <summary>"of" of "a couple of days".</summary>
    public required HashSet<string> CountOf { get; init; }

    /// <summary>Words between two numbers that make a range, read as the larger ("2 or 3 days", "6 to 7").</summary>
    public required HashSet<string> RangeWords { get; init; }

    /// <summary>Words after a length that count it back from now ("3 weeks ago").</summary>
    public required HashSet<string> AgoWords { get; init; }

    /// <summary>Words that count back from now only after a number and a unit ("3 weeks back"), being words of their own elsewhere.</summary>
    public required HashSet<string> AgoAfterALength { get; init; }

    /// <summary>Units that never make a length said alone ("two nights").</summary>
    public required HashSet<string> UnitsNeverBare { get; init; }

    /// <summary>"a", "per": with a period after them ("eight hours a day"), a length is a rate, not a time.</summary>
    public required HashSet<string> RateWords { get; init; }

    public required HashSet<string> RatePeriods { get; init; }

    /// <summary>"over the": a long span it leads ("over the years") is when earlier episodes came, not when this one began.</summary>
    public required string[][] HistorySpanLeadIns { get; init; }

    /// <summary>Words before an age that tells when a procedure was done ("discectomy at 25", "an op when I was 30").</summary>
    public required string[][] ProcedureAgeLeadIns { get; init; }

    /// <summary>Words before an age from which something has lasted ("since I was 25").</summary>
    public required string[][] SinceAgeLeadIns { get; init; }

    /// <summary>Words after "at" and a number that make it a time of day or a length, not an age ("at 10 am", "at 30 weeks").</summary>
    public required HashSet<string> ProcedureAgeNotBefore { get; init; }

    /// <summary>"good", "fine": a span said of being well ("I've been good for years") is not how long the pain has lasted.</summary>
    public required HashSet<string> WellWords { get; init; }

    /// <summary>
    /// Findings that pass with the illness that brought them (a fever, being sick): told of weeks ago and said since
    /// to have gone ("a fever a few weeks back with covid but fine now"), they are not the patient's now.
    /// </summary>
    public required HashSet<string> PassingFindings { get; init; }

    /// <summary>Days after which a passing finding told with a time is of an illness before this one (ConText's two weeks).</summary>
    public required double PassingAfterDays { get; init; }

    /// <summary>
    /// Signs that may be old and lasting ("leaking since I had my twins", "legs weak since my knees were done"):
    /// said to be unchanged ("nothing new there", "no different now"), they are not a new sign of this episode.
    /// </summary>
    public required HashSet<string> LastingFindings { get; init; }

    /// <summary>Words that say a sign is old and unchanged ("nothing new", "no different", "no worse").</summary>
    public required string[][] UnchangedWords { get; init; }

    /// <summary>
    /// Words that say a lasting sign is unchanged only when it is told with a time long past ("old stroke 2020, left
    /// leg weak since, no change"): "weak since Tuesday, no change" is a new weakness.
    /// </summary>
    public required string[][] UnchangedSinceLongAgoWords { get; init; }

    /// <summary>Words that, just before words explaining a sign away, keep the sign ("not on purpose", "without a diet").</summary>
    public required HashSet<string> ExplanationNegators { get; init; }

    /// <summary>Words that say a passing finding has gone ("all gone now", "temperature normal").</summary>
    public required HashSet<string> PassedWords { get; init; }

    /// <summary>Finding keys that may be said to have gone by the words after them ("the tingling went away").</summary>
    public required HashSet<string> ResolvingFindings { get; init; }

    /// <summary>Words that say a sign has gone ("went away", "back to normal"), as word sequences.</summary>
    public required string[][] ResolvedWords { get; init; }

    /// <summary>Words just before <see cref="ResolvedWords"/> that undo them ("hasn't gone away", "until it went away").</summary>
    public required HashSet<string> ResolvedNegators { get; init; }

    /// <summary>Words that say a passing sign went long ago, with no time told: "long gone", "long since cleared".</summary>
    public required string[][] LongGoneWords { get; init; }

    /// <summary>"cleared", "settled": a length just after one ("cleared up in a week") is how long an episode took to go.</summary>
    public required HashSet<string> ClearedWords { get; init; }

    /// <summary>"after", "within": a length they open, just after a word of being well ("it was OK after 1 week"), is how long an episode took to go.</summary>
    public required HashSet<string> WellAfterLeadIns { get; init; }

    /// <summary>"The same", "before", "similar": words that make a reading of earlier episodes about one that came before this.</summary>
    public required HashSet<string> EarlierEpisodeWords { get; init; }

    /// <summary>"I have NOT got: leg pain, numbness": the words between a denial and a colon that make the colon open its list.</summary>
    public required HashSet<string> DenialListVerbs { get; init; }

    /// <summary>"living here", "married": a span in a clause about someone's life ("living here since 2 years") is not the pain's.</summary>
    public required HashSet<string> LifeWords { get; init; }

    /// <summary>"on and off", "now and then": a span said with them ("twinges on and off for years") is how long the episodes have come and gone.</summary>
    public required string[][] RecurrenceWords { get; init; }

    /// <summary>"(", "of", "aged": between a person and their age ("my son (2 years)", "my son of 4 years").</summary>
    public required HashSet<string> AgeLinks { get; init; }

    public required HashSet<string> TimeQualifiers { get; init; }

    /// <summary>Seasons and holidays ("since last summer", "since Christmas"): a cautious number of days, with no calendar to hand.</summary>
    public required Dictionary<string, double> Seasons { get; init; }

    /// <summary>Months named with no year ("since January", "in March"): a cautious number of days, as for a season.</summary>
    public required Dictionary<string, double> Months { get; init; }

    /// <summary>Words before a month that say when something happened ("in March", "during June").</summary>
    public required HashSet<string> MonthLeadIns { get; init; }

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

    /// <summary>How "out of" is said, as word sequences ("out of", "outta", "of").</summary>
    public required string[][] OutOf { get; init; }

    /// <summary>"between" of "between 6 and 7".</summary>
    public required HashSet<string> BetweenWords { get; init; }

    public required HashSet<string> NotAScoreAfter { get; init; }

    public required HashSet<string> NotAScoreBefore { get; init; }

    public required HashSet<string> TemperatureWords { get; init; }

    public required HashSet<string> TemperatureUnits { get; init; }

    /// <summary>Units of <see cref="TemperatureUnits"/> that say Fahrenheit ("f"): never after a number in the range of Celsius ("41F" is an age and sex).</summary>
    public required HashSet<string> FahrenheitUnits { get; init; }

    /// <summary>Words after a number such as "38.4" that make it something other than a temperature ("38.5 kg", "37.5 hours").</summary>
    public required HashSet<string> NotATemperatureAfter { get; init; }

    /// <summary>Words that put a clause at the time of writing ("now", "currently"), though they name no day.</summary>
    public required HashSet<string> NowWords { get; init; }

    /// <summary>
    /// What follows a number to make it a day of the month ("the 8th", "on the 10th"): a day told apart from the
    /// others, like a day of the week.
    /// </summary>
    public required HashSet<string> DayOfMonthSuffixes { get; init; }

    /// <summary>Words that bring a sentence begun in the past back to now ("now", "since", "today", "until").</summary>
    public required HashSet<string> BackToNow { get; init; }

    /// <summary>The days of the week and their short forms, each to its day's number (0 to 6), with no calendar to hand.</summary>
    public required Dictionary<string, int> Weekdays { get; init; }

    /// <summary>The beginnings of words that tell weakness ("weak", "drag", "buckl"): a word that begins so tells it.</summary>
    public required string[] WeaknessStems { get; init; }

    public required Dictionary<string, int> Ordinals { get; init; }

    public required HashSet<string> EpisodeNouns { get; init; }

    /// <summary>"times" of "3 times before".</summary>
    public required HashSet<string> TimesWords { get; init; }

    /// <summary>Words after "3 times": true when every time counts ("before"), false when this one does not ("this year").</summary>
    public required Dictionary<string, bool> EpisodeCountWords { get; init; }

    public required HashSet<string> DrinkWords { get; init; }

    public required HashSet<string> DrinkPeriods { get; init; }

    public required HashSet<string> BackPainWords { get; init; }

    /// <summary>Words that say the pain never lets up ("all the time", "whatever I do"), as word sequences.</summary>
    public required string[][] ConstantPain { get; init; }

    /// <summary>
    /// "worse", "whatever", "sitting": words that say constant pain is getting worse or is there whatever the position,
    /// without which, told of pain that is not worsening, it is not the flag.
    /// </summary>
    public required HashSet<string> WorseOrWhatever { get; init; }

    /// <summary>Words that put a leg symptom in both legs ("legs", "both").</summary>
    public required HashSet<string> BothLegsWords { get; init; }

    /// <summary>Words that put leg weakness in both legs ("both"): "legs" alone is not enough for weakness.</summary>
    public required HashSet<string> BothWords { get; init; }

    /// <summary>Parts of the body that "both" can be said of and that are not the legs ("both hands", "both arms").</summary>
    public required HashSet<string> NotLegParts { get; init; }

    /// <summary>"me", "ma", "mi": said for "my" before a part of the body ("dragging me left foot", "ma back", "mi chest").</summary>
    public required HashSet<string> PossessiveForms { get; init; }

    /// <summary>The word a possessive form stands for ("my").</summary>
    public required string PossessiveWord { get; init; }

    /// <summary>The words after which a possessive form is "my".</summary>
    public required HashSet<string> PossessiveBefore { get; init; }

    /// <summary>"or", "nor": a comma in a clause with one of them is a list, so a denial reaches past it ("no fever, weakness or numbness").</summary>
    public required HashSet<string> ListLinks { get; init; }

    /// <summary>
    /// The words of the section the tokenizer numbers for the phrase matcher. The readers' grammar words (the
    /// symbol, clause-joiner and inability words, the relative days, span, count, range and ago words, and the
    /// between, times, both and list words) are compared as text and left out: numbering a word also keeps the
    /// spelling corrector off it, which would change how a text is read.
    /// </summary>
    public IEnumerable<string> All =>
        Numbers.Keys.Concat(Spellings.Values).Concat(KeepApostropheS).Concat(ClauseBreaks).Concat(ClauseStarters).Concat(InabilityNegators)
            .Concat(TimeUnits.Keys).Concat(VagueSpans.Keys).Concat(TimeQualifiers).Concat(MoreThan).Concat(NotATimeAfter).Concat(NotATimeBefore)
            .Concat(TimeWords).Concat(PainAnchors).Concat(ScoreLeadIns).Concat(ScoreEvidenceBefore).Concat(OutOf.SelectMany(w => w)).Concat(NotAScoreAfter)
            .Concat(NotAScoreBefore).Concat(TemperatureWords).Concat(TemperatureUnits).Concat(NotATemperatureAfter).Concat(NowWords).Concat(Ordinals.Keys).Concat(EpisodeNouns)
            .Concat(EpisodeCountWords.Keys).Concat(DrinkWords).Concat(DrinkPeriods).Concat(BackPainWords).Concat(BothLegsWords).Concat(NotLegParts).Concat(ProcedureAgeLeadIns.SelectMany(w => w)).Concat(ProcedureAgeNotBefore).Concat(SinceAgeLeadIns.SelectMany(w => w)).Concat(ConstantPain.SelectMany(w => w))
            .Concat(Seasons.Keys).Concat(Months.Keys).Concat(BareSpanAfter.SelectMany(w => w)).Concat(BareSpanBefore)
            .Concat(DictatedMarks.Select(m => m.Words[0])).Concat(DecimalPoints).Concat(DictatedWords.Select(m => m.Words[0])).Concat(DictatedWords.SelectMany(m => m.Means))
            .Concat(DayCounts.Keys);

    private static NarrativeWords Load(string resource)
    {
        using var document = ContentFiles.ReadDocument(resource);
        var words = document.RootElement.GetProperty("words");
        return new NarrativeWords
        {
            Numbers = Map(words, "numbers", v => v.GetDouble()),
            Spellings = Map(words, "spellings", v => v.GetString()!),
            SymbolWords = Map(words, "symbol_words", v => v.GetString()!).ToDictionary(
                p => p.Key.Length == 1 ? p.Key[0] : throw new FormatException($"A symbol word stands for one mark, not '{p.Key}'."), p => p.Value),
            DictatedMarks = [.. words.GetProperty("dictated_marks").EnumerateObject().Select(p => (p.Name.Split('_'),
                p.Value.GetString() is [var mark] ? mark : throw new FormatException($"A dictated mark stands for one mark, not '{p.Value}'.")))],
            DictatedWords = [.. words.GetProperty("dictated_words").EnumerateObject().Select(p => (p.Name.Split('_'), p.Value.GetString()!.Split(' ')))],
            DecimalPoints = Set(words, "decimal_points"),
            NumberDash = words.GetProperty("number_dash").GetString()!,
            KeepApostropheS = Set(words, "keep_apostrophe_s"),
            ClauseBreaks = Set(words, "clause_breaks"),
            ClauseStarters = Set(words, "clause_starters"),
            ClauseJoiners = Set(words, "clause_joiners"),
            InabilityNegators = Set(words, "inability_negators"),
            InabilityForm = words.GetProperty("inability_form").GetString()!,
            InabilityWords = Set(words, "inability_words"),
            InabilityPairs = Sequences(words, "inability_pairs"),
            InabilityFillers = Set(words, "inability_fillers"),
            InabilityBe = Set(words, "inability_be"),
            InabilityAble = Sequences(words, "inability_able"),
            TimeUnits = Map(words, "time_units", v => v.GetDouble()),
            VagueSpans = Map(words, "vague_spans", v => v.GetDouble()),
            ClinicalFractions = Map(words, "clinical_fractions", v => v.GetDouble()),
            DateLeadIns = Set(words, "date_lead_ins"),
            AnswersNo = Set(words, "answers_no"),
            AnswersYes = Set(words, "answers_yes"),
            QuestionOpeners = Sequences(words, "question_openers"),
            AsideWords = Set(words, "aside_words"),
            AnswersNoWhateverFollows = Set(words, "answers_no_whatever_follows"),
            AnswerLabels = Set(words, "answer_labels"),
            DoseUnits = [.. Set(words, "dose_units")],
            ScoreNowWords = Set(words, "score_now_words"),
            ScoreThenWords = Set(words, "score_then_words"),
            AnswerNoFollowers = Set(words, "answer_no_followers"),
            CrossMarks = [.. words.GetProperty("cross_marks").GetString()!],
            VagueSpansAgo = Set(words, "vague_spans_ago"),
            RelativeDays = SequenceMap(words, "relative_days"),
            DaysBefore = SequenceMap(words, "days_before"),
            SinceWords = Set(words, "since_words"),
            PreviousWords = Set(words, "previous_words"),
            PreviousPeriods = Map(words, "previous_periods", v => v.GetDouble()),
            RecentPeriods = Map(words, "recent_periods", v => v.GetDouble()),
            RecentPeriodLeadIns = Set(words, "recent_period_lead_ins"),
            SpanLeadIns = Set(words, "span_lead_ins"),
            SpanArticles = Set(words, "span_articles"),
            SpanRecent = Set(words, "span_recent"),
            SpanUnitsAlone = Set(words, "span_units_alone"),
            WithinWords = Set(words, "within_words"),
            WithinFutureAfter = Set(words, "within_future_after"),
            WithinFutureBefore = Set(words, "within_future_before"),
            CalendarYearLeadIns = Set(words, "calendar_year_lead_ins"),
            IndefiniteArticles = Set(words, "indefinite_articles"),
            ActivitySpans = Set(words, "activity_spans"),
            AgeBeforeYears = Set(words, "age_before_years"),
            DayCounts = Map(words, "day_counts", v => v.GetDouble()),
            DayCountLeadIns = Set(words, "day_count_lead_ins"),
            DayCountAfter = Set(words, "day_count_after"),
            HalfWords = Set(words, "half_words"),
            AndWords = Set(words, "and_words"),
            VagueCounts = Map(words, "vague_counts", v => v.GetDouble()),
            VagueCountsWithoutArticle = Set(words, "vague_counts_without_article"),
            CountOf = Set(words, "count_of"),
            RangeWords = Set(words, "range_words"),
            AgoWords = Set(words, "ago_words"),
            AgoAfterALength = Set(words, "ago_after_a_length"),
            UnitsNeverBare = Set(words, "units_never_bare"),
            RateWords = Set(words, "rate_words"),
            RatePeriods = Set(words, "rate_periods"),
            HistorySpanLeadIns = Sequences(words, "history_span_lead_ins"),
            ProcedureAgeLeadIns = Sequences(words, "procedure_age_lead_ins"),
            ProcedureAgeNotBefore = Set(words, "procedure_age_not_before"),
            SinceAgeLeadIns = Sequences(words, "since_age_lead_ins"),
            WellWords = Set(words, "well_words"),
            DenialListVerbs = Set(words, "denial_list_verbs"),
            ClearedWords = Set(words, "cleared_words"),
            WellAfterLeadIns = Set(words, "well_after_lead_ins"),
            PassingFindings = Set(words, "passing_findings"),
            PassingAfterDays = words.GetProperty("passing_after_days").GetDouble(),
            PassedWords = Set(words, "passed_words"),
            ResolvingFindings = Set(words, "resolving_findings"),
            ResolvedWords = Sequences(words, "resolved_words"),
            ResolvedNegators = Set(words, "resolved_negators"),
            LongGoneWords = Sequences(words, "long_gone_words"),
            LastingFindings = Set(words, "lasting_findings"),
            UnchangedWords = Sequences(words, "unchanged_words"),
            UnchangedSinceLongAgoWords = Sequences(words, "unchanged_since_long_ago_words"),
            ExplanationNegators = Set(words, "explanation_negators"),
            EarlierEpisodeWords = Set(words, "earlier_episode_words"),
            LifeWords = Set(words, "life_words"),
            RecurrenceWords = Sequences(words, "recurrence_words"),
            AgeLinks = Set(words, "age_links"),
            TimeQualifiers = Set(words, "time_qualifiers"),
            Seasons = Map(words, "seasons", v => v.GetDouble()),
            Months = Map(words, "months", v => v.GetDouble()),
            MonthLeadIns = Set(words, "month_lead_ins"),
            BareSpanAfter = Sequences(words, "bare_span_after"),
            BareSpanBefore = Set(words, "bare_span_before"),
            MoreThan = Set(words, "more_than"),
            NotATimeAfter = Set(words, "not_a_time_after"),
            NotATimeBefore = Set(words, "not_a_time_before"),
            TimeWords = Set(words, "time_words"),
            PainAnchors = Set(words, "pain_anchors"),
            ScoreLeadIns = Set(words, "score_lead_ins"),
            ScoreEvidenceBefore = Set(words, "score_evidence_before"),
            OutOf = Sequences(words, "out_of"),
            BetweenWords = Set(words, "between_words"),
            NotAScoreAfter = Set(words, "not_a_score_after"),
            NotAScoreBefore = Set(words, "not_a_score_before"),
            TemperatureWords = Set(words, "temperature_words"),
            TemperatureUnits = Set(words, "temperature_units"),
            FahrenheitUnits = Set(words, "fahrenheit_units"),
            NotATemperatureAfter = Set(words, "not_a_temperature_after"),
            NowWords = Set(words, "now_words"),
            DayOfMonthSuffixes = Set(words, "day_of_month_suffixes"),
            BackToNow = Set(words, "back_to_now"),
            Weekdays = Map(words, "weekdays", v => v.GetInt32()),
            WeaknessStems = [.. Set(words, "weakness_stems")],
            Ordinals = Map(words, "ordinals", v => v.GetInt32()),
            EpisodeNouns = Set(words, "episode_nouns"),
            TimesWords = Set(words, "times_words"),
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
            BothWords = Set(words, "both_words"),
            NotLegParts = Set(words, "not_leg_parts"),
            ListLinks = Set(words, "list_links"),
            PossessiveWord = words.GetProperty("possessive_word").GetString()!,
            PossessiveForms = Set(words, "possessive_forms"),
            PossessiveBefore = Set(words, "possessive_before"),
            ConstantPain = Sequences(words, "constant_pain"),
            WorseOrWhatever = Set(words, "worse_or_whatever_words"),
        };
    }

    private static HashSet<string> Set(JsonElement words, string name) =>
        new(words.GetProperty(name).EnumerateArray().Select(w => w.GetString()!), StringComparer.Ordinal);

    private static string[][] Sequences(JsonElement words, string name) => [.. Set(words, name).Select(w => w.Split('_'))];

    private static (string[] Words, double Days)[] SequenceMap(JsonElement words, string name) =>
        [.. words.GetProperty(name).EnumerateObject().Select(p => (p.Name.Split('_'), p.Value.GetDouble()))];

    private static Dictionary<string, T> Map<T>(JsonElement words, string name, Func<JsonElement, T> value) =>
        words.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => value(p.Value), StringComparer.Ordinal);
}
