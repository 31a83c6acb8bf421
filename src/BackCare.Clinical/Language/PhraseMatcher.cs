namespace BackCare.Clinical.Language;

/// <summary>Where one phrase of a <see cref="PhraseMatcher"/> was found: token positions, end exclusive.</summary>
internal readonly record struct PhraseMatch(int Payload, int Start, int End, int Phrase = -1);

/// <summary>
/// Finds lexicon phrases in tokens. A phrase is written as words separated by spaces, where
/// <c>a|b</c> is either word (<c>all_day</c> is the two words "all day" as one alternative), <c>numb*</c> is any word that begins "numb", <c>[my|the]</c> may be left
/// out, <c>..</c> skips up to three words and <c>...</c> up to six (never across punctuation) and <c>#</c> is any number.
/// Phrases are indexed by their first word, so a narrative is read in one pass.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int ShortGap = 3;
    private const int LongGap = 6;

    private readonly List<Phrase> _phrases = [];
    private readonly Dictionary<string, List<int>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
    private readonly List<int> _byNumber = [];

    public IEnumerable<string> Words =>
        _phrases.SelectMany(p => p.Elements).SelectMany(e => e.Words.Concat(e.Sequences.SelectMany(s => s)));

    public int Count => _phrases.Count;

    public string Text(int phrase) => _phrases[phrase].Source;

    public void Add(string phrase, int payload)
    {
        var elements = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Element.Parse).ToArray();
        if (elements.Length == 0 || elements[0].Optional || elements[0].Gap || elements[^1].Gap)
        {
            throw new FormatException($"The lexicon phrase '{phrase}' must begin and end with a word.");
        }

        var index = _phrases.Count;
        _phrases.Add(new Phrase(phrase, payload, elements));
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

    /// <summary>Every phrase found, at every position; for each phrase and start the longest reading.</summary>
    public void FindAll(ReadOnlySpan<Token> tokens, List<PhraseMatch> found)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Punctuation)
            {
                continue;
            }

            if (_byWord.TryGetValue(token.Text, out var exact))
            {
                TryAll(tokens, i, exact, found);
            }

            if (token.Text.Length >= 3 && _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token.Text.AsSpan(0, 3), out var byPrefix))
            {
                TryAll(tokens, i, byPrefix, found);
            }

            if (token.IsNumber && _byNumber.Count > 0)
            {
                TryAll(tokens, i, _byNumber, found);
            }
        }
    }

    private void TryAll(ReadOnlySpan<Token> tokens, int start, List<int> candidates, List<PhraseMatch> found)
    {
        foreach (var index in candidates)
        {
            var phrase = _phrases[index];
            var end = MatchFrom(tokens, start, phrase.Elements, 0, tokens[start].Sentence);
            if (end > start)
            {
                found.Add(new PhraseMatch(phrase.Payload, start, end, index));
            }
        }
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
                    if (k >= tokens.Length || tokens[k].Sentence != sentence || tokens[k].Kind == TokenKind.Punctuation)
                    {
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
    public bool IsOwnWord(int phrase, in Token token)
    {
        var text = token.Text;
        foreach (var element in _phrases[phrase].Elements)
        {
            if (!element.Gap && (element.Accepts(token) || element.Sequences.Any(s => Array.IndexOf(s, text) >= 0)))
            {
                return true;
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

    private sealed record Phrase(string Source, int Payload, Element[] Elements);

    private sealed record Element(string[] Words, string[] Prefixes, string[][] Sequences, bool Optional, bool Gap, bool AnyNumber, int GapSize = 0)
    {
        public static Element Parse(string text)
        {
            if (text is ".." or "...")
            {
                return new Element([], [], [], false, true, false, text == ".." ? ShortGap : LongGap);
            }

            var optional = text.StartsWith('[') && text.EndsWith(']');
            if (optional)
            {
                text = text[1..^1];
            }

            var alternatives = text.Split('|', StringSplitOptions.RemoveEmptyEntries);
            var words = alternatives.Where(a => !a.EndsWith('*') && a != "#" && !a.Contains('_', StringComparison.Ordinal)).ToArray();
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

            foreach (var word in Words)
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
