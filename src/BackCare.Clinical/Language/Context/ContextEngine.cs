using System.Buffers;

namespace BackCare.Clinical.Language;

/// <summary>
/// Reads the words around a target phrase in one sentence: is it denied, past, hypothetical, someone else's,
/// hedged? The same engine reads patients' narratives and clinicians' notes. Cues come from the cue lists
/// (Language/Context/cues.en.json); each cue reaches forward, backward or both over a number of words, and
/// its scope stops at a termination ("but", "however", sentence punctuation) between it and the target.
/// Where cues overlap, the longest wins, which is how a pseudo-cue such as "no increase" hides its "no".
/// </summary>
public sealed class ContextEngine
{
    private const int StackTokens = 256;

    private static readonly Lazy<ContextEngine> Shared = new(() => new ContextEngine(CueSet.English));

    private readonly CueSet _cues;

    internal ContextEngine(CueSet cues) => _cues = cues;

    /// <summary>The engine built once from the embedded English cue lists.</summary>
    public static ContextEngine Default => Shared.Value;

    /// <summary>Judges the target found in <paramref name="sentence"/> case-insensitively, whatever the spaces; the whole sentence when it is not there.</summary>
    public ContextJudgement Judge(string sentence, string target)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(target);
        var (start, length) = TargetFinder.Find(sentence, target);
        return start < 0 ? JudgeTokens(sentence, 0, 0, wholeSentence: true) : Judge(sentence, start, length);
    }

    /// <summary>
    /// Judges the target at characters [<paramref name="targetStart"/>, +<paramref name="targetLength"/>) of
    /// <paramref name="sentence"/>; a span that touches no token (length 0, only spaces) judges the whole sentence.
    /// </summary>
    public ContextJudgement Judge(string sentence, int targetStart, int targetLength)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentOutOfRangeException.ThrowIfNegative(targetStart);
        ArgumentOutOfRangeException.ThrowIfNegative(targetLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetStart + targetLength, sentence.Length);
        return JudgeTokens(sentence, targetStart, targetLength, wholeSentence: false);
    }

    private ContextJudgement JudgeTokens(string sentence, int targetStart, int targetLength, bool wholeSentence)
    {
        ContextToken[]? rented = null;
        var tokens = sentence.Length <= StackTokens
            ? stackalloc ContextToken[StackTokens]
            : rented = ArrayPool<ContextToken>.Shared.Rent(sentence.Length);
        try
        {
            tokens = tokens[..ContextTokens.Split(sentence, tokens, _cues)];
            return wholeSentence ? new Scope(_cues, tokens, 0, tokens.Length, wholeSentence: true).Judge() : Judge(tokens, targetStart, targetLength);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ContextToken>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Splits a sentence once into <paramref name="buffer"/> (grown when too small), for several judgements of targets
    /// in it; returns the number of tokens.
    /// </summary>
    internal int Split(ReadOnlySpan<char> sentence, ref ContextToken[] buffer)
    {
        if (buffer.Length < sentence.Length)
        {
            buffer = new ContextToken[Math.Max(sentence.Length, buffer.Length * 2)];
        }

        return ContextTokens.Split(sentence, buffer, _cues);
    }

    /// <summary>
    /// Judges the target at characters [start, +length) of a sentence already split (by <see cref="Split"/>); a span
    /// that touches no token judges the whole sentence.
    /// </summary>
    internal ContextJudgement Judge(ReadOnlySpan<ContextToken> tokens, int targetStart, int targetLength)
    {
        var (first, last) = TargetTokens(tokens, targetStart, targetStart + targetLength);
        var wholeSentence = first >= last;
        if (wholeSentence)
        {
            (first, last) = (0, tokens.Length);
        }

        return new Scope(_cues, tokens, first, last, wholeSentence).Judge();
    }

    /// <summary>The tokens [first, last) that the character span touches.</summary>
    private static (int First, int Last) TargetTokens(ReadOnlySpan<ContextToken> tokens, int start, int end)
    {
        var first = 0;
        while (first < tokens.Length && tokens[first].End <= start)
        {
            first++;
        }

        var last = first;
        while (last < tokens.Length && tokens[last].Start < end)
        {
            last++;
        }

        return (first, last);
    }

    /// <summary>One judgement: the cues of a sentence matched once, then each tested for reach to the target.</summary>
    private readonly ref struct Scope(CueSet cues, ReadOnlySpan<ContextToken> tokens, int first, int last, bool wholeSentence)
    {
        private readonly ReadOnlySpan<ContextToken> _tokens = tokens;

        public ContextJudgement Judge()
        {
            // A cue never runs into the target: in "no change in vision" with the target "change in vision", the
            // cue is "no", not the pseudo-cue "no change". Terminations are looked for only in the gap between a
            // cue and the target, and only for cues that could reach it.
            bool negated = false, historical = false, hypothetical = false, other = false, uncertain = false;
            bool hedgeOnlyBefore = true;
            int hedgeEnd = -1, denialStart = -1;
            var i = 0;
            while (i < _tokens.Length)
            {
                var (end, rules) = cues.LongestAt(_tokens, i, i < first && !wholeSentence ? first : _tokens.Length);
                if (end == 0)
                {
                    i++;
                    continue;
                }

                foreach (var rule in rules)
                {
                    if (rule.Kind is CueKind.Pseudo or CueKind.Termination || !Reaches(rule, i, end))
                    {
                        continue;
                    }

                    switch (rule.Kind)
                    {
                        case CueKind.Negation:
                            negated = true;
                            denialStart = end <= first ? Math.Max(denialStart, i) : denialStart;
                            break;
                        case CueKind.Historical: historical = true; break;
                        case CueKind.Hypothetical: hypothetical = true; break;
                        case CueKind.OtherExperiencer: other = true; break;
                        case CueKind.Uncertainty:
                            uncertain = true;
                            hedgeEnd = Math.Max(hedgeEnd, end);
                            hedgeOnlyBefore &= end <= first;
                            break;
                    }
                }

                i = end;
            }

            // "I think I'm fine, no tingling": a hedge before a comma doubts what it said, not the denial after it.
            if (negated && uncertain && hedgeOnlyBefore && denialStart > hedgeEnd && CommaIn(hedgeEnd, denialStart))
            {
                uncertain = false;
            }

            // A hedged denial ("probably no fracture") is not a denial: the safer reading is that it may be there.
            var temporality = hypothetical ? Temporality.Hypothetical : historical ? Temporality.Historical : Temporality.Recent;
            return new ContextJudgement(negated && !uncertain, temporality, other ? Experiencer.Other : Experiencer.Patient, uncertain);
        }

        private bool CommaIn(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                if (_tokens[k].Mark == ',')
                {
                    return true;
                }
            }

            return false;
        }

        private bool Reaches(CueRule rule, int cueStart, int cueEnd)
        {
            if (wholeSentence)
            {
                return true;
            }

            var forward = rule.Direction != CueDirection.Backward
                && cueStart <= first && last > cueEnd && Open(rule, cueEnd, first, CueDirection.Forward);
            return forward || (rule.Direction != CueDirection.Forward
                && cueEnd >= last && cueStart > first && Open(rule, last, cueStart, CueDirection.Backward));
        }

        /// <summary>
        /// True when the gap [from, to) holds no more words than the cue reaches and no termination of its kind
        /// that ends scopes running in <paramref name="direction"/>.
        /// </summary>
        private bool Open(CueRule rule, int from, int to, CueDirection direction)
        {
            // Every token of the gap is tried, even inside a longer cue: a pseudo-cue hides the cue words it
            // covers, never a termination ("history :" must not hide the colon that ends a denial).
            var words = 0;
            var kind = CueRule.Bit(rule.Kind);
            for (var i = from; i < to; i++)
            {
                if (_tokens[i].IsWord && ++words > rule.Window)
                {
                    return false;
                }

                var (end, rules) = cues.LongestAt(_tokens, i, to);
                if (end == 0)
                {
                    continue;
                }

                foreach (var r in rules)
                {
                    if (r.Kind == CueKind.Termination && (r.Ends & kind) != 0
                        && (r.Direction == CueDirection.Both || r.Direction == direction))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
