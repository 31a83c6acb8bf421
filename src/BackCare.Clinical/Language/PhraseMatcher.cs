using System.Runtime.InteropServices;

namespace BackCare.Clinical.Language;

/// <summary>Where one phrase of a <see cref="PhraseMatcher"/> was found: token positions, end exclusive.</summary>
internal readonly record struct PhraseMatch(int Payload, int Start, int End, int Phrase = -1);

/// <summary>
/// Finds lexicon phrases in tokens. A phrase is written as words separated by spaces, where
/// <c>a|b</c> is either word (<c>all_day</c> is the two words "all day" as one alternative), <c>numb*</c> is any word that begins "numb", <c>[my|the]</c> may be left
/// out, <c>..</c> skips up to three words and <c>...</c> up to six (never across punctuation or into another clause),
/// <c>~</c> up to fourteen anywhere in the sentence, and <c>#</c> is any number.
/// Phrases are indexed by their first word, so a narrative is read in one pass.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int ShortGap = 3;
    private const int LongGap = 6;

    // "~": up to this many tokens anywhere in the sentence, across commas and clauses ("a lump in her tummy, just
    // above the belly button, and it's pulsing"), for phrases whose two ends say the finding only together.
    private const int SentenceGap = 14;

    private readonly List<Phrase> _phrases = [];
    private readonly Dictionary<string, List<int>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
    private readonly List<int> _byNumber = [];
    private FirstWord?[]? _byId;

    // For each phrase, the masks (SentenceWords.Mask) of the first NeedSlots word lists it needs, side by side in
    // one array: most phrases tried are ruled out here, without a look at the phrase itself.
    private const int NeedSlots = 3;
    private ulong[] _needMasks = [];
    private int[]?[]? _byPrefixId;
    private Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _prefixes;

    // "wet myself" is also "wet herself" when someone writes for the patient: the person words of a phrase
    // stand for anyone's, in a matcher made to read findings.
    private static readonly Dictionary<string, string[]> AnyPerson = new(StringComparer.Ordinal)
    {
        ["my"] = ["my", "his", "her", "their", "your", "our"],
        ["myself"] = ["myself", "himself", "herself", "themselves", "themself", "yourself"],
        ["me"] = ["me", "him", "her", "them"],
        ["i"] = ["i", "he", "she", "they", "you"],
        ["i'm"] = ["i'm", "he's", "she's", "they're", "you're"],
        ["i've"] = ["i've", "he's", "she's", "they've", "you've"],
        ["mine"] = ["mine", "his", "hers", "theirs"],
    };

    private readonly bool _anyPerson;

    /// <param name="anyPerson">True when "my", "me", "I" in a phrase also stand for "his", "her", "he", "she" and so on.</param>
    public PhraseMatcher(bool anyPerson = false)
    {
        _anyPerson = anyPerson;
        _prefixes = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IEnumerable<string> Words =>
        _phrases.SelectMany(p => p.Elements).SelectMany(e => e.Words.Concat(e.Sequences.SelectMany(s => s)));

    public int Count => _phrases.Count;

    public string Text(int phrase) => _phrases[phrase].Source;

    public void Add(string phrase, int payload)
    {
        var elements = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => Element.Parse(e, _anyPerson)).ToArray();
        if (elements.Length == 0 || elements[0].Optional || elements[0].Gap || elements[^1].Gap)
        {
            throw new FormatException($"The lexicon phrase '{phrase}' must begin and end with a word.");
        }

        var index = _phrases.Count;
        var (required, reach) = FirstRequiredAfterGap(elements);
        _phrases.Add(new Phrase(phrase, payload, elements, SecondIsPlainWords(elements), required, reach));
        var first = elements[0];
        if (first.AnyNumber)
        {
            _byNumber.Add(index);
        }

        foreach (var word in first.Words)
        {
            Add(_byWord, word, index);
        }

        foreach (var sequence in first.Sequences)
        {
            Add(_byWord, sequence[0], index);
        }

        foreach (var prefix in first.Prefixes)
        {
            if (prefix.Length < 3)
            {
                throw new FormatException($"The prefix '{prefix}*' in '{phrase}' is too short: use three letters or more.");
            }

            Add(_byPrefix, prefix[..3], index);
        }
    }

    private static bool IsQuoteMark(in Token token) => token.Text is "'" or "\"" or "“" or "”" or "„" or "«" or "»";

    /// <summary>Every phrase found, at every position; for each phrase and start the longest reading.</summary>
    public void FindAll(ReadOnlySpan<Token> tokens, List<PhraseMatch> found)
    {
        var byId = ById();
        var seen = SentenceWords.For(NarrativeText.KnownWordCount);
        var stamped = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Punctuation)
            {
                continue;
            }

            if (token.Sentence != stamped)
            {
                seen.Stamp(tokens, i);
                stamped = token.Sentence;
            }

            if (token.Id >= 0 && token.Id < byId.Length && byId[token.Id] is { } first)
            {
                var segment = found.Count;
                TryAll(tokens, i, first.Always, seen, found);
                var alwaysFound = found.Count > segment;
                var next = i + 1 < tokens.Length && tokens[i + 1].Sentence == token.Sentence ? tokens[i + 1].Id : -1;
                if (next >= 0 && first.BySecond.TryGetValue(next, out var bySecond))
                {
                    var secondFrom = found.Count;
                    TryAll(tokens, i, bySecond, seen, found);
                    if (alwaysFound && found.Count > secondFrom)
                    {
                        // Keep the order of the word's own list, as if every phrase had been tried in turn.
                        CollectionsMarshal.AsSpan(found)[segment..].Sort(new ByRank(first.Rank));
                    }
                }
            }

            if (token.Text.Length >= 3 && PrefixPhrases(token) is { IsEmpty: false } byPrefix)
            {
                TryAll(tokens, i, byPrefix, seen, found);
            }

            if (token.IsNumber && _byNumber.Count > 0)
            {
                TryAll(tokens, i, CollectionsMarshal.AsSpan(_byNumber), seen, found);
            }
        }
    }

    /// <summary>The phrases whose first word is a prefix ("numb*") the token begins with; a known word's list is looked up once.</summary>
    private ReadOnlySpan<int> PrefixPhrases(in Token token)
    {
        var byPrefixId = _byPrefixId!;
        if (token.Id >= 0 && token.Id < byPrefixId.Length && ReferenceEquals(token.Text, NarrativeText.TextOf(token.Id)))
        {
            return byPrefixId[token.Id];
        }

        return _prefixes.TryGetValue(token.Text.AsSpan(0, 3), out var byPrefix) ? CollectionsMarshal.AsSpan(byPrefix) : [];
    }

    /// <summary>
    /// The phrases that begin with one word: those that can only go on with a given second word, by that word's
    /// number (most phrases, so that "no" tries its phrases for "no fever" and not its hundreds of others), and
    /// the rest, tried always.
    /// </summary>
    private sealed class FirstWord
    {
        public required int[] Always { get; init; }

        public required Dictionary<int, int[]> BySecond { get; init; }

        /// <summary>Each phrase's place in the word's list.</summary>
        public required Dictionary<int, int> Rank { get; init; }
    }

    /// <summary>Orders matches by their phrase's place in a first word's list (a struct, so sorting allocates nothing).</summary>
    private readonly struct ByRank(Dictionary<int, int> rank) : IComparer<PhraseMatch>
    {
        public int Compare(PhraseMatch a, PhraseMatch b) => rank[a.Phrase].CompareTo(rank[b.Phrase]);
    }

    /// <summary>The first-word index by word number, built once the known words are numbered.</summary>
    private FirstWord?[] ById()
    {
        if (_byId is { } built)
        {
            return built;
        }

        foreach (var phrase in _phrases)
        {
            phrase.Number();
        }

        var needMasks = new ulong[_phrases.Count * NeedSlots];
        for (var p = 0; p < _phrases.Count; p++)
        {
            var needed = _phrases[p].Needed;
            for (var slot = 0; slot < Math.Min(NeedSlots, needed.Length); slot++)
            {
                needMasks[(p * NeedSlots) + slot] = SentenceWords.MaskOf(needed[slot]);
            }
        }

        _needMasks = needMasks;

        var lists = new List<int>?[NarrativeText.KnownWordCount];
        foreach (var (word, phrases) in _byWord)
        {
            var id = NarrativeText.IdOf(word);
            if (id < 0)
            {
                throw new InvalidOperationException($"The lexicon word '{word}' has no number.");
            }

            // Spelling variants ("cannot", "can't") share a number, so their phrases share a list.
            lists[id] = lists[id] is { } existing ? [.. existing.Union(phrases)] : phrases;
        }

        var byId = new FirstWord?[lists.Length];
        for (var id = 0; id < lists.Length; id++)
        {
            if (lists[id] is not { } list)
            {
                continue;
            }

            var always = new List<int>();
            var bySecond = new Dictionary<int, List<int>>();
            foreach (var index in list)
            {
                var phrase = _phrases[index];
                if (!phrase.Second || !phrase.Elements[1].AllNumbered)
                {
                    always.Add(index);
                    continue;
                }

                foreach (var second in phrase.Elements[1].Ids)
                {
                    if (!bySecond.TryGetValue(second, out var phrases))
                    {
                        bySecond[second] = phrases = [];
                    }

                    phrases.Add(index);
                }
            }

            byId[id] = new FirstWord
            {
                Always = [.. always],
                BySecond = bySecond.ToDictionary(p => p.Key, p => p.Value.ToArray()),
                Rank = list.Select((index, rank) => (index, rank)).ToDictionary(p => p.index, p => p.rank),
            };
        }

        var byPrefixId = new int[]?[lists.Length];
        for (var id = 0; id < byPrefixId.Length; id++)
        {
            var text = NarrativeText.TextOf(id);
            byPrefixId[id] = text is { Length: >= 3 } && _prefixes.TryGetValue(text.AsSpan(0, 3), out var byPrefix) ? [.. byPrefix] : null;
        }

        _byPrefixId = byPrefixId;
        return _byId = byId;
    }

    private void TryAll(ReadOnlySpan<Token> tokens, int start, ReadOnlySpan<int> candidates, SentenceWords seen, List<PhraseMatch> found)
    {
        var hasNext = start + 1 < tokens.Length && tokens[start + 1].Sentence == tokens[start].Sentence;
        var sentenceMask = seen.Mask;
        var needMasks = _needMasks;
        foreach (var index in candidates)
        {
            var masks = needMasks.AsSpan(index * NeedSlots, NeedSlots);
            if ((masks[0] != 0 && (masks[0] & sentenceMask) == 0) || (masks[1] != 0 && (masks[1] & sentenceMask) == 0)
                || (masks[2] != 0 && (masks[2] & sentenceMask) == 0))
            {
                // A word the phrase needs is surely not in the sentence: no look at the phrase at all.
                continue;
            }

            var phrase = _phrases[index];
            if (phrase.Second && (!hasNext || !phrase.Elements[1].Accepts(tokens[start + 1])))
            {
                // Most phrases that share a first word differ at the second: rule them out without a walk.
                continue;
            }

            if (!seen.HasAll(phrase.Needed))
            {
                // "can't feel .. when .. bladder .. full" in a sentence with no "bladder" in it: no walk.
                continue;
            }

            if (phrase.Required > 0 && !AnyNear(tokens, start, phrase.Elements[phrase.Required], phrase.Reach))
            {
                // "no .. feeling": nothing within reach could be "feeling", so no walk through the gap.
                continue;
            }

            var end = MatchFrom(tokens, start, phrase.Elements, 0, tokens[start].Sentence);
            if (end > start)
            {
                found.Add(new PhraseMatch(phrase.Payload, start, end, index));
            }
        }
    }

    private static bool AnyNear(ReadOnlySpan<Token> tokens, int start, Element element, int reach)
    {
        var sentence = tokens[start].Sentence;
        for (var k = start + 1; k <= start + reach && k < tokens.Length && tokens[k].Sentence == sentence; k++)
        {
            if (element.Accepts(tokens[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The end of the longest match of elements[e..] at token t, or -1.</summary>
    private static int MatchFrom(ReadOnlySpan<Token> tokens, int t, Element[] elements, int e, int sentence)
    {
        if (e == elements.Length)
        {
            return t;
        }

        var element = elements[e];
        var best = -1;
        if (element.Gap)
        {
            for (var skip = 0; skip <= element.GapSize; skip++)
            {
                if (skip > 0)
                {
                    var k = t + skip - 1;
                    if (k >= tokens.Length || tokens[k].Sentence != sentence)
                    {
                        break;
                    }

                    if (!element.AcrossClauses && ((tokens[k].Kind == TokenKind.Punctuation && !IsQuoteMark(tokens[k])) || (t > 0 && tokens[k].Clause != tokens[t - 1].Clause)))
                    {
                        // A gap never skips into another clause: "no pain in my legs but they feel weak". It does skip a
                        // quotation mark, which only says whose words they are: "his leg 'keeps folding under him'".
                        break;
                    }
                }

                best = Math.Max(best, MatchFrom(tokens, t + skip, elements, e + 1, sentence));
            }

            return best;
        }

        if (t < tokens.Length && tokens[t].Sentence == sentence && element.Accepts(tokens[t]))
        {
            best = MatchFrom(tokens, t + 1, elements, e + 1, sentence);
        }

        foreach (var sequence in element.Sequences)
        {
            if (StartsWith(tokens, t, sequence, sentence))
            {
                best = Math.Max(best, MatchFrom(tokens, t + sequence.Length, elements, e + 1, sentence));
            }
        }

        if (element.Optional)
        {
            best = Math.Max(best, MatchFrom(tokens, t, elements, e + 1, sentence));
        }

        return best;
    }

    /// <summary>
    /// True when the token is one of the phrase's own words rather than one skipped by a gap: in "my leg
    /// isn't weak" read by "leg .. weak", "isn't" is skipped, so it still denies the phrase.
    /// </summary>
    public bool IsOwnWord(int phrase, ReadOnlySpan<Token> tokens, int at)
    {
        var token = tokens[at];
        foreach (var element in _phrases[phrase].Elements)
        {
            if (element.Gap)
            {
                continue;
            }

            if (element.Accepts(token))
            {
                return true;
            }

            // A word of a sequence is the phrase's own only where the whole sequence stands ("not" of "not_feeling",
            // not the "not" of "legs not numb" that a gap of the phrase passed over).
            foreach (var sequence in element.Sequences)
            {
                for (var k = 0; k < sequence.Length; k++)
                {
                    if (string.Equals(sequence[k], token.Text, StringComparison.Ordinal) && at - k >= 0
                        && StartsWith(tokens, at - k, sequence, token.Sentence))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool StartsWith(ReadOnlySpan<Token> tokens, int t, string[] sequence, int sentence)
    {
        if (t + sequence.Length > tokens.Length)
        {
            return false;
        }

        for (var k = 0; k < sequence.Length; k++)
        {
            if (tokens[t + k].Sentence != sentence || !string.Equals(tokens[t + k].Text, sequence[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int phrase)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (!list.Contains(phrase))
        {
            list.Add(phrase);
        }
    }

    /// <summary>True when the second element is a plain required list of words, which rules a phrase out at its second token.</summary>
    private static bool SecondIsPlainWords(Element[] elements)
    {
        if (elements.Length < 2)
        {
            return false;
        }

        var second = elements[1];
        return !(second.Gap || second.Optional || second.AnyNumber || second.Prefixes.Length > 0 || second.Sequences.Length > 0);
    }

    /// <summary>
    /// For a phrase whose second element is a gap ("no .. feeling"), the first plain element after it and how many
    /// tokens after the first word it may stand at; (-1, 0) for other phrases.
    /// </summary>
    private static (int Element, int Reach) FirstRequiredAfterGap(Element[] elements)
    {
        if (elements.Length < 3 || !elements[1].Gap)
        {
            return (-1, 0);
        }

        var reach = 1;
        for (var e = 1; e < elements.Length; e++)
        {
            var element = elements[e];
            if (element.Gap)
            {
                reach += element.GapSize;
                continue;
            }

            return element.Optional || element.AnyNumber || element.Sequences.Length > 0 ? (-1, 0) : (e, reach);
        }

        return (-1, 0);
    }

    /// <param name="Second">True when the second element is plain words, so a phrase whose second word is not there is ruled out at once.</param>
    private sealed record Phrase(string Source, int Payload, Element[] Elements, bool Second, int Required = -1, int Reach = 0)
    {
        /// <summary>
        /// For each element after the first that the phrase cannot do without and that matches by word number only,
        /// the numbers it accepts: the phrase can match only in a sentence that holds one of each. Set once numbered.
        /// </summary>
        public int[][] Needed { get; set; } = [];

        public void Number()
        {
            foreach (var element in Elements)
            {
                element.Number();
            }

            Needed = [.. Elements.Skip(1).Where(e => e.NumberedOnly).Select(e => e.Ids)];
        }
    }

    private sealed record Element(string[] Words, string[] Prefixes, string[][] Sequences, bool Optional, bool Gap, bool AnyNumber, int GapSize = 0)
    {
        // Until the known words are numbered every word is compared as text; after, each word a token can carry is
        // compared by its number, and only words without one (or spelling variants, never a token's text) as text.
        private int[] _ids = [];
        private HashSet<int>? _idSet;
        private string[] _byText = Words;

        public bool AcrossClauses => GapSize == SentenceGap;

        /// <summary>The numbers of the words a token can carry, once numbered.</summary>
        public int[] Ids => _ids;

        /// <summary>
        /// True when every word has a number, so a token matches only by its number; never for punctuation (","),
        /// whose tokens carry no number.
        /// </summary>
        public bool AllNumbered => _byText.Length == 0 && Words.Length > 0 && Words.All(w => w.Any(char.IsLetterOrDigit));

        /// <summary>True when a token can match this element only by carrying one of <see cref="Ids"/>, and the phrase needs it.</summary>
        public bool NumberedOnly => !Gap && !Optional && !AnyNumber && Prefixes.Length == 0 && Sequences.Length == 0 && AllNumbered;

        /// <summary>Numbers the element's words, once the known words are numbered.</summary>
        public void Number()
        {
            var ids = new List<int>(Words.Length);
            var byText = new List<string>();
            foreach (var word in Words)
            {
                var id = NarrativeText.IdOf(word);
                if (id >= 0 && string.Equals(NarrativeText.KnownForm(word), word, StringComparison.Ordinal))
                {
                    ids.Add(id);
                }
                else
                {
                    byText.Add(word);
                }
            }

            _ids = [.. ids.Distinct()];
            _idSet = _ids.Length > 6 ? [.. _ids] : null;
            _byText = [.. byText];
        }

        public static Element Parse(string text, bool anyPerson)
        {
            if (text is ".." or "..." or "~")
            {
                return new Element([], [], [], false, true, false, text switch { ".." => ShortGap, "..." => LongGap, _ => SentenceGap });
            }

            var optional = text.StartsWith('[') && text.EndsWith(']');
            if (optional)
            {
                text = text[1..^1];
            }

            var alternatives = text.Split('|', StringSplitOptions.RemoveEmptyEntries);
            var words = alternatives.Where(a => !a.EndsWith('*') && a != "#" && !a.Contains('_', StringComparison.Ordinal)).ToArray();
            if (anyPerson)
            {
                words = [.. words.SelectMany(w => AnyPerson.TryGetValue(w, out var forms) ? forms : [w]).Distinct()];
            }

            var prefixes = alternatives.Where(a => a.EndsWith('*') && !a.Contains('_', StringComparison.Ordinal)).Select(a => a[..^1]).ToArray();
            var sequences = alternatives.Where(a => a.Contains('_', StringComparison.Ordinal)).Select(a => a.Split('_')).ToArray();
            return new Element(words, prefixes, sequences, optional, false, alternatives.Contains("#"));
        }

        public bool Accepts(in Token token)
        {
            if (token.Kind == TokenKind.Punctuation)
            {
                return Array.IndexOf(Words, token.Text) >= 0;
            }

            if (AnyNumber && token.IsNumber)
            {
                return true;
            }

            if (token.Id >= 0 && (_idSet?.Contains(token.Id) ?? Array.IndexOf(_ids, token.Id) >= 0)
                && string.Equals(token.Text, NarrativeText.TextOf(token.Id), StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var word in _byText)
            {
                if (string.Equals(word, token.Text, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            foreach (var prefix in Prefixes)
            {
                if (token.Text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
