namespace BackCare.Clinical.Language;

/// <summary>How the words around a phrase qualify it.</summary>
internal readonly record struct PhraseScope(
    bool Negated,
    bool Uncertain,
    bool Hypothetical,
    bool OtherPerson,
    bool Historical,
    int NegationStart,
    bool NegatedInside = false,
    bool HappenedToPatient = false);

/// <summary>
/// Decides, for one phrase of a narrative, whether it is denied ("no numbness or weakness", "peeing is
/// normal"), hedged ("I think maybe"), imagined ("if I get a fever"), about someone else ("my mother had
/// cancer") or history ("I had sciatica 5 years ago"). Cues reach only within their clause; a cue word that
/// is part of a finding's own phrase ("no position helps") is not a cue.
/// </summary>
internal sealed class ScopeJudge
{
    // A past time further back than this makes a symptom history rather than now (three months).
    internal const double HistoryDays = 90;

    // A past time within this still counts for a risk that lasts a while (injecting drugs "last year").
    internal const double RecentYearDays = 366;

    // How many tokens before and after a phrase any cue is looked for, whatever the clause's length. A clause
    // of run-on text can be thousands of words long; bounding the look keeps a reading linear in the text.
    internal const int LookBehind = 40;
    internal const int LookAhead = 16;

    // The longest cue, in tokens, for finding the cues that may contain another.
    private const int LongestCue = 8;

    private readonly Token[] _tokens;
    private readonly List<PhraseMatch> _cues;
    private readonly List<TimeExpression> _times;
    private readonly HashSet<string> _linkWords;
    private readonly PeopleWords _people;
    private readonly NarrativeReach[] _reach;

    public ScopeJudge(Token[] tokens, List<PhraseMatch> cues, List<TimeExpression> times, bool[] insideFindings, NarrativeCues language, PeopleWords people)
    {
        _tokens = tokens;
        _times = times;
        _linkWords = language.LinkWords;
        _people = people;
        _reach = ReachOf(language);
        var outside = new List<PhraseMatch>(cues.Count);
        foreach (var cue in cues)
        {
            if (!IsInsideFinding(cue, insideFindings))
            {
                outside.Add(cue);
            }
        }

        _cues = new List<PhraseMatch>(outside.Count);
        for (var i = 0; i < outside.Count; i++)
        {
            if (!IsInsideLongerCue(i, outside))
            {
                _cues.Add(outside[i]);
            }
        }
    }

    private static int FirstFrom(List<PhraseMatch> cues, int token) => TextOrder.FirstFrom(cues, token, static c => c.Start);

    /// <summary>
    /// True when a hedge is said of the number just after it ("much better now, maybe 3 out of 10", "maybe half what
    /// it was"), so that it does not reach back to what was said before it; an article may come between ("maybe a 6").
    /// </summary>
    private bool HedgesANumber(int at)
    {
        if (at < _tokens.Length && _tokens[at].Kind == TokenKind.Word && NarrativeWords.Default.IndefiniteArticles.Contains(_tokens[at].Text))
        {
            at++;
        }

        return at < _tokens.Length && (_tokens[at].IsNumber || NarrativeWords.Default.HalfWords.Contains(_tokens[at].Text));
    }

    /// <summary>The cues near a phrase: from <see cref="LookBehind"/> tokens before it to <see cref="LookAhead"/> after.</summary>
    public (int From, int To) Near(int start, int end) =>
        (FirstFrom(_cues, start - LookBehind), FirstFrom(_cues, end + LookAhead));

    public PhraseScope Judge(int start, int end)
    {
        var clause = _tokens[start].Clause;
        var negated = false;
        var commaDoubt = false;
        var negatedInside = false;
        var negationStart = -1;
        var uncertain = false;
        var hedgeEnd = -1;
        var hedgeOnlyBefore = true;
        var hypothetical = false;
        var other = false;
        var historyCue = false;
        var onsetCue = false;
        var onsetBefore = false;
        var otherEnd = -1;
        var (from, to) = Near(start, end);
        for (var c = from; c < to; c++)
        {
            var cue = _cues[c];
            if (_tokens[cue.Start].Clause != clause)
            {
                // A phrase that runs across clauses ("wipe test), peeing normal, legs not numb") is denied by a
                // denial inside it in the clause of its last word.
                if ((NarrativeCue)cue.Payload == NarrativeCue.NegationBefore && cue.Start > start && cue.End < end
                    && _tokens[cue.Start].Clause == _tokens[end - 1].Clause)
                {
                    negated = true;
                    negatedInside = true;
                }

                continue;
            }

            if (cue.Start < end && cue.End > start)
            {
                // A denial in the words a phrase skips over: "my leg isn't weak".
                if ((NarrativeCue)cue.Payload == NarrativeCue.NegationBefore && cue.Start >= start && cue.End <= end)
                {
                    negated = true;
                    negatedInside = true;
                }

                continue;
            }

            var before = cue.End <= start;
            var kind = (NarrativeCue)cue.Payload;
            if (kind == NarrativeCue.NegationBefore && before && DeniedList(cue.End, start))
            {
                // "I have NOT got: leg pain, numbness, fever, weight loss": the whole list is denied, however long.
                negated = true;
                negationStart = Math.Max(negationStart, cue.Start);
                continue;
            }

            if (!Reaches(kind, cue, before, start, end))
            {
                continue;
            }

            switch (kind)
            {
                case NarrativeCue.NegationBefore when !Colon(cue.End, start):
                    if (AcrossCommaOutOfList(cue.End, start, end))
                    {
                        // "No fever, weakness in my left leg": a denial that reaches past a comma, with no "or"
                        // to make a list of it, may not be meant for this: keep it as an uncertain yes.
                        commaDoubt = true;
                        break;
                    }

                    negated = true;
                    negationStart = Math.Max(negationStart, cue.Start);
                    break;
                case NarrativeCue.NegationAfter when OnlyLinkWords(end, cue.Start):
                    negated = true;
                    break;
                case NarrativeCue.Uncertain when before || !HedgesANumber(cue.End):
                    uncertain = true;
                    hedgeEnd = Math.Max(hedgeEnd, cue.End);
                    hedgeOnlyBefore &= before;
                    break;
                case NarrativeCue.HedgedNegation:
                    negated = true;
                    uncertain = true;
                    hedgeOnlyBefore = false;
                    break;
                case NarrativeCue.Hypothetical:
                    hypothetical = true;
                    break;
                case NarrativeCue.OtherPerson:
                    other = true;
                    otherEnd = Math.Max(otherEnd, cue.End);
                    break;
                case NarrativeCue.OtherPersonAfter:
                    other = true;
                    break;
                case NarrativeCue.History:
                    historyCue = true;
                    break;
                case NarrativeCue.Onset:
                    onsetCue = true;
                    onsetBefore |= before;
                    break;
            }
        }

        // "My husband says I have a fever": the person comes back as the subject after the other person.
        // "Someone drove into the back of my car": an event another person caused, that happened to them.
        var happenedToPatient = false;
        if (other && otherEnd >= 0)
        {
            for (var c = from; c < to; c++)
            {
                var cue = _cues[c];
                if ((NarrativeCue)cue.Payload != NarrativeCue.FirstPerson || _tokens[cue.Start].Clause != clause || cue.Start < otherEnd)
                {
                    continue;
                }

                if (cue.End <= start)
                {
                    other = false;
                    break;
                }

                // "I had to help her put her socks on": the patient named inside the phrase, after the other person.
                if (cue.Start < end && (NarrativeCue)cue.Payload == NarrativeCue.FirstPerson && !_people.IsMyOrOur(_tokens[cue.Start].Text))
                {
                    other = false;
                }

                happenedToPatient = true;
            }
        }

        // "The paramedic said I seemed fine, no tingling": the doubt is of what came before the comma; the denial after it
        // stands on its own.
        if (uncertain && hedgeOnlyBefore && negated && negationStart > hedgeEnd && MarkBetween(",", hedgeEnd, negationStart))
        {
            uncertain = false;
        }

        var historical = historyCue || (!onsetCue && LongAgo(start)) || (!onsetBefore && OpenedInThePast(start));
        uncertain |= commaDoubt && !negated;
        return new PhraseScope(negated, uncertain, hypothetical, other, historical, negationStart, negatedInside, happenedToPatient);
    }

    /// <summary>The furthest past time said in the clause of a token ("ago", a year, "last year"), in days; null when none.</summary>
    public double? PastTime(int token)
    {
        double? furthest = null;
        var clause = _tokens[token].Clause;
        var low = TextOrder.FirstFrom(_times, token - LookBehind, static t => t.Start);
        for (var t = low; t < _times.Count && _times[t].Start <= token + LookBehind; t++)
        {
            var time = _times[t];

            if (_tokens[time.Start].Clause == clause && time.Kind is TimeKind.Ago or TimeKind.Year or TimeKind.Point)
            {
                furthest = Math.Max(furthest ?? 0, time.Days);
            }
        }

        return furthest;
    }

    private bool LongAgo(int token) => PastTime(token) > HistoryDays;

    /// <summary>
    /// The past time said nearest to the words from <paramref name="start"/> to <paramref name="end"/> in their clause,
    /// in days; null when none. "Five weeks ago I had a discectomy for a disc that had troubled me most of last year":
    /// the discectomy's time is the five weeks.
    /// </summary>
    public double? NearestPastTime(int start, int end)
    {
        double? nearest = null;
        var best = int.MaxValue;
        var clause = _tokens[start].Clause;
        var low = TextOrder.FirstFrom(_times, start - LookBehind, static t => t.Start);
        for (var t = low; t < _times.Count && _times[t].Start <= end + LookBehind; t++)
        {
            var time = _times[t];
            if (_tokens[time.Start].Clause != clause || time.Kind is not (TimeKind.Ago or TimeKind.Year or TimeKind.Point))
            {
                continue;
            }

            var distance = time.DistanceTo(start, end);
            if (distance < best)
            {
                (best, nearest) = (distance, time.Days);
            }
        }

        return nearest;
    }

    /// <summary>
    /// True when the sentence began in the past before the token, and nothing since brought it back to now: in
    /// "Ten years ago I had an operation because I could not control the pee" the whole sentence is history, while
    /// "Five years ago I had cancer and now my legs are weak" comes back at "now".
    /// </summary>
    public bool OpenedInThePast(int token)
    {
        var sentence = _tokens[token].Sentence;
        var low = TextOrder.FirstFrom(_times, token - LookBehind, static t => t.Start);
        for (var t = low; t < _times.Count && _times[t].End <= token; t++)
        {
            var time = _times[t];
            if (_tokens[time.Start].Sentence != sentence || time.Kind is not (TimeKind.Ago or TimeKind.Year) || time.Days <= HistoryDays
                || !OpensSentence(time.Start))
            {
                continue;
            }

            for (var k = time.End; k < token; k++)
            {
                if (NarrativeWords.Default.BackToNow.Contains(_tokens[k].Text))
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    // How many words may stand before a past time that opens its sentence ("Last time was twelve years ago ...").
    private const int OpeningWords = 3;

    /// <summary>True when at most <see cref="OpeningWords"/> words stand before the token in its sentence (looked at no further).</summary>
    private bool OpensSentence(int token)
    {
        var sentence = _tokens[token].Sentence;
        var words = 0;
        for (var k = token - 1; k >= 0 && _tokens[k].Sentence == sentence && words <= OpeningWords; k--)
        {
            words += _tokens[k].IsWord ? 1 : 0;
        }

        return words <= OpeningWords;
    }

    /// <summary>
    /// True when a colon stands between two tokens: "I don't want to get up: I haven't passed water" is two statements.
    /// (A colon that opens a denied list is taken first, by <see cref="DeniedList"/>.)
    /// </summary>
    private bool Colon(int from, int to) => MarkBetween(":", from, to);

    private bool MarkBetween(string mark, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_tokens[i].Text == mark)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the last colon between a denial and a phrase opens the list the denial denies: at most two words of
    /// having stand between them ("I have NOT got: leg pain, numbness", "things I don't have: fever").
    /// </summary>
    private bool DeniedList(int cueEnd, int start)
    {
        for (var i = start - 1; i >= cueEnd; i--)
        {
            if (_tokens[i].Text == ":")
            {
                return OpensADeniedList(cueEnd, i);
            }
        }

        return false;
    }

    private bool OpensADeniedList(int cueEnd, int colon)
    {
        if (colon - cueEnd > 2)
        {
            return false;
        }

        for (var k = cueEnd; k < colon; k++)
        {
            if (!NarrativeWords.Default.DenialListVerbs.Contains(_tokens[k].Text))
            {
                return false;
            }
        }

        return true;
    }

    private int Words(int from, int to) => _tokens.WordsBetween(from, to);

    /// <summary>True when a comma stands between the cue and the phrase and no "or"/"nor" in the clause makes a list.</summary>
    private bool AcrossCommaOutOfList(int from, int to, int end)
    {
        var comma = false;
        for (var i = from; i < to; i++)
        {
            comma |= _tokens[i].Text == ",";
        }

        if (!comma)
        {
            return false;
        }

        var clause = _tokens[from].Clause;
        for (var i = from; i < _tokens.Length && i < to + LookAhead && _tokens[i].Clause == clause; i++)
        {
            if (NarrativeWords.Default.ListLinks.Contains(_tokens[i].Text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when a cue stands on a side of the phrase its group allows, within its group's window of words
    /// (Language/Context/cues.en.json); the clause and the look around the phrase bound it anyway.
    /// </summary>
    private bool Reaches(NarrativeCue kind, PhraseMatch cue, bool before, int start, int end)
    {
        var reach = _reach[(int)kind];
        if (before ? reach.Direction == CueDirection.Backward : reach.Direction == CueDirection.Forward)
        {
            return false;
        }

        var window = before ? reach.Before : reach.After;
        return window == int.MaxValue || (before ? Words(cue.End, start) : Words(end, cue.Start)) <= window;
    }

    private static NarrativeReach[] ReachOf(NarrativeCues language)
    {
        var kinds = Enum.GetValues<NarrativeCue>();
        var reach = new NarrativeReach[kinds.Length];
        foreach (var kind in kinds)
        {
            reach[(int)kind] = language.Reach(kind);
        }

        return reach;
    }

    /// <summary>Only link words ("is", "are", "feel") between a finding and its "normal": "peeing is normal", "my legs feel fine".</summary>
    private bool OnlyLinkWords(int from, int to)
    {

        for (var i = from; i < to; i++)
        {
            if (!_linkWords.Contains(_tokens[i].Text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A negation cue inside a finding's own phrase, or inside a longer cue that means something else ("not
    /// sure", "no doubt"), is not a negation.
    /// </summary>
    private static bool IsInsideFinding(PhraseMatch cue, bool[] insideFindings)
    {
        var kind = (NarrativeCue)cue.Payload;
        if (kind == NarrativeCue.Pseudo)
        {
            return false;
        }

        if (kind is NarrativeCue.NegationBefore or NarrativeCue.NegationAfter or NarrativeCue.Uncertain or NarrativeCue.HedgedNegation
            or NarrativeCue.Hypothetical or NarrativeCue.Episode or NarrativeCue.Onset)
        {
            for (var i = cue.Start; i < cue.End; i++)
            {
                if (insideFindings[i])
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A cue inside a longer cue of another kind is part of it ("if" in "not sure if", "no" in "no worse"),
    /// and a pseudo-cue is never a cue itself.
    /// </summary>
    private static bool IsInsideLongerCue(int index, List<PhraseMatch> cues)
    {
        var cue = cues[index];
        if ((NarrativeCue)cue.Payload == NarrativeCue.Pseudo)
        {
            return true;
        }

        var to = FirstFrom(cues, cue.End);
        for (var c = FirstFrom(cues, cue.Start - LongestCue); c < to; c++)
        {
            var longer = cues[c];
            if (longer.Payload != cue.Payload && longer.Start <= cue.Start && longer.End >= cue.End
                && (longer.End - longer.Start) > (cue.End - cue.Start) && (NarrativeCue)longer.Payload != NarrativeCue.FirstPerson)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The cues that count, for readers that look at more than one phrase (episode and onset words).</summary>
    public IReadOnlyList<PhraseMatch> Cues => _cues;
}
