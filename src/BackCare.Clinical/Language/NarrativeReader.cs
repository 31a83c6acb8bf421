using System.Globalization;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Language;

/// <summary>
/// Reads a person's own account of their back pain into the findings of the assessment contract, keeping
/// for each finding the words it came from. It understands lay phrasings of every finding code (from the
/// lexicon in Content/en/narrative.json), negation and how far it reaches ("no numbness or weakness",
/// "peeing is normal"), hedging ("I think maybe": kept as yes, marked uncertain, so doubt makes the result
/// more cautious), history ("had breast cancer years ago" is cancer history; "I had sciatica 5 years ago"
/// is not sciatica now), other people ("my mother had cancer"), imagined events ("if I get a fever"),
/// times ("for three weeks", "since yesterday", "10 days ago") as <c>onset_days</c>, pain scores ("7/10",
/// "about a 6"), what set it off, and how it is going. Pure and thread-safe: one instance serves every call.
/// </summary>
public sealed class NarrativeReader : INarrativeReader
{
    /// <summary>Codes that mean history: having had them at any time answers yes.</summary>
    private static readonly ulong HistoryCodes = FindingSet.Mask(
        CancerHistory, Osteoporosis, LongTermSteroids, StomachUlcerOrBleeding, KidneyDisease, LiverDisease, HeartDisease,
        NsaidAllergyOrAsthma);

    /// <summary>Codes whose own phrase claims a nearby time ("prednisone for years", "24 weeks pregnant"): not the pain's onset.</summary>
    private static readonly ulong TimeOwners = HistoryCodes | FindingSet.Mask(
        Immunosuppressed, IvDrugUse, RecentInfectionOrProcedure, Pregnant, MorningStiffness, BloodThinners, HeavyAlcohol,
        OtcNoRelief, SelfCareDays, WeightLoss);

    // Boxed once: candidate values are objects, and most are yes or no.
    private static readonly object Yes = true;
    private static readonly object No = false;

    /// <summary>The reader with the built-in English lexicon.</summary>
    public static NarrativeReader Default { get; } = new();

    /// <summary>
    /// Reads a narrative; an empty or blank one gives no findings. The patient's age and sex, when the case gives
    /// them, tell which of several people named the text is about.
    /// </summary>
    public NarrativeReading Read(string narrative, NarrativeWriter? writer = null, NarrativePatient patient = default)
    {
        ArgumentNullException.ThrowIfNull(narrative);
        var reading = new Reading(narrative, Lexicon.Default);
        return reading.Run(writer, patient);
    }

    /// <summary>One reading of one narrative: its tokens, the phrases and cues found, and the candidate values.</summary>
    private sealed class Reading
    {
        private readonly string _text;
        private readonly Lexicon _lexicon;
        private readonly Token[] _tokens;
        private readonly List<PhraseMatch> _matches = new(16);
        private readonly List<int> _looseSpans = [];

        // Whether each sentence asked about is a question put to the patient (AskedOfThePatient), once worked out.
        private Dictionary<int, bool>? _asked;
        private NarrativePatient _patient;
        private readonly List<int> _anchoredTimes = [];
        private int _proceduresScanned;
        private bool _oldProceduresTold;
        private bool _recentProcedureTold;
        private readonly List<PhraseMatch> _cues = new(16);
        private readonly List<TimeExpression> _times = new(4);
        private readonly List<NumberReading> _numbers = new(4);
        private readonly List<Candidate> _candidates = new(16);
        private readonly List<PhraseMatch> _defeaters = new(1);
        private ScopeJudge _judge = null!;

        // Spans from an old, unchanged sign to the words that say so; null while there is none (most narratives).
        private List<(int Start, int End)>? _oldSigns;
        private NarrativeWriter _writer;
        private int _windowFirst = -1;
        private int _windowLast;
        // One buffer per thread for the context engine's tokens of the phrase's window: a server reads all day.
        [ThreadStatic]
        private static ContextToken[]? windowTokens;

        private int _sentenceTokenCount;

        public Reading(string text, Lexicon lexicon)
        {
            _text = text;
            _lexicon = lexicon;
            _tokens = NarrativeText.Tokenize(text);
        }

        public NarrativeReading Run(NarrativeWriter? writer, NarrativePatient patient)
        {
            var findings = new FindingSet();
            if (_tokens.Length == 0)
            {
                return new NarrativeReading(_text, findings, []) { Writer = writer ?? NarrativeWriter.Self };
            }
            _lexicon.Findings.FindAll(_tokens, _matches);
            (_proceduresScanned, _oldProceduresTold, _recentProcedureTold) = (0, false, false);
            _patient = patient;
            _lexicon.Cues.FindAll(_tokens, _cues);
            _writer = new PersonResolver(_tokens, _lexicon.People, _text).Resolve(_cues, writer, patient);
            TimeReader.FindAll(_tokens, _times);
            NumberReader.FindAll(_tokens, _numbers);
            KeepBestMatches();

            var inside = new bool[_tokens.Length];
            foreach (var match in _matches)
            {
                if (Denies(_lexicon.Entries[match.Payload]))
                {
                    // "didn't fall" says no trigger, and its "didn't" still denies the rest of the list: "didn't fall or lift anything".
                    continue;
                }

                for (var i = match.Start; i < match.End; i++)
                {
                    inside[i] |= _lexicon.Findings.IsOwnWord(match.Phrase, _tokens, i);
                }
            }

            _judge = new ScopeJudge(_tokens, _cues, _times, inside, _lexicon.Cues, _lexicon.People);
            foreach (var match in _matches)
            {
                AddCandidates(match);
            }

            foreach (var number in _numbers)
            {
                AddCandidate(number.Code, number.Value, number.Start, number.End, history: number.AboutThePast);
            }

            ReadTimes();
            InferProgressiveWeakness();
            ForgetWorseningWithoutWeakness();
            InferBothLegs();
            InferConstantWorsening();
            ForgetConstantPainNotWorsening();
            ForgetEarlierScores();
            return Decide(findings);
        }

        // ---- Phrases of the lexicon ------------------------------------------------------------------

        // The longest phrase of the lexicon, in tokens, gaps included: how far back an overlapping phrase can start.
        private const int LongestPhrase = 24;

        private void KeepBestMatches()
        {
            var entries = _lexicon.Entries;
            var kept = new List<PhraseMatch>(_matches.Count);

            // A reading cancelled by words in its clause ("unless") hides nothing: drop those first.
            for (var m = _matches.Count - 1; m >= 0; m--)
            {
                var entry = entries[_matches[m].Payload];
                if ((entry.Defeaters is { } defeaters && IsDefeated(defeaters, _matches[m]))
                    || (entry.Explainers is { } explainers && Explained(explainers, _matches[m], _matches[m].End, throughNextSentence: true))
                    || (entry.SentenceExplainers is { } anywhere && Explained(anywhere, _matches[m], SentenceStart(_matches[m].Start), throughNextSentence: false)))
                {
                    _matches.RemoveAt(m);
                }
            }

            foreach (var match in _matches)
            {
                var entry = entries[match.Payload];

                var drop = false;
                for (var o = FirstMatchFrom(match.Start - LongestPhrase); o < _matches.Count && _matches[o].Start < match.End; o++)
                {
                    var other = _matches[o];
                    if (other.Equals(match) || !Overlaps(other, match))
                    {
                        continue;
                    }

                    var otherEntry = entries[other.Payload];
                    var contains = other.Start <= match.Start && other.End >= match.End && (other.End - other.Start) > (match.End - match.Start);
                    // A longer "it helps" does not hide a shorter "nothing helps" inside it: its scope decides. One that
                    // starts with the same words and then says no ("temperature normal" over "temperature") does.
                    var saysOtherwise = otherEntry.SaysNo && !entry.SaysNo && !entry.DenialOnly && other.Start != match.Start;
                    if (contains && Covers(otherEntry, entry) && !saysOtherwise && !(entry.Number is not null && otherEntry.Number is not null))
                    {
                        drop = true;
                        break;
                    }

                    // Two readings of exactly the same words for the same code: the first listed wins.
                    if (other.Start == match.Start && other.End == match.End && Covers(otherEntry, entry) && other.Payload < match.Payload)
                    {
                        drop = true;
                        break;
                    }

                    if (otherEntry.Exclusive && !entry.Exclusive && !SharesCode(entry, otherEntry))
                    {
                        drop = true;
                        break;
                    }
                }

                if (!drop && Array.IndexOf(entry.Codes, Fever) >= 0)
                {
                    foreach (var number in _numbers)
                    {
                        // A temperature read as a number says more than the word "fever" beside it.
                        drop |= number.Code == Fever && match.Start < number.End && match.End > number.Start;
                    }
                }

                if (!drop)
                {
                    kept.Add(match);
                }
            }

            _matches.Clear();
            _matches.AddRange(kept);
        }

        /// <summary>The index of the first phrase found that starts at or after <paramref name="token"/> (they are in text order).</summary>
        private int FirstMatchFrom(int token) => TextOrder.FirstFrom(_matches, token, static m => m.Start);

        private bool IsDefeated(PhraseMatcher defeaters, PhraseMatch match)
        {
            var clause = _tokens[match.Start].Clause;
            var start = match.Start;
            while (start > 0 && _tokens[start - 1].Clause == clause && match.Start - start < ScopeJudge.LookBehind)
            {
                start--;
            }

            var end = match.End;
            while (end < _tokens.Length && _tokens[end].Clause == clause && end - match.End < ScopeJudge.LookAhead)
            {
                end++;
            }

            var found = _defeaters;
            found.Clear();
            defeaters.FindAll(_tokens.AsSpan(start, end - start), found);
            return found.Count > 0;
        }

        /// <summary>
        /// "my wee was pinky red but then I remembered the beetroot shots", "both legs went dead, but that was after
        /// sitting cross-legged for an hour, came back soon as I stood up": words in the sentence from
        /// <paramref name="from"/> on that explain the sign away; with <paramref name="throughNextSentence"/>, in the
        /// sentence after it too, where a chat's next message or a second thought says it ("my foot went dead lol" then
        /// "was sat on it cross legged for 2 hours", "I literally can't walk" then "jk walking like a crab").
        /// </summary>
        private bool Explained(PhraseMatcher explainers, PhraseMatch match, int from, bool throughNextSentence)
        {
            var end = EndOfSentence(match.Start);
            if (throughNextSentence && end < _tokens.Length)
            {
                // Past a reply of a word or two in between ("Gem: ??", "Jess: WHAT"), to the next that says something.
                var nextEnd = EndOfSentence(end);
                for (var skipped = 0; skipped < 2 && nextEnd < _tokens.Length && _tokens.WordsBetween(end, nextEnd) <= ShortReply; skipped++)
                {
                    end = nextEnd;
                    nextEnd = EndOfSentence(end);
                }

                // "He took naproxen on an empty stomach, could that be it?": a cause asked about explains nothing.
                if (!AskedAbout(nextEnd - 1))
                {
                    end = nextEnd;
                }
            }

            var found = _defeaters;
            found.Clear();
            explainers.FindAll(_tokens.AsSpan(from, end - from), found);
            foreach (var explanation in found)
            {
                // "I've lost a stone and I'm not dieting": a denied explanation explains nothing.
                var at = from + explanation.Start;
                if (!(at > from && NarrativeWords.Default.ExplanationNegators.Contains(_tokens[at - 1].Text))
                    && !(at > from + 1 && NarrativeWords.Default.ExplanationNegators.Contains(_tokens[at - 2].Text)))
                {
                    return true;
                }
            }

            return false;
        }

        // The most words a chat's reply between a sign and its explanation may have to be stepped over ("Gem: ??").
        private const int ShortReply = 2;

        /// <summary>The token after the last of the sentence that <paramref name="token"/> is in.</summary>
        private int EndOfSentence(int token)
        {
            var sentence = _tokens[token].Sentence;
            while (token < _tokens.Length && _tokens[token].Sentence == sentence)
            {
                token++;
            }

            return token;
        }

        /// <summary>True when the sentence that ends with this token ends with a question mark.</summary>
        private bool AskedAbout(int last) => _tokens[last].Text == "?" || QuestionMarkAfter(last);

        /// <summary>True when the first character after the token, past white space, is a question mark.</summary>
        private bool QuestionMarkAfter(int token)
        {
            var after = _tokens[token].End;
            while (after < _text.Length && char.IsWhiteSpace(_text[after]))
            {
                after++;
            }

            return after < _text.Length && _text[after] == '?';
        }

        /// <summary>
        /// True when the phrase is in a question put to the patient by someone else: the sentence ends with a question
        /// mark, opens as such a question does ("any", "do you have", "has he had"), perhaps after a speaker's label, and
        /// says nothing in the first person ("Any fever, chills or sweats?"; not "any idea why my leg is numb?", nor a
        /// question that takes something as known: "do you think it's from your abscess?").
        /// </summary>
        private bool AskedOfThePatient(PhraseMatch match)
        {
            // The same for every phrase of a sentence: worked out once for each.
            _asked ??= new Dictionary<int, bool>();
            var sentence = _tokens[match.Start].Sentence;
            if (!_asked.TryGetValue(sentence, out var asked))
            {
                _asked[sentence] = asked = AsksThePatient(match);
            }

            return asked;
        }

        private bool AsksThePatient(PhraseMatch match)
        {
            var start = SentenceStart(match.Start);
            var end = match.End;
            while (end < _tokens.Length && _tokens[end].Sentence == _tokens[start].Sentence)
            {
                end++;
            }

            var opening = AfterSpeakerLabel(start);
            if (!OpensAQuestion(opening) || !(QuestionMarkAfter(end - 1) || (opening != start && EndsItsLine(end - 1))))
            {
                return false;
            }

            for (var k = start; k < end; k++)
            {
                if (_lexicon.People.IsWriterWord(_tokens[k].Text))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the question the phrase ends is answered yes in the next sentence ("Customer: yes the left one").</summary>
        private bool AnsweredYes(PhraseMatch match)
        {
            var next = match.End;
            var sentence = _tokens[match.Start].Sentence;
            while (next < _tokens.Length && _tokens[next].Sentence == sentence)
            {
                next++;
            }

            next = AnswerAt(next);
            return next < _tokens.Length && NarrativeWords.Default.AnswersYes.Contains(_tokens[next].Text);
        }

        private int SentenceStart(int token)
        {
            var sentence = _tokens[token].Sentence;
            while (token > 0 && _tokens[token - 1].Sentence == sentence)
            {
                token--;
            }

            return token;
        }

        private static bool OnlyHistory(LexiconEntry entry)
        {
            foreach (var code in entry.Codes)
            {
                if ((HistoryCodes & FindingSet.Bit(code)) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A phrase that itself says no ("no fall", "legs are fine"): its words of denial stay cues for other phrases.</summary>
        private static bool Denies(LexiconEntry entry) =>
            entry.DenialOnly || entry.SaysNo || (entry.Choice is { } choice && entry.Codes is [Trigger] && choice == NegatedChoice(Trigger));

        private static bool Overlaps(PhraseMatch a, PhraseMatch b) => a.Start < b.End && b.Start < a.End;

        /// <summary>True when a longer reading answers every code of a shorter one, so the shorter adds nothing.</summary>
        private static bool Covers(LexiconEntry longer, LexiconEntry shorter)
        {
            foreach (var code in shorter.Codes)
            {
                if (Array.IndexOf(longer.Codes, code) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SharesCode(LexiconEntry a, LexiconEntry b)
        {
            foreach (var code in a.Codes)
            {
                if (Array.IndexOf(b.Codes, code) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void AddCandidates(PhraseMatch match)
        {
            var entry = _lexicon.Entries[match.Payload];
            var scope = Judge(match.Start, match.End, entry);
            if (!scope.Negated && AnsweredNo(match))
            {
                // "numb legs? nope", "Fever: N/A": a finding asked and answered no.
                scope = scope with { Negated = true, Uncertain = false, NegationStart = -1 };
            }
            else if (!scope.Negated && AnsweredInOwnWords(match, entry))
            {
                // "Cancer?: a mole, the results said it was not cancer": the answer says it, not the form's label.
                return;
            }
            else if (!scope.Negated && AskedOfThePatient(match) && !AnsweredYes(match))
            {
                // "> Q from practice: Any fever, chills or sweats?": a question put to the patient says nothing of them
                // until it is answered.
                return;
            }
            var eventToPatient = scope.HappenedToPatient && entry.Codes is [Trigger];
            if (scope.Hypothetical || (scope.OtherPerson && !eventToPatient))
            {
                return;
            }

            var start = scope.Negated && scope.NegationStart >= 0 ? scope.NegationStart : match.Start;
            foreach (var code in entry.Codes)
            {
                var definition = FindingCatalog.Get(code);
                if (scope.Historical && !Allows(code, match))
                {
                    continue;
                }

                object? value;
                var negated = scope.Negated;
                if (entry.Choice is not null)
                {
                    value = negated ? (entry.IgnoreWhenNegated ? null : entry.ChoiceWhenNegated ?? NegatedChoice(code)) : entry.Choice;
                    negated = false;
                }
                else if (entry.Number is { } number)
                {
                    value = negated ? entry.NumberWhenNegated : number;
                    negated = false;
                }
                else if (entry.DenialOnly)
                {
                    value = negated && !scope.Uncertain ? No : null;
                }
                else if (entry.SaysNo)
                {
                    // "I can walk fine": only a denial said before it ("I can't say I can walk") undoes it.
                    var deniedBefore = negated && (scope.NegationStart >= 0 || scope.NegatedInside);
                    value = deniedBefore || scope.Uncertain ? null : No;
                    negated = true;
                }
                else
                {
                    // A hedged denial ("I don't think I have a fever") answers nothing.
                    value = negated ? (scope.Uncertain || entry.IgnoreWhenNegated ? null : No) : Yes;
                }

                if (value is null || (definition.Kind == FindingKind.Boolean && value is not bool))
                {
                    continue;
                }

                if (code == LongTermSteroids && value is true && ShortCourse(match))
                {
                    continue;
                }

                if (code == RecentInfectionOrProcedure && value is true && (LongPast(match) || OldProcedureToldAgain(match, entry) || DoneAtAnAge(match)))
                {
                    // "Same as my usual flares since the discectomy in 2017": no cue says history, the year does.
                    continue;
                }

                if (value is true && (HasPassed(definition, match) || SaidToBeOld(definition, match) || SaidToHaveGone(definition, match)))
                {
                    continue;
                }

                _candidates.Add(new Candidate(code, value, start, match.End, negated, scope.Uncertain || entry.Uncertain, match.Start));
            }
        }

        /// <summary>
        /// "I had a fever a few weeks back with covid but fine now", "flu last month with a high temperature, but that's
        /// all gone now": a finding that passes with its illness, told with a time past two weeks in its clause and
        /// said to have gone in a later clause of the sentence, was the patient's then, not now.
        /// </summary>
        private bool HasPassed(FindingDefinition definition, PhraseMatch match)
        {
            var words = NarrativeWords.Default;
            if (!words.PassingFindings.Contains(definition.Key))
            {
                return false;
            }

            // "a temperature the week before it started, but that was a cold, long gone": gone long ago says the time too.
            return _judge.PastTime(match.Start) > words.PassingAfterDays ? SaidGoneLater(match.End) : SaidGoneLater(match.End, words.LongGoneWords);
        }

        /// <summary>
        /// "The tingling in my leg I mentioned on Monday went away after two days", "the foot weakness I had last
        /// week has gone completely": a sign said, within a few words after it in its sentence, to have gone is not
        /// the patient's now; "hasn't gone away" and "until it went away" are no such saying.
        /// </summary>
        private bool SaidToHaveGone(FindingDefinition definition, PhraseMatch match)
        {
            var words = NarrativeWords.Default;
            if (!words.ResolvingFindings.Contains(definition.Key))
            {
                return false;
            }

            var sentence = _tokens[match.Start].Sentence;
            for (var k = match.End; k < _tokens.Length && k <= match.End + ResolvedReach && _tokens[k].Sentence == sentence; k++)
            {
                if (TextOrder.SequenceAt(_tokens, k, words.ResolvedWords, sentence) > 0)
                {
                    // Any undoing word between the sign and "went away" ("numb until the tingling went away").
                    for (var between = match.End; between < k; between++)
                    {
                        if (words.ResolvedNegators.Contains(_tokens[between].Text))
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// "I leak a bit when I sneeze but that's been since my youngest was born, nothing new there", "dribbling from
        /// the prostate for six years ... it's no different now": a lasting sign that the words after it, in its
        /// sentence, say is unchanged, before any other such sign is told, is old, not a sign of this episode. "Weak
        /// legs for years, nothing new, but today they gave way" keeps "gave way". Told with a time long past, "no
        /// change" says so too ("CVA 2020, left leg weak since, no change").
        /// </summary>
        private bool SaidToBeOld(FindingDefinition definition, PhraseMatch match)
        {
            var words = NarrativeWords.Default;
            if (!words.LastingFindings.Contains(definition.Key))
            {
                return false;
            }

            var sentence = _tokens[match.Start].Sentence;
            var longPast = LongPast(match);
            var next = FirstMatchFrom(match.End);
            for (var k = match.End; k < _tokens.Length && _tokens[k].Sentence == sentence; k++)
            {
                while (next < _matches.Count && _matches[next].Start < k)
                {
                    if (TellsALastingSign(_matches[next]))
                    {
                        return false;
                    }

                    next++;
                }

                if (TextOrder.SequenceAt(_tokens, k, words.UnchangedWords, sentence) > 0
                    || (longPast && TextOrder.SequenceAt(_tokens, k, words.UnchangedSinceLongAgoWords, sentence) > 0))
                {
                    // A time told between the sign and "nothing new" ("since my twins, ten years ago") is the sign's.
                    (_oldSigns ??= []).Add((match.Start, k));
                    return true;
                }
            }

            return false;
        }

        private bool TellsALastingSign(PhraseMatch match) =>
            NamesAnyOf(_lexicon.Entries[match.Payload], NarrativeWords.Default.LastingFindings);

        /// <summary>True when one of the entry's codes is among <paramref name="keys"/> (finding keys from the language file).</summary>
        private static bool NamesAnyOf(LexiconEntry entry, HashSet<string> keys)
        {
            foreach (var code in entry.Codes)
            {
                if (keys.Contains(FindingCatalog.Get(code).Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a later clause of the token's sentence says something has gone ("but that's all gone now"), or,
        /// given <paramref name="longGone"/>, that it went long ago, in any clause after it ("flu with a high temperature,
        /// that's long gone").
        /// </summary>
        private bool SaidGoneLater(int token, string[][]? longGone = null)
        {
            var sentence = _tokens[token - 1].Sentence;
            var clause = _tokens[token - 1].Clause;
            for (var k = token; k < _tokens.Length && _tokens[k].Sentence == sentence; k++)
            {
                if (_tokens[k].Clause == clause && longGone is null)
                {
                    continue;
                }

                if (longGone is null ? NarrativeWords.Default.PassedWords.Contains(_tokens[k].Text) : TextOrder.SequenceAt(_tokens, k, longGone, sentence) > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"leaking ever since I had my twins 10 years ago, that's nothing new": the time is the old sign's.</summary>
        private bool TimeOfAnOldSign(TimeExpression time)
        {
            if (_oldSigns is null)
            {
                return false;
            }

            foreach (var (start, end) in _oldSigns)
            {
                if (time.Start >= start && time.Start < end)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"flu last month with a high temperature, but that's all gone now": the time is the passed illness's.</summary>
        private bool TimeOfAPassedFinding(LexiconEntry owner, TimeExpression time)
        {
            var words = NarrativeWords.Default;
            return time.Days > words.PassingAfterDays && NamesAnyOf(owner, words.PassingFindings) && SaidGoneLater(time.End);
        }

        /// <summary>
        /// True when the phrase is a question or a form's label that the next words answer no: it ends its sentence
        /// with a question mark and the next sentence opens with one of the language's answers of no ("numb legs?
        /// nope."), or a colon follows it and then such an answer ("Numbness: N/A", "Fever: none").
        /// </summary>
        private bool AnsweredNo(PhraseMatch match)
        {
            var last = match.End - 1;
            var next = match.End;
            if (next < _tokens.Length && _tokens[next].Text is ":" or "-" or "\u2013" && _tokens[next].Sentence == _tokens[last].Sentence)
            {
                return IsAnswerNo(next + 1) && _tokens[next + 1].Sentence == _tokens[last].Sentence;
            }

            var colon = next < _tokens.Length && _tokens[next].Text == "?" ? next + 1 : next;
            if (colon < _tokens.Length && _tokens[colon].Text == ":" && _text.AsSpan(_tokens[last].End, _tokens[colon].Start - _tokens[last].End).Trim().SequenceEqual("?"))
            {
                // "Fever?: no": the label's question mark ends a sentence before its colon.
                return IsAnswerNo(colon + 1) && _tokens[colon + 1].Sentence == _tokens[colon].Sentence;
            }

            if (CrossedOut(_tokens[last].End))
            {
                return true;
            }

            // "Answers: fever no. numbness no.": a checklist line, the finding first and its answer last.
            if (StartsItsStatement(match.Start) && IsAnswerNo(next) && _tokens[next].Sentence == _tokens[last].Sentence
                && (next + 1 >= _tokens.Length || _tokens[next + 1].Sentence != _tokens[next].Sentence || _tokens[next + 1].Text is "," or ";"))
            {
                return true;
            }

            // "Q: Fever A: no": a form's question without its mark, answered on its line.
            if (AfterAnswerLabel(next) is var answer && answer > next && _tokens[answer].Sentence == _tokens[last].Sentence)
            {
                return IsAnswerNo(answer);
            }

            // The question may go on a word or two after the phrase ("numb legs?"): its sentence's last token.
            var sentence = _tokens[last].Sentence;
            if (next < _tokens.Length && _tokens[next].Sentence == sentence && ListToTheEnd(next) is var end and >= 0)
            {
                // "any numbness, tingling, weakness, peeing problems?": one question asked of a list.
                (last, next) = (end, end + 1);
            }

            while (next < _tokens.Length && _tokens[next].Sentence == sentence && next - match.End < QuestionTail)
            {
                last = next++;
            }

            if (next >= _tokens.Length || _tokens[next].Sentence == sentence)
            {
                return false;
            }

            return (QuestionMarkAfter(last) || AskedWithoutItsMark(match.Start, last)) && IsAnswerNo(AnswerAt(next));
        }

        /// <summary>The first word of the answer that opens at a token: past "A:" ("Q: Fever? A: no") or a speaker's label ("Customer: not now").</summary>
        private int AnswerAt(int token) => AfterSpeakerLabel(AfterAnswerLabel(token));

        /// <summary>True when the words from the token open as a question put to the patient does ("any", "do you have").</summary>
        private bool OpensAQuestion(int token) =>
            token < _tokens.Length && TextOrder.SequenceAt(_tokens, token, NarrativeWords.Default.QuestionOpeners, _tokens[token].Sentence) > 0;

        /// <summary>
        /// "Me: any numb legs or anything" then "Dad: no nothing like that": a chat's line that opens as a question put to
        /// the patient does ("any", "do you have"), after a speaker's label, and ends at its line's end, is asked without
        /// its question mark.
        /// </summary>
        private bool AskedWithoutItsMark(int token, int last)
        {
            var start = SentenceStart(token);
            var opening = AfterSpeakerLabel(start);
            return opening != start && OpensAQuestion(opening) && EndsItsLine(last);
        }

        /// <summary>True when only spaces come between the token and its line's end.</summary>
        private bool EndsItsLine(int token)
        {
            var after = _tokens[token].End;
            while (after < _text.Length && _text[after] is ' ' or '\t')
            {
                after++;
            }

            return after >= _text.Length || _text[after] is '\n' or '\r';
        }

        // How many tokens a question may go on after the phrase it asks of ("is the pain worse at night or does it wake you?").
        private const int QuestionTail = 6;

        // The longest speaker's label that opens a line of a pasted chat ("Customer:", "Phil 20:06:"), in characters.
        private const int LongestSpeakerLabel = 32;

        /// <summary>
        /// The first token after a speaker's label that opens the token's line in a pasted chat or transcript ("User: nope",
        /// "Gav 20:05: no"): words, numbers and a time, then a colon and a space. The token itself when there is none.
        /// </summary>
        private int AfterSpeakerLabel(int at)
        {
            if (at >= _tokens.Length)
            {
                return at;
            }

            // The label may follow an email's quote marks ("> Q from practice: Any fever?").
            var lineStart = _tokens[at].Start;
            while (lineStart > 0 && _text[lineStart - 1] is not '\n' && (char.IsWhiteSpace(_text[lineStart - 1]) || _text[lineStart - 1] == '>'))
            {
                lineStart--;
            }

            if (lineStart > 0 && _text[lineStart - 1] != '\n')
            {
                return at;
            }

            while (lineStart < _tokens[at].Start && (_text[lineStart] == '>' || char.IsWhiteSpace(_text[lineStart])))
            {
                lineStart++;
            }

            for (var i = lineStart; i < _text.Length && i - lineStart <= LongestSpeakerLabel; i++)
            {
                var c = _text[i];
                if (c == ':' && (i + 1 >= _text.Length || char.IsWhiteSpace(_text[i + 1])))
                {
                    var k = at;
                    while (k < _tokens.Length && _tokens[k].Start <= i)
                    {
                        k++;
                    }

                    return k < _tokens.Length && _tokens[k].Sentence == _tokens[at].Sentence ? k : at;
                }

                if (c == '\n' || !(char.IsLetterOrDigit(c) || c is ' ' or '.' or ':' or '\'' or '\u2019' or '-'))
                {
                    break;
                }
            }

            return at;
        }

        // The longest list of findings one question may ask, and the longest item of it, in tokens.
        private const int LongestAskedList = 16;
        private const int LongestListItem = 4;

        /// <summary>
        /// The last token of the sentence when the tokens from <paramref name="from"/> to it are the rest of a list
        /// (", tingling, weakness, peeing problems"): items of a few words each, between commas or list words; -1 otherwise.
        /// </summary>
        private int ListToTheEnd(int from)
        {
            var sentence = _tokens[from].Sentence;
            if (_tokens[from].Text is not ("," or "or" or "and") && !NarrativeWords.Default.ListLinks.Contains(_tokens[from].Text))
            {
                return -1;
            }

            var item = 0;
            var k = from;
            for (; k < _tokens.Length && _tokens[k].Sentence == sentence; k++)
            {
                if (k - from > LongestAskedList)
                {
                    return -1;
                }

                var text = _tokens[k].Text;
                item = text is "," or "and" || NarrativeWords.Default.ListLinks.Contains(text) ? 0 : item + 1;
                if (item > LongestListItem)
                {
                    return -1;
                }
            }

            return k - 1;
        }

        /// <summary>Past an answer's label that opens it ("A: no", "Answer: none"), else the same token.</summary>
        private int AfterAnswerLabel(int at) =>
            at + 2 < _tokens.Length && NarrativeWords.Default.AnswerLabels.Contains(_tokens[at].Text) && _tokens[at + 1].Text == ":"
                ? at + 2
                : at;

        // How many words may follow an answer of no and leave it one: "none of the above".
        private const int AnswerNoTail = 3;

        /// <summary>How far after a sign, in words, "went away" still tells of it ("the tingling in my right leg I mentioned on Monday went away").</summary>
        private const int ResolvedReach = 10;

        // How far a checklist's cross may stand after a phrase on its line ("problems peeing ✗", "cancer ever ✗").
        private const int CrossReach = 24;

        /// <summary>
        /// True when the first mark after the phrase on its line of a checklist, within reach, is a cross:
        /// "temperature ✗", "cancer ever ✗", "Leg pain ✗  numbness ✗". A tick or the end of a sentence first says nothing.
        /// </summary>
        private bool CrossedOut(int after)
        {
            var crosses = NarrativeWords.Default.CrossMarks;
            for (var i = after; i < _text.Length && i - after <= CrossReach; i++)
            {
                var c = _text[i];
                if (crosses.Contains(c))
                {
                    return true;
                }

                if (c is '\n' or '.' or '!' or '?' || (!char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && c is not ('\'' or '\u2019')))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the phrase is a form's question label ("Cancer?:", "Night pain?:") whose answer on its line says
        /// the label's last word again or names the same findings, no more and no fewer: the answer's own words,
        /// denied, doubted or not, are the answer.
        /// </summary>
        private bool AnsweredInOwnWords(PhraseMatch match, LexiconEntry entry)
        {
            var next = match.End;
            if (next < _tokens.Length && _tokens[next].Text == "?")
            {
                next++;
            }

            if (next >= _tokens.Length || _tokens[next].Text != ":"
                || !_text.AsSpan(_tokens[match.End - 1].End, _tokens[next].Start - _tokens[match.End - 1].End).Trim().SequenceEqual("?"))
            {
                // Only a label asked as a question ("Cancer?:"); "Fever: no" is read by AnsweredNo.
                return false;
            }

            var line = _text.IndexOf('\n', _tokens[next].Start);
            line = line < 0 ? _text.Length : line;
            var word = _tokens[match.End - 1].Text;
            for (var k = next + 1; k < _tokens.Length && _tokens[k].Start < line; k++)
            {
                if (_tokens[k].Text == word)
                {
                    // "Cancer?: the results said it wasn't cancer": the answer speaks of it in its own words.
                    return true;
                }
            }

            foreach (var later in _matches)
            {
                if (later.Start > next && _tokens[later.Start].Start < line
                    && Covers(_lexicon.Entries[later.Payload], entry) && Covers(entry, _lexicon.Entries[later.Payload]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the token begins its sentence or follows a comma or a semicolon (an item of a checklist).</summary>
        private bool StartsItsStatement(int token) =>
            token == 0 || _tokens[token - 1].Sentence != _tokens[token].Sentence || _tokens[token - 1].Text is "," or ";" or ":";

        /// <summary>"No.", "nope", "none," and "N/A" as written: an answer of no that ends its words there.</summary>
        private bool IsAnswerNo(int at)
        {
            if (at >= _tokens.Length)
            {
                return false;
            }

            var words = NarrativeWords.Default;
            if (words.AnswersNoWhateverFollows.Contains(_tokens[at].Text))
            {
                return true;
            }

            if (words.AnswersNo.Contains(_tokens[at].Text))
            {
                // "No." or "nope, ..." answers, as do "none of those" and "none recently"; "no idea" does not.
                var k = at + 1;
                while (k < _tokens.Length && _tokens[k].Sentence == _tokens[at].Sentence && _tokens[k].IsWord
                    && words.AnswerNoFollowers.Contains(_tokens[k].Text) && k - at <= AnswerNoTail)
                {
                    k++;
                }

                // An emoji or a mark the tokens leave out ends the answer too: "no and no 😂 why does everyone ask".
                return k >= _tokens.Length || _tokens[k].Sentence != _tokens[at].Sentence || !_tokens[k].IsWord
                    || (_tokens[k].Start > _tokens[k - 1].End && !_text.AsSpan(_tokens[k - 1].End, _tokens[k].Start - _tokens[k - 1].End).IsWhiteSpace());
            }

            // "N/A" as written: its letters may have become words of their own ("n" is texting's "and").
            var written = _text.AsSpan(_tokens[at].Start);
            foreach (var answer in words.AnswersNo)
            {
                if (answer.Contains('/') && written.StartsWith(answer, StringComparison.OrdinalIgnoreCase)
                    && (written.Length == answer.Length || !char.IsLetterOrDigit(written[answer.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Judges a phrase twice: with the reader's own clause-aware scope, which knows the lexicon's phrases
        /// ("peeing is normal", "my legs are fine") and which words a phrase skipped ("my leg isn't weak"), and
        /// with the shared <see cref="ContextEngine"/>. A phrase that says a finding is present is taken as
        /// denied only when both agree; when they disagree it is kept as an uncertain "yes", and any hedge or
        /// dismissal the context engine sees that the reader's own scope did not also makes it uncertain. Doubt
        /// between the two readings makes the result more cautious, never less.
        /// </summary>
        private PhraseScope Judge(int start, int end, LexiconEntry? entry)
        {
            var mine = _judge.Judge(start, end);
            var saysPresent = entry is null || (!entry.DenialOnly && !entry.SaysNo && entry.Choice is null && entry.Number is null);
            if (!saysPresent || mine.NegatedInside || mine.Hypothetical || mine.OtherPerson)
            {
                // The second opinion could not change these: they are the reader's own to dismiss.
                return mine;
            }

            SplitWindow(start, end, out var offset);
            var theirs = ContextEngine.Default.Judge(windowTokens.AsSpan(0, _sentenceTokenCount), _tokens[start].Start - offset, _tokens[end - 1].End - _tokens[start].Start);
            if (mine.Negated == theirs.Negated)
            {
                // Someone writing for the patient says "she" and "he": the context engine's other person is then the patient.
                var otherPerson = theirs.Experiencer == Experiencer.Other && _writer == NarrativeWriter.Self;
                // Cancer, a transplant or thin bones said of the past are still the patient's history: the past is no doubt there.
                var pastDismisses = entry is null || !OnlyHistory(entry);
                var dismissedByContext = (theirs.Temporality != Temporality.Recent && pastDismisses) || otherPerson;
                var doubt = theirs.Uncertain || (dismissedByContext && !mine.Historical);
                return mine with { Uncertain = mine.Uncertain || (doubt && !mine.Negated) };
            }

            // One reading denies it and the other does not: keep it, as a "yes" no one is sure of.
            return mine with { Negated = false, Uncertain = true, NegationStart = -1 };
        }

        // How much of a long sentence the context engine is shown around a phrase, in tokens: more than any of its
        // cues reaches (ten words), so that a sentence of a thousand words costs what a short one does.
        private const int SecondOpinionBehind = 20;
        private const int SecondOpinionAhead = 12;

        /// <summary>
        /// Splits the phrase's sentence for the context engine, cut to the words a cue could reach from, into the
        /// thread's window buffer (once for all the phrases of one window); <paramref name="offset"/> is where it starts.
        /// </summary>
        private void SplitWindow(int start, int end, out int offset)
        {
            var sentence = _tokens[start].Sentence;
            var first = start;
            while (first > 0 && _tokens[first - 1].Sentence == sentence && start - first < SecondOpinionBehind)
            {
                first--;
            }

            var last = end - 1;
            while (last + 1 < _tokens.Length && _tokens[last + 1].Sentence == sentence && last - end < SecondOpinionAhead)
            {
                last++;
            }

            if (_windowFirst != first || _windowLast != last)
            {
                windowTokens ??= new ContextToken[256];
                _sentenceTokenCount = ContextEngine.Default.Split(_text.AsSpan(_tokens[first].Start, _tokens[last].End - _tokens[first].Start), ref windowTokens);
                _windowFirst = first;
                _windowLast = last;
            }

            offset = _tokens[first].Start;
        }

        /// <summary>Whether a history phrase still answers this code: always for history codes, within three months for infections and procedures, within a year for injecting drugs.</summary>
        private bool Allows(FindingCode code, PhraseMatch match)
        {
            if ((HistoryCodes & FindingSet.Bit(code)) != 0 || code == PreviousEpisodes)
            {
                return true;
            }

            if (code == RecentInfectionOrProcedure)
            {
                return !(_judge.NearestPastTime(match.Start, match.End) > ScopeJudge.HistoryDays);
            }

            // "They tapered me off last year and I ended up injecting": injecting within the last year is still a risk;
            // "I used to inject" with no time, or years ago, is not.
            if (code == IvDrugUse)
            {
                return _judge.PastTime(match.Start) <= ScopeJudge.RecentYearDays;
            }

            // "a kidney transplant in 2019 and take tacrolimus": a transplant or an immune-suppressing medicine lasts;
            // a past course of chemotherapy (a phrase that also says cancer) does not.
            return code == Immunosuppressed && _lexicon.Entries[match.Payload].Codes.Length == 1;
        }

        /// <summary>
        /// "discectomy at 25", "an operation on it when I was 30": a procedure told with the patient's age at the time,
        /// a year or more younger than the case's age (with no age given, any age from 12 up), was long ago.
        /// </summary>
        private bool DoneAtAnAge(PhraseMatch match)
        {
            var words = NarrativeWords.Default;
            var sentence = _tokens[match.End - 1].Sentence;
            for (var k = match.End; k < _tokens.Length && k < match.End + AgeReach && _tokens[k].Sentence == sentence; k++)
            {
                if (AgeSaidAt(k, words.ProcedureAgeLeadIns) is not (var then, var at)
                    || (at + 1 < _tokens.Length && _tokens[at + 1].Sentence == sentence && words.ProcedureAgeNotBefore.Contains(_tokens[at + 1].Text)))
                {
                    continue;
                }

                return _patient.Age is { } now ? now - then >= 1 && then >= 1 : then >= 12;
            }

            return false;
        }

        /// <summary>
        /// An age told at <paramref name="token"/>: one of <paramref name="leadIns"/> ("at", "since I was") and then a whole
        /// number in the same sentence; the age and the number's token, or null.
        /// </summary>
        private (double Age, int At)? AgeSaidAt(int token, string[][] leadIns)
        {
            var at = token + TextOrder.SequenceAt(_tokens, token, leadIns);
            return at > token && at < _tokens.Length && _tokens[at].Sentence == _tokens[token].Sentence && _tokens[at].IsNumber
                && _tokens[at].Number == Math.Floor(_tokens[at].Number)
                ? (_tokens[at].Number, at)
                : null;
        }

        // How far after a procedure, in tokens, its age may be told ("a discectomy on my L5 at 25").
        private const int AgeReach = 6;

        /// <summary>
        /// "Fused L4-5 in 2015. Left foot numb on top since the op": "the op", a word that only may mean a procedure
        /// (an uncertain entry), said after every procedure told so far was told long past, is one of those again.
        /// </summary>
        private bool OldProcedureToldAgain(PhraseMatch match, LexiconEntry entry)
        {
            if (!entry.Uncertain)
            {
                return false;
            }

            // The matches come in order, so one pass over them serves every question (reading stays linear).
            if (_proceduresScanned > 0 && _matches[_proceduresScanned - 1].Start >= match.Start)
            {
                (_proceduresScanned, _oldProceduresTold, _recentProcedureTold) = (0, false, false);
            }

            for (; _proceduresScanned < _matches.Count && _matches[_proceduresScanned].Start < match.Start; _proceduresScanned++)
            {
                var earlier = _matches[_proceduresScanned];
                if (Array.IndexOf(_lexicon.Entries[earlier.Payload].Codes, RecentInfectionOrProcedure) >= 0)
                {
                    _recentProcedureTold |= !LongPast(earlier);
                    _oldProceduresTold = true;
                }
            }

            return _oldProceduresTold && !_recentProcedureTold;
        }

        /// <summary>Told with a time past three months nearest it in its clause, or with none there in a sentence that opened in the past ("Back in 2009 ...").</summary>
        private bool LongPast(PhraseMatch match) =>
            _judge.NearestPastTime(match.Start, match.End) is { } days ? days > ScopeJudge.HistoryDays : _judge.OpenedInThePast(match.Start);

        /// <summary>"8 months", "a couple of weeks": a span said with a number or a count, not just "for years".</summary>
        private bool Counted(TimeExpression time)
        {
            for (var k = time.Start; k < time.End; k++)
            {
                if (!double.IsNaN(_tokens[k].Number) || NarrativeWords.Default.IndefiniteArticles.Contains(_tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"for ages", "for a while": a span with no number, which says long more than it says how long.</summary>
        private bool Vague(TimeExpression time)
        {
            for (var k = time.Start; k < time.End; k++)
            {
                if (NarrativeWords.Default.VagueSpans.ContainsKey(_tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"prednisolone for a week" is a short course, not long-term steroids; "for ages (over a year)" is not.</summary>
        private bool ShortCourse(PhraseMatch match)
        {
            var clause = _tokens[match.Start].Clause;
            var shortest = double.MaxValue;
            var longest = 0.0;
            foreach (var time in _times)
            {
                if (Math.Abs(time.Start - match.Start) <= ScopeJudge.LookBehind && _tokens[time.Start].Clause == clause && time.Kind == TimeKind.Duration
                    && !Vague(time))
                {
                    shortest = Math.Min(shortest, time.Days);
                    longest = Math.Max(longest, time.Days);
                }
            }

            return shortest < 90 && longest < 90;
        }

        private static string? NegatedChoice(FindingCode code) => code == Trigger ? "none" : null;

        private void AddCandidate(FindingCode code, object value, int start, int end, bool history)
        {
            var scope = Judge(start, end, entry: null);
            if (scope.Hypothetical || scope.OtherPerson || (scope.Historical && !history))
            {
                return;
            }

            if (value is true && scope.Negated)
            {
                if (scope.Uncertain)
                {
                    return;
                }

                // "no temperature over 38" denies; "No temperature, 37.1" already says no, and a denial of a no is no.
                value = false;
            }

            _candidates.Add(new Candidate(code, value, start, end, value is false, scope.Uncertain, start));
        }

        // ---- Times -------------------------------------------------------------------------------------

        /// <summary>
        /// The onset is the furthest-back time said about this episode of pain. A time belongs to the nearest
        /// phrase in its clause: "prednisone for years" and "24 weeks pregnant" are not the pain's onset, "I had
        /// sciatica 5 years ago" is history, and "better today" is about the course, not the start. A month or a
        /// season named with no year ("since January", "last summer") is a cautious guess at a span, so it is the
        /// onset only when no time said plainly is ("lost 8 kilos since January on purpose; back went 2 days ago").
        /// </summary>
        private void ReadTimes()
        {
            var firstOnset = _candidates.Count;
            _looseSpans.Clear();
            _anchoredTimes.Clear();
            ReadOnsetTimes();
            ReadAgeSpans();

            // "came off a motorbike 20 yrs ago and broke a couple of vertebrae, been fine since": not this pain's cause.
            // Dropped only now, once it has kept its time from being read as the onset.
            _candidates.RemoveAll(c => c.Code == Trigger && c.Value is "major_trauma"
                && _judge.NearestPastTime(c.Start, c.End) > ScopeJudge.RecentYearDays);

            // "On buprenorphine patches for years. Flared 3 days ago": a span with no number, said with no word of the
            // back, the pain or its start in its clause, is not this pain's onset when a time said of the pain is.
            var anchored = false;
            for (var c = firstOnset; c < _candidates.Count; c++)
            {
                anchored |= _candidates[c].Code == OnsetDays && _anchoredTimes.Contains(_candidates[c].Start);
            }

            if (anchored)
            {
                _candidates.RemoveAll(c => c.Code == OnsetDays && _looseSpans.Contains(c.Start));
            }

            var plain = false;
            for (var c = firstOnset; c < _candidates.Count; c++)
            {
                plain |= _candidates[c].Code == OnsetDays && !NamedWithoutYear(_candidates[c]);
            }

            if (plain)
            {
                for (var c = _candidates.Count - 1; c >= firstOnset; c--)
                {
                    if (_candidates[c].Code == OnsetDays && NamedWithoutYear(_candidates[c]))
                    {
                        _candidates.RemoveAt(c);
                    }
                }
            }
        }

        /// <summary>
        /// "My back's been bad since I was 25": with the case's age, a span of the years between, when a word of the back
        /// or its pain comes before it in its clause. Without the case's age the words say no time.
        /// </summary>
        private void ReadAgeSpans()
        {
            if (_patient.Age is not { } now)
            {
                return;
            }

            var words = NarrativeWords.Default;
            for (var k = 0; k < _tokens.Length; k++)
            {
                if (AgeSaidAt(k, words.SinceAgeLeadIns) is not (var then, var at))
                {
                    continue;
                }

                var scope = _judge.Judge(k, at + 1);
                if (then < 1 || then >= now || !EpisodeSaidBefore(k)
                    || scope.Hypothetical || scope.OtherPerson || scope.Negated)
                {
                    continue;
                }

                _anchoredTimes.Add(k);
                _candidates.Add(new Candidate(OnsetDays, (now - then) * DaysInAYear, k, at + 1, false, false, k));
            }
        }

        private const double DaysInAYear = 365;

        /// <summary>Whether a word of this episode (the back, its pain) comes before the token in its clause.</summary>
        private bool EpisodeSaidBefore(int token)
        {
            var clause = _tokens[token].Clause;
            var (from, to) = _judge.Near(token, token + 1);
            for (var c = from; c < to; c++)
            {
                var cue = _judge.Cues[c];
                if ((NarrativeCue)cue.Payload == NarrativeCue.Episode && cue.End <= token && _tokens[cue.Start].Clause == clause)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a time's last word is a month or a season ("in March", "since last summer").</summary>
        private bool NamedWithoutYear(Candidate time)
        {
            var last = _tokens[time.End - 1].Text;
            return NarrativeWords.Default.Months.ContainsKey(last) || NarrativeWords.Default.Seasons.ContainsKey(last);
        }

        private void ReadOnsetTimes()
        {
            var earlierEpisodes = false;
            foreach (var candidate in _candidates)
            {
                earlierEpisodes |= candidate.Code == PreviousEpisodes && candidate.Value is not (0 or 0.0);
            }

            foreach (var time in _times)
            {
                var scope = _judge.Judge(time.Start, time.End);
                if (scope.Hypothetical || scope.OtherPerson)
                {
                    continue;
                }

                var owner = NearestOwner(time, out var episodeNearer, out var onsetInClause, out var selfCare);
                if (selfCare && time.Kind == TimeKind.Duration)
                {
                    _candidates.Add(new Candidate(SelfCareDays, time.Days, time.Start, time.End, false, false, time.Start));
                }

                if (!episodeNearer && owner is { } ownerEntry)
                {
                    // Morning stiffness claims "for an hour", not "for the last year".
                    var stiffnessOnly = ownerEntry.Codes is [MorningStiffness] && time.Days >= 1;
                    if ((OwnsTime(ownerEntry) && !stiffnessOnly) || (time.Kind == TimeKind.Point && Array.IndexOf(ownerEntry.Codes, Course) >= 0)
                        || TimeOfAPassedFinding(ownerEntry, time))
                    {
                        continue;
                    }
                }

                if ((time.Days > ScopeJudge.HistoryDays && (SpanOfHistory(time) || SaidOfBeingWell(time) || SaidOfLife(time, episodeNearer) || SaidOfRecurrence(time)))
                    || SaidOfClearingUp(time) || ThePatientsAge(time))
                {
                    continue;
                }

                if (_judge.OpenedInThePast(time.Start) || (!onsetInClause && SaidOfAnEarlierEpisode(time)) || TimeOfAnOldSign(time))
                {
                    continue;
                }

                // Long ago counts only when said to be when this pain started, or about the back with no
                // earlier episode mentioned ("my back went five years ago and again yesterday").
                var longAgo = time.Kind is TimeKind.Ago or TimeKind.Year && time.Days > ScopeJudge.HistoryDays;
                if ((longAgo && !onsetInClause && (!episodeNearer || earlierEpisodes)) || time.Kind == TimeKind.Year || (selfCare && !episodeNearer))
                {
                    continue;
                }

                if (!episodeNearer && !onsetInClause && time.Kind == TimeKind.Duration && Vague(time) && !Counted(time))
                {
                    _looseSpans.Add(time.Start);
                }
                else if (episodeNearer || onsetInClause)
                {
                    _anchoredTimes.Add(time.Start);
                }

                _candidates.Add(new Candidate(OnsetDays, time.Days, time.Start, time.End, false, false, time.Start));
            }
        }

        /// <summary>
        /// "I had the same thing last winter", "same happened two years ago": a time after the words that tell of an
        /// earlier episode, in their clause, is when that one came, not when this pain began ("my back went yesterday,
        /// same as last time" keeps yesterday).
        /// </summary>
        private bool SaidOfAnEarlierEpisode(TimeExpression time)
        {
            if (time.Kind is not (TimeKind.Ago or TimeKind.Point))
            {
                // "I've had the same thing for six weeks" is how long this one has lasted.
                return false;
            }

            var clause = _tokens[time.Start].Clause;
            foreach (var candidate in _candidates)
            {
                if (candidate.Code == PreviousEpisodes && candidate.Value is not (0 or 0.0) && candidate.End <= time.Start
                    && _tokens[candidate.Start].Clause == clause && SaysAnEarlierOne(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"Had the same thing", not "went again": the reading's own words tell of an episode before this one.</summary>
        private bool SaysAnEarlierOne(Candidate candidate)
        {
            for (var k = candidate.Start; k < candidate.End; k++)
            {
                if (NarrativeWords.Default.EarlierEpisodeWords.Contains(_tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"Over the years", "over the past twenty years": when earlier episodes came.</summary>
        private bool SpanOfHistory(TimeExpression time) =>
            TextOrder.SequenceAt(_tokens, time.Start, NarrativeWords.Default.HistorySpanLeadIns) > 0;

        /// <summary>"Twinges like this on and off for years": a recurrence said in the span's clause, before it.</summary>
        private bool SaidOfRecurrence(TimeExpression time) =>
            SaidJustBefore(time, 6, k => TextOrder.SequenceAt(_tokens, k, NarrativeWords.Default.RecurrenceWords) > 0);

        /// <summary>
        /// "it cleared up in a week", "settled in ten days", "it was OK after 1 week": how long an episode took to go, not
        /// how long this one has lasted.
        /// </summary>
        private bool SaidOfClearingUp(TimeExpression time) =>
            SaidJustBefore(time, 2, k => NarrativeWords.Default.ClearedWords.Contains(_tokens[k].Text))
            || (NarrativeWords.Default.WellAfterLeadIns.Contains(_tokens[time.Start].Text)
                && SaidJustBefore(time, 2, k => NarrativeWords.Default.WellWords.Contains(_tokens[k].Text)));

        /// <summary>"I've been good for years", "fine for ages": a well word just before the span, in its clause.</summary>
        private bool SaidOfBeingWell(TimeExpression time) =>
            SaidJustBefore(time, 2, k => NarrativeWords.Default.WellWords.Contains(_tokens[k].Text));

        /// <summary>True when one of the <paramref name="reach"/> tokens before the span, in its clause, says so.</summary>
        private bool SaidJustBefore(TimeExpression time, int reach, Func<int, bool> says)
        {
            for (var k = time.Start - 1; k >= 0 && k >= time.Start - reach && _tokens[k].Clause == _tokens[time.Start].Clause; k--)
            {
                if (says(k))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// "my husband Giuseppe, 72 years, he is a smoker", "I am 45 years, housewife": as many years as the patient has
        /// lived (or one fewer, a birthday not yet counted) is their age, not how long the pain has lasted.
        /// </summary>
        private bool ThePatientsAge(TimeExpression time) =>
            time.Kind == TimeKind.Duration && _patient.Age is { } age && age >= 2
            && Math.Round(time.Days / DaysInAYear) is var years && (years == age || years == age - 1);

        /// <summary>
        /// "I am living here since 2 years", "my son (2 years)": a life word, or a person just before, in the clause
        /// before the span, and no word of the pain nearer.
        /// </summary>
        private bool SaidOfLife(TimeExpression time, bool episodeNearer)
        {
            if (episodeNearer)
            {
                return false;
            }

            // "my son (2 years)", "my son of 4 years": a person's age.
            var before = time.Start - 1;
            while (before >= 0 && _tokens[before].Sentence == _tokens[time.Start].Sentence && NarrativeWords.Default.AgeLinks.Contains(_tokens[before].Text))
            {
                before--;
            }

            if (before >= 0 && before < time.Start - 1 && _lexicon.People.IsPerson(_tokens[before].Text) && !_lexicon.People.IsPronoun(_tokens[before].Text))
            {
                return true;
            }

            return SaidJustBefore(time, 4, k => NarrativeWords.Default.LifeWords.Contains(_tokens[k].Text));
        }

        private static bool OwnsTime(LexiconEntry entry)
        {
            foreach (var code in entry.Codes)
            {
                if ((TimeOwners & FindingSet.Bit(code)) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private LexiconEntry? NearestOwner(TimeExpression time, out bool episodeNearer, out bool onsetInClause, out bool selfCare)
        {
            var clause = _tokens[time.Start].Clause;
            var interrupted = ClauseBeforeAside(time.Start);
            var best = int.MaxValue;
            LexiconEntry? owner = null;
            for (var m = FirstMatchFrom(time.Start - ScopeJudge.LookBehind); m < _matches.Count && _matches[m].Start < time.End + ScopeJudge.LookAhead; m++)
            {
                var match = _matches[m];
                if (_tokens[match.Start].Clause != clause && _tokens[match.Start].Clause != interrupted)
                {
                    continue;
                }

                var distance = time.DistanceTo(match.Start, match.End);
                if (distance < best)
                {
                    best = distance;
                    owner = _lexicon.Entries[match.Payload];
                }
            }

            var episode = int.MaxValue;
            onsetInClause = false;
            selfCare = false;
            var (from, to) = _judge.Near(time.Start, time.End);
            for (var c = from; c < to; c++)
            {
                var cue = _judge.Cues[c];
                if (_tokens[cue.Start].Clause != clause)
                {
                    continue;
                }

                switch ((NarrativeCue)cue.Payload)
                {
                    case NarrativeCue.Onset when cue.Start >= time.Start && cue.End <= time.End:
                        // The time's own "since" ("prednisolone daily since two years") says nothing of whose start it is.
                        break;
                    case NarrativeCue.Onset when AnotherTimeNearer(cue.Start, cue.End, time):
                        // "born 9 years ago, nothing new there, the back pain itself started about 5 weeks ago": the
                        // start is said of the time next to it.
                        break;
                    case NarrativeCue.Onset:
                        onsetInClause = true;
                        episode = Math.Min(episode, time.DistanceTo(cue.Start, cue.End));
                        break;
                    case NarrativeCue.Episode when cue.Start >= time.Start && cue.End <= time.End:
                        // The time's own "back" ("a few weeks back") is no word of the back.
                        break;
                    case NarrativeCue.Episode when AnotherTimeNearer(cue.Start, cue.End, time):
                        // "... born 9 years ago, nothing new there, the back pain itself started 5 weeks ago": the
                        // words of this episode are said of the time next to them.
                        break;
                    case NarrativeCue.Episode:
                        episode = Math.Min(episode, time.DistanceTo(cue.Start, cue.End));
                        break;
                    case NarrativeCue.SelfCare:
                        selfCare = true;
                        break;
                }
            }

            episodeNearer = episode != int.MaxValue && episode <= best;
            return owner;
        }

        /// <summary>Whether some other time in the clause of a cue stands nearer to it than <paramref name="time"/>.</summary>
        private bool AnotherTimeNearer(int start, int end, TimeExpression time)
        {
            var clause = _tokens[start].Clause;
            var distance = time.DistanceTo(start, end);
            for (var t = TextOrder.FirstFrom(_times, start - distance, static t => t.Start); t < _times.Count && _times[t].Start <= end + distance; t++)
            {
                var other = _times[t];
                if (other.Start != time.Start && _tokens[other.Start].Clause == clause && other.DistanceTo(start, end) < distance)
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Inference and decision --------------------------------------------------------------------

        /// <summary>
        /// "Every day it is a little worse ... nothing in the legs": "worse by the day" is progressive weakness only
        /// when weakness is told (a leg weak, dragging, buckling, unable to walk or stand), in its words or elsewhere.
        /// </summary>
        private void ForgetWorseningWithoutWeakness()
        {
            foreach (var candidate in _candidates)
            {
                if (candidate.Code is LegWeakness or LegParalysis or UnsteadyWalking or CannotWalk && candidate.Value is true)
                {
                    return;
                }
            }

            _candidates.RemoveAll(c => c.Code == LegWeaknessProgressive && c.Value is true && !TellsWeakness(c.Start, c.End));
        }

        private bool TellsWeakness(int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                foreach (var stem in NarrativeWords.Default.WeaknessStems)
                {
                    if (_tokens[k].Text.StartsWith(stem, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// "my foot slaps the floor when I walk, worse each day": weakness that is getting worse. So is weakness told
        /// at two different times ("yesterday only his toes were weak, today he cannot lift the whole foot"): a
        /// weakness worth telling twice, as it was and as it is now, is a weakness that is changing.
        /// </summary>
        private void InferProgressiveWeakness()
        {
            if (_candidates.Exists(c => c.Code == LegWeaknessProgressive && c.Value is false))
            {
                // "It hasn't got any worse since": said not to be changing, it is not inferred to be.
                return;
            }

            if (WeaknessToldAtTwoTimes() is { } told)
            {
                _candidates.Add(new Candidate(LegWeaknessProgressive, true, told.Start, told.End, false, true, told.Start));
                return;
            }

            foreach (var weak in _candidates)
            {
                if (weak.Code != LegWeakness || weak.Value is not true)
                {
                    continue;
                }

                foreach (var worse in _candidates)
                {
                    // In its sentence or the next two: "My foot has started slapping. It gets worse each day." Or
                    // just before, said alone: "Me again re my leg. It's worse. Today the foot flops."
                    var gap = _tokens[worse.Start].Sentence - _tokens[weak.Start].Sentence;
                    if (worse.Code == Course && worse.Value is "worsening" && (gap is >= 0 and <= 2 || (gap == -1 && SaidAlone(worse))))
                    {
                        var start = Math.Min(weak.Start, worse.Start);
                        var end = Math.Max(weak.End, worse.End);
                        _candidates.Add(new Candidate(LegWeaknessProgressive, true, start, end, false, true, start));
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// "was 8/10 for the first few days, now about a 3": a score told as how it is now stands for the pain, not a
        /// higher one told before it as how it was (with one of the 'score_then_words' before it in its sentence).
        /// Any other higher score, or none told as now, and the highest score said wins as before.
        /// </summary>
        private void ForgetEarlierScores()
        {
            var words = NarrativeWords.Default;
            Candidate? now = null;
            foreach (var candidate in _candidates)
            {
                if (candidate.Code == PainScore && SaidNear(candidate.Start, words.ScoreNowWords, NowReach)
                    && (now is null || Rank(candidate) > Rank(now.Value)))
                {
                    now = candidate;
                }
            }

            if (now is not { } current)
            {
                return;
            }

            foreach (var candidate in _candidates)
            {
                if (candidate.Code == PainScore && Rank(candidate) > Rank(current)
                    && (candidate.Start > current.Start || !SaidNear(candidate.Start, words.ScoreThenWords, ThenReach)))
                {
                    return;
                }
            }

            _candidates.RemoveAll(c => c.Code == PainScore && Rank(c) > Rank(current));
        }

        // How far before a score a word may say it is the pain now ("now about a 3"), and how far one may say it was.
        private const int NowReach = 4;
        private const int ThenReach = 12;

        /// <summary>True when one of the words stands within reach before the token, in its sentence.</summary>
        private bool SaidNear(int token, HashSet<string> said, int reach)
        {
            for (var k = token - 1; k >= 0 && token - k <= reach && _tokens[k].Sentence == _tokens[token].Sentence; k--)
            {
                if (said.Contains(_tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        // Days of the week and of the month are told apart from each other and from days counted back by labels
        // beyond any count.
        private const double WeekdayLabel = 1_000;
        private const double DayOfMonthLabel = 2_000;

        /// <summary>"8th", "23rd": the day of the month, or null.</summary>
        private static int? DayOfMonth(string text)
        {
            var digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            return digits is 1 or 2 && NarrativeWords.Default.DayOfMonthSuffixes.Contains(text[digits..])
                && int.Parse(text.AsSpan(0, digits), CultureInfo.InvariantCulture) is var date and >= 1 and <= 31
                ? date
                : null;
        }

        /// <summary>True when a reading is a sentence of its own but for a word or two ("It's worse.", "Getting worse!").</summary>
        private bool SaidAlone(Candidate reading)
        {
            var sentence = _tokens[reading.Start].Sentence;
            var first = reading.Start;
            while (first > 0 && _tokens[first - 1].Sentence == sentence)
            {
                first--;
            }

            var last = reading.End;
            while (last < _tokens.Length && _tokens[last].Sentence == sentence)
            {
                last++;
            }

            return (reading.Start - first) + (last - reading.End) <= AloneSlack;
        }

        // How many words besides its own a reading said alone may have in its sentence ("Honestly, it's worse").
        private const int AloneSlack = 2;

        /// <summary>The span from the first to the last of two weaknesses told at different days in the last month, or null.</summary>
        private (int Start, int End)? WeaknessToldAtTwoTimes()
        {
            var firstDay = double.NaN;
            var firstStart = -1;
            foreach (var weak in _candidates)
            {
                if (weak.Code != LegWeakness || weak.Value is not true || TimeOfClause(weak.Start) is not { } day)
                {
                    continue;
                }

                if (firstStart < 0)
                {
                    (firstDay, firstStart) = (day, weak.Start);
                }
                else if (day != firstDay)
                {
                    return (Math.Min(firstStart, weak.Start), Math.Max(firstStart, weak.End));
                }
            }

            return null;
        }

        /// <summary>
        /// The day a clause is told of ("yesterday", "three days ago", "today", "now": 1, 3, 0, 0), when within a month;
        /// a day of the week ("on Monday") or of the month ("on the 8th") is a day of its own, told apart from the others
        /// but not counted back.
        /// </summary>
        private double? TimeOfClause(int token)
        {
            if (DayOfClause(token) is { } day)
            {
                return day;
            }

            // A time said alone before the clause, set off by a comma: "Today, the 13th, my leg buckles".
            var before = ClauseStart(token) - 1;
            if (before < 0 || _tokens[before].Sentence != _tokens[token].Sentence)
            {
                return null;
            }

            return before - ClauseStart(before) + 1 <= ShortTimeClause ? DayOfClause(before) : null;
        }

        /// <summary>The first token of the token's clause.</summary>
        private int ClauseStart(int token)
        {
            var clause = _tokens[token].Clause;
            while (token > 0 && _tokens[token - 1].Clause == clause)
            {
                token--;
            }

            return token;
        }

        /// <summary>
        /// The clause that a short aside in brackets interrupts, when the token's clause begins where the aside closes:
        /// "she take prednisona (corticoide) every day for 2 years" is one statement, its time the medicine's. -1 when the
        /// clause follows no such aside.
        /// </summary>
        private int ClauseBeforeAside(int token)
        {
            var close = ClauseStart(token);
            if (_tokens[close].Text != ")")
            {
                return -1;
            }

            var open = close - 1;
            while (open > 0 && close - open <= LongestAside && _tokens[open].Text != "(")
            {
                open--;
            }

            return open > 0 && _tokens[open].Text == "(" && _tokens[open - 1].Sentence == _tokens[close].Sentence ? _tokens[open - 1].Clause : -1;
        }

        // An aside of this many tokens or fewer, brackets counted, glosses a word ("(corticoide)", "(lower tummy)").
        private const int LongestAside = 5;

        // A clause of this many tokens or fewer before another may be a time said alone ("Today, the 13th,").
        private const int ShortTimeClause = 6;

        private double? DayOfClause(int token)
        {
            // The time nearest the token, when its clause tells two ("today I caught my toe twice, on Monday it was
            // only a bit floppy").
            var clause = _tokens[token].Clause;
            double? day = null;
            var nearest = int.MaxValue;
            foreach (var time in _times)
            {
                if (_tokens[time.Start].Clause == clause && time.Kind is TimeKind.Point or TimeKind.Ago or TimeKind.Since && time.Days <= 30
                    && time.DistanceTo(token, token + 1) < nearest)
                {
                    (day, nearest) = (time.Days, time.DistanceTo(token, token + 1));
                }
            }

            for (var k = ClauseStart(token); k < _tokens.Length && _tokens[k].Clause == clause; k++)
            {
                var distance = Math.Abs(k - token);
                if (distance >= nearest)
                {
                    continue;
                }

                if (NarrativeWords.Default.NowWords.Contains(_tokens[k].Text))
                {
                    (day, nearest) = (0, distance);
                }
                else if (NarrativeWords.Default.Weekdays.TryGetValue(_tokens[k].Text, out var weekday))
                {
                    (day, nearest) = (WeekdayLabel + weekday, distance);
                }
                else if (DayOfMonth(_tokens[k].Text) is { } date)
                {
                    (day, nearest) = (DayOfMonthLabel + date, distance);
                }
            }

            return day;
        }

        /// <summary>
        /// "my legs have gone wobbly and weak, both of them, bit tingly too": numbness, tingling or pain in a leg said
        /// in a sentence about both legs is in both legs.
        /// </summary>
        private void InferBothLegs()
        {
            var count = _candidates.Count;
            for (var c = 0; c < count; c++)
            {
                var leg = _candidates[c];
                if (leg.Code is not (LegNumbness or Sciatica or LegWeakness) || leg.Value is not true)
                {
                    continue;
                }

                var sentence = _tokens[leg.Start].Sentence;
                for (var k = leg.Start; k >= 0 && _tokens[k].Sentence == sentence && leg.Start - k <= ScopeJudge.LookBehind; k--)
                {
                    if (SaysBothLegs(leg, k))
                    {
                        _candidates.Add(leg with { Code = BilateralLegSymptoms, Start = Math.Min(k, leg.Start) });
                        break;
                    }
                }

                // "no strength in her legs since last night, both of them": "both" said after, in the same clause.
                var clause = _tokens[leg.Start].Clause;
                for (var k = leg.End; k < _tokens.Length && _tokens[k].Sentence == sentence && k - leg.End <= ScopeJudge.LookAhead; k++)
                {
                    if (NarrativeWords.Default.BothWords.Contains(_tokens[k].Text) && (_tokens[k].Clause == clause || _tokens[k - 1].Text == ","))
                    {
                        // "pins and needles in both hands at night": both of something else.
                        if (k + 1 < _tokens.Length && NarrativeWords.Default.NotLegParts.Contains(_tokens[k + 1].Text))
                        {
                            break;
                        }

                        _candidates.Add(leg with { Code = BilateralLegSymptoms, End = k + 1 });
                        break;
                    }
                }
            }

            InferWeaknessFromBothLegsAndStanding();
        }

        // Weakness is only in both legs when the words say "both"; numbness or pain also when they say "legs".
        private bool SaysBothLegs(Candidate leg, int token)
        {
            var word = _tokens[token].Text;
            return leg.Code == LegWeakness ? NarrativeWords.Default.BothWords.Contains(word) : NarrativeWords.Default.BothLegsWords.Contains(word);
        }

        /// <summary>
        /// "no feeling in both legs and I am not able to stand": both legs affected and no longer able to stand or
        /// walk is strength lost, whatever word is used (CKS-RF: numbness in both legs with loss of strength).
        /// </summary>
        private void InferWeaknessFromBothLegsAndStanding()
        {
            var count = _candidates.Count;
            for (var b = 0; b < count; b++)
            {
                var both = _candidates[b];
                if (both.Code != BilateralLegSymptoms || both.Value is not true)
                {
                    continue;
                }

                for (var c = 0; c < count; c++)
                {
                    var standing = _candidates[c];
                    if (standing.Code == CannotWalk && standing.Value is true && _tokens[standing.Start].Sentence == _tokens[both.Start].Sentence)
                    {
                        var start = Math.Min(both.Start, standing.Start);
                        _candidates.Add(new Candidate(LegWeakness, true, start, Math.Max(both.End, standing.End), false, true, start));
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// "always there whatever I do ... creeping up week by week": pain said never to let up in a text whose
        /// course is getting worse is constant, progressive pain (CKS-RF), though no one phrase says both.
        /// </summary>
        private void InferConstantWorsening()
        {
            Candidate? worse = null;
            foreach (var candidate in _candidates)
            {
                if (candidate.Code == Course && candidate.Value is "worsening" && !candidate.Negated)
                {
                    worse = candidate;
                    break;
                }
            }

            if (worse is not { } course)
            {
                return;
            }

            for (var i = 0; i < _tokens.Length; i++)
            {
                var length = TextOrder.SequenceAt(_tokens, i, NarrativeWords.Default.ConstantPain);
                if (length > 0 && !_judge.Judge(i, i + length).Negated)
                {
                    _candidates.Add(new Candidate(ConstantProgressivePain, true, i, i + length, false, course.Uncertain, i));
                    return;
                }
            }
        }

        /// <summary>
        /// "not worse not better ... it's just there all the time, 5/10": pain there all the time is the flag only when it
        /// keeps getting worse, or whatever the position. When the pain is said not to be worsening, and nowhere to be, a
        /// reading of constant pain whose sentence says neither ("never lets up, sitting, standing, lying") is forgotten.
        /// </summary>
        private void ForgetConstantPainNotWorsening()
        {
            var notWorse = false;
            foreach (var candidate in _candidates)
            {
                if (candidate.Code == Course && !candidate.Negated)
                {
                    if (candidate.Value is "worsening")
                    {
                        return;
                    }

                    notWorse |= candidate.Value is "unchanged" or "improving" && !candidate.Uncertain;
                }
            }

            if (notWorse)
            {
                _candidates.RemoveAll(c => c.Code == ConstantProgressivePain && c.Value is true && !SentenceSays(NarrativeWords.Default.WorseOrWhatever, c.Start));
            }
        }

        private bool SentenceSays(HashSet<string> words, int token)
        {
            for (var k = SentenceStart(token); k < _tokens.Length && _tokens[k].Sentence == _tokens[token].Sentence; k++)
            {
                if (words.Contains(_tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        private NarrativeReading Decide(FindingSet findings)
        {
            var evidence = new List<ReadFinding>(_candidates.Count);
            ulong present = 0;
            foreach (var candidate in _candidates)
            {
                present |= FindingSet.Bit(candidate.Code);
            }

            foreach (var definition in FindingCatalog.All)
            {
                if ((present & FindingSet.Bit(definition.Code)) == 0)
                {
                    continue;
                }

                var best = Choose(definition.Code);
                if (best is null)
                {
                    continue;
                }

                var candidate = best.Value;
                if (definition.Kind == FindingKind.WholeNumber && candidate.Value is double whole)
                {
                    candidate = candidate with { Value = (int)whole };
                }

                Apply(findings, candidate);
                var start = _tokens[candidate.Start].Start;
                var end = _tokens[candidate.End - 1].End;
                evidence.Add(new ReadFinding(candidate.Code, candidate.Value, _text[start..end], start, end - start, candidate.Negated, candidate.Uncertain));
            }

            evidence.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Code.CompareTo(b.Code));
            // A time or a course alone ("lovely today") is not something read about back pain.
            var aboutBackPain = false;
            foreach (var finding in evidence)
            {
                aboutBackPain |= finding.Code is not (OnsetDays or Course or SelfCareDays or PreviousEpisodes);
            }

            for (var k = 0; k < _tokens.Length && !aboutBackPain; k++)
            {
                aboutBackPain = NarrativeWords.Default.BackPainWords.Contains(_tokens[k].Text);
            }

            return new NarrativeReading(_text, findings, evidence) { AboutBackPain = aboutBackPain, Writer = _writer };
        }

        /// <summary>
        /// Chooses one value per code. When in doubt the more urgent reading wins: any "yes" beats a "no", a
        /// worse course beats a better one, the more serious trigger beats a lesser one, the highest pain score
        /// and the longest time win, and a hedged "getting better" is not taken.
        /// </summary>
        private Candidate? Choose(FindingCode code)
        {
            Candidate? best = null;
            var allUncertain = true;
            foreach (var candidate in _candidates)
            {
                if (candidate.Code != code)
                {
                    continue;
                }

                if (candidate.Uncertain && candidate.Value is "improving" or "none")
                {
                    continue;
                }

                if (best is null || Rank(candidate) > Rank(best.Value)
                    || (Rank(candidate) == Rank(best.Value) && candidate.Order < best.Value.Order && candidate.Value is not double))
                {
                    best = candidate;
                }

                if (candidate.Value is true && !candidate.Uncertain)
                {
                    allUncertain = false;
                }
            }

            if (best is { Value: true } chosen && !allUncertain && chosen.Uncertain)
            {
                // A plain "yes" somewhere else makes the finding certain.
                foreach (var candidate in _candidates)
                {
                    if (candidate.Code == code && candidate.Value is true && !candidate.Uncertain)
                    {
                        return candidate;
                    }
                }
            }

            return best;
        }

        private static double Rank(Candidate candidate) => candidate.Value switch
        {
            bool flag => flag ? (candidate.Uncertain ? 1 : 2) : 0,
            int number => number,
            double number => number,
            string choice => candidate.Code switch
            {
                Trigger => choice switch
                {
                    "major_trauma" => 5,
                    "minor_fall" => 4,
                    "none" => 1,
                    "unknown" => 0,
                    _ => 3,
                },
                Course => choice switch { "worsening" => 3, "unchanged" => 2, _ => 1 },
                _ => 1,
            },
            _ => 0,
        };

        private static void Apply(FindingSet findings, Candidate candidate)
        {
            switch (candidate.Value)
            {
                case bool flag:
                    findings.Set(candidate.Code, flag, candidate.Uncertain && flag);
                    break;
                case string choice:
                    FindingReader.TrySetChoice(candidate.Code, choice, findings);
                    break;
                case int number:
                    FindingReader.TrySetNumber(candidate.Code, number, findings);
                    break;
                case double number:
                    FindingReader.TrySetNumber(candidate.Code, number, findings);
                    break;
            }
        }
    }

    private readonly record struct Candidate(FindingCode Code, object Value, int Start, int End, bool Negated, bool Uncertain, int Order);
}
