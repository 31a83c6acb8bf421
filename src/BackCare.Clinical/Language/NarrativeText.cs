using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace BackCare.Clinical.Language;

/// <summary>What a token of a narrative is.</summary>
internal enum TokenKind
{
    Word,
    Number,
    Punctuation,
}

/// <summary>
/// One word, number or punctuation mark of a narrative, lower-cased, with where it stands in the original
/// text, which sentence and clause it belongs to, and its value when it is a number (digits or a word).
/// </summary>
internal readonly record struct Token(string Text, TokenKind Kind, int Start, int End, int Sentence, int Clause, double Number, int Id = -1)
{
    public bool IsNumber => !double.IsNaN(Number);

    public bool IsWord => Kind != TokenKind.Punctuation;
}

internal static class TokenCounts
{
    /// <summary>How many words (not marks) the tokens from <paramref name="from"/> up to <paramref name="to"/> hold.</summary>
    public static int WordsBetween(this Token[] tokens, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            count += tokens[i].IsWord ? 1 : 0;
        }

        return count;
    }
}

/// <summary>
/// Splits a narrative into tokens, sentences and clauses. Clauses matter because negation, history and
/// other people ("my mother had…") reach only as far as the clause they are said in: a comma before a new
/// subject, a semicolon, or a word such as "but" starts a new one.
/// </summary>
internal static class NarrativeText
{
    private static readonly NarrativeWords Words = NarrativeWords.Default;

    // One working list per thread: a narrative's tokens are gathered here and copied out once.
    [ThreadStatic]
    private static List<Token>? working;

    public static Token[] Tokenize(string text)
    {
        var tokens = working ??= new List<Token>(256);
        tokens.Clear();
        var sentence = 0;
        var clause = 0;
        var glossEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = Plain(text[i]);
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var isNumber = char.IsDigit(c);
                while (i < text.Length && IsWordChar(text, i, isNumber))
                {
                    i++;
                }

                var (word, known) = Normalise(text.AsSpan(start, i - start));
                var respelt = known is null || known.Respelt ? Spelling.Respell(word) : null;
                if (isNumber && known is null && respelt is null && RunsIntoWord(word))
                {
                    // "3wks", "5kg", "10am": the number, then the word it runs into as a token of its own.
                    i = start;
                    while (i < text.Length && (char.IsDigit(Plain(text[i])) || (text[i] == '.' && i > start && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                    {
                        i++;
                    }

                    (word, known) = Normalise(text.AsSpan(start, i - start));
                }

                if (word.Length == 0)
                {
                    continue;
                }

                if (isNumber && SpokenDecimal(text, word, i) is { End: > 0 } spoken)
                {
                    // "38 point 4": a decimal point said to a phone joins the two numbers.
                    (word, known, i) = (spoken.Number, null, spoken.End);
                }

                if (known is { StartsADictatedMark: true } && DictatedMark(text, word, i) is { End: > 0 } said)
                {
                    // "my back hurts full stop new line": a mark said to a phone is the mark.
                    i = said.End;
                    if (said.Mark == ',')
                    {
                        Comma(start, i);
                    }
                    else
                    {
                        EndSentence();
                    }

                    continue;
                }

                if (known is { StartsDictatedWords: true } && DictatedWords(text, word, i) is { End: > 0 } heard)
                {
                    // "cant get my your in out", "sigh attica": words a phone heard for the one that was said.
                    i = heard.End;
                    foreach (var meant in heard.Means)
                    {
                        var part = KnownWordsCache.Value.GetValueOrDefault(meant);
                        tokens.Add(new Token(meant, TokenKind.Word, start, i, sentence, clause, part?.Number ?? double.NaN, part?.Id ?? -1));
                    }

                    continue;
                }

                if (respelt is not null || (known is null && !isNumber))
                {
                    if (respelt is not null)
                    {
                        // "2day", "yday", "idk": the words a texting form stands for, each a token of the same span.
                        for (var w = 0; w < respelt.Length - 1; w++)
                        {
                            var part = KnownWordsCache.Value.GetValueOrDefault(respelt[w]);
                            tokens.Add(new Token(respelt[w], TokenKind.Word, start, i, sentence, clause, part?.Number ?? double.NaN, part?.Id ?? -1));
                        }

                        word = respelt[^1];
                        known = KnownWordsCache.Value.GetValueOrDefault(word);
                    }
                    else if (Respelt(word) is { } right)
                    {
                        (word, known) = (right, KnownWordsCache.Value.GetValueOrDefault(right));
                    }
                }

                if (known is { ClauseBreak: true } && tokens.Count > 0 && tokens[^1].Sentence == sentence)
                {
                    clause++;
                }
                else if ((known is not null && ReferenceEquals(known.Text, word) ? known.ClauseJoiner : Words.ClauseJoiners.Contains(word))
                    && StartsNewStatement(text, i))
                {
                    clause++;
                }

                var number = isNumber ? ParseNumber(word) : known?.Number ?? double.NaN;
                tokens.Add(new Token(word, isNumber ? TokenKind.Number : TokenKind.Word, start, i, sentence, clause, number, known?.Id ?? -1));
                continue;
            }

            if (c == '.' && EllipsisGoesOn(text, i) is var pause and > 0)
            {
                // "sex just feels like... nothing": a pause, not the end of the sentence, when it runs on in lower case.
                clause++;
                i = pause;
                continue;
            }

            if (c is '.' or '!' or '?' or '\n' or '\r')
            {
                EndSentence();
                i++;
                continue;
            }

            if (c == ',')
            {
                Comma(i, i + 1);
                i++;
                continue;
            }

            if (c == '-' && !IsSpaced(text, i))
            {
                // "rear-ended", "mid-back": one phrase of two words; "2-3 days": a range.
                if (i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))
                {
                    tokens.Add(new Token(Words.NumberDash, TokenKind.Word, i, i + 1, sentence, clause, double.NaN));
                }

                i++;
                continue;
            }

            if (c is ';' or ':' or '/' or '(' or ')' or '–' or '—' or '-' or '&' or '+' or '%')
            {
                // "&", "%" and a "+" that is not "10+" stand for words ("and", "percent"); other marks stay marks.
                var said = c != '+' || !AfterNumber(text, i) ? Words.SymbolWords.GetValueOrDefault(c) : null;
                var text1 = said ?? (c is '–' or '—' ? "-" : c.ToString());
                var kind = said is not null ? TokenKind.Word : TokenKind.Punctuation;
                if (c == '(' && Gloss(text, i) is var close and > 0)
                {
                    // "the paikhana (stool) come out", "fell from iskele (scaffolding) 3 m": a word or two in brackets
                    // that says what the word before means is read as part of the words around it, without its brackets.
                    glossEnd = close;
                    i++;
                    continue;
                }

                if (c == ')' && i == glossEnd)
                {
                    i++;
                    continue;
                }

                if (c is ';' or '(' or ')' || (c is '–' or '—' or '-' && IsSpaced(text, i)))
                {
                    clause++;
                }

                tokens.Add(new Token(text1, kind, i, i + 1, sentence, clause, double.NaN));

                i++;
                continue;
            }

            i++;
        }

        SayMy(tokens);
        Token[] result = [.. CollapseInability(tokens)];
        if (tokens.Capacity > 4096)
        {
            // A long narrative's list is not kept for the thread's life.
            working = null;
        }

        return result;

        // A mark ends the sentence once, however many follow ("!!!", "full stop new line").
        void EndSentence()
        {
            if (tokens.Count > 0 && tokens[^1].Sentence == sentence)
            {
                sentence++;
                clause++;
            }
        }

        // A comma, written or said, starts a new clause when a new statement follows it.
        void Comma(int start, int end)
        {
            if (StartsNewStatement(text, end))
            {
                clause++;
            }

            tokens.Add(new Token(",", TokenKind.Punctuation, start, end, sentence, clause, double.NaN));
        }
    }

    // A gloss in brackets is at most this many words and characters: "(stool)", "(lower tummy)", "(corticoide)".
    private const int GlossWords = 3;
    private const int LongestGloss = 32;

    /// <summary>
    /// Where the ")" closes when the "(" at <paramref name="open"/> opens a short gloss: one to three words of letters
    /// on the line, no number or other mark, no word of denial ("(no fever)" keeps its own clause) nor one that makes it
    /// an aside ("(on alendronic acid)"), and no time or colon after it; 0 otherwise.
    /// </summary>
    private static int Gloss(string text, int open)
    {
        var words = 0;
        var start = -1;
        for (var k = open + 1; k < text.Length && k - open <= LongestGloss; k++)
        {
            var c = text[k];
            if (char.IsLetter(c) || (c is '\'' or '\u2019' && start >= 0))
            {
                start = start < 0 ? k : start;
                continue;
            }

            if (start >= 0 && text[start..k].ToLowerInvariant() is var word && (Words.AnswersNo.Contains(word) || Words.AsideWords.Contains(word)))
            {
                return 0;
            }

            (words, start) = start >= 0 ? (words + 1, -1) : (words, start);
            if (c == ')')
            {
                // "Mum (Linda) 22:47:" is a speaker's label, its time after the brackets.
                var next = k + 1;
                while (next < text.Length && (text[next] == ' ' || char.IsDigit(text[next])))
                {
                    next++;
                }

                return words is > 0 and <= GlossWords && (next >= text.Length || text[next] != ':') ? k : 0;
            }

            if (c != ' ')
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// Where an ellipsis ("...") ends when the words after it go on in lower case, so that the sentence goes on (the
    /// one mark "…" never ends one); 0 when it is no ellipsis or a new sentence follows.
    /// </summary>
    private static int EllipsisGoesOn(string text, int i)
    {
        var end = i;
        while (end < text.Length && text[end] == '.')
        {
            end++;
        }

        if (end - i < 2)
        {
            return 0;
        }

        var next = end;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        return next < text.Length && char.IsLower(text[next]) ? end : 0;
    }

    /// <summary>
    /// The mark that words said to a phone stand for ("comma", "full stop", "new line") when the word at
    /// <paramref name="end"/> begins them, and where they end; End is -1 when they do not stand there.
    /// </summary>
    private static (char Mark, int End) DictatedMark(string text, string word, int end)
    {
        foreach (var (words, mark) in Words.DictatedMarks)
        {
            if (string.Equals(words[0], word, StringComparison.Ordinal) && SaidNext(text, words, end) is var at and > 0)
            {
                return (mark, at);
            }
        }

        return (default, -1);
    }

    /// <summary>
    /// "38 point 4": a whole number, one of the decimal point's words and one or two digits, read as the decimal
    /// number ("38.4") and where it ends; End is -1 otherwise.
    /// </summary>
    private static (string Number, int End) SpokenDecimal(string text, string whole, int end)
    {
        if (whole.Contains('.') || !whole.All(char.IsAsciiDigit))
        {
            return ("", -1);
        }

        var (wordStart, wordEnd) = RunAfterSpaces(text, end, char.IsAsciiLetter);
        if (wordEnd == wordStart || wordStart == end || !Words.DecimalPoints.Contains(text[wordStart..wordEnd].ToLowerInvariant()))
        {
            return ("", -1);
        }

        var (digitsStart, at) = RunAfterSpaces(text, wordEnd, char.IsAsciiDigit);
        var digits = at - digitsStart;
        if (digitsStart == wordEnd || digits is 0 or > 2 || (at < text.Length && char.IsLetterOrDigit(text[at])))
        {
            return ("", -1);
        }

        return (string.Concat(whole, ".", text.AsSpan(digitsStart, digits)), at);
    }

    /// <summary>Past the spaces from <paramref name="from"/>, the run of characters that are <paramref name="part"/>: its start and end.</summary>
    private static (int Start, int End) RunAfterSpaces(string text, int from, Func<char, bool> part)
    {
        var start = from;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        var end = start;
        while (end < text.Length && part(text[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>
    /// The words a phone's dictation heard for others ("sigh attica") when the word at <paramref name="end"/> begins
    /// them, the words meant, and where they end; End is -1 when they do not stand there.
    /// </summary>
    private static (string[] Means, int End) DictatedWords(string text, string word, int end)
    {
        foreach (var (words, means) in Words.DictatedWords)
        {
            if (string.Equals(words[0], word, StringComparison.Ordinal) && SaidNext(text, words, end) is var at and > 0)
            {
                return (means, at);
            }
        }

        return ([], -1);
    }

    /// <summary>Where the rest of <paramref name="words"/> end when they follow <paramref name="end"/>, one space or more apart; -1 when they do not.</summary>
    private static int SaidNext(string text, string[] words, int end)
    {
        var at = end;
        for (var k = 1; k < words.Length; k++)
        {
            var from = at;
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }

            if (at == from)
            {
                return -1;
            }

            from = at;
            while (at < text.Length && char.IsLetter(text[at]))
            {
                at++;
            }

            if (!text.AsSpan(from, at - from).Equals(words[k], StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }
        }

        return at;
    }

    /// <summary>"Dragging me left foot", "ma back", "mi chest": "me", "ma" and "mi" before a part of the body are "my".</summary>
    private static void SayMy(List<Token> tokens)
    {
        var span = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i + 1 < span.Length; i++)
        {
            if (span[i].Text.Length != 2 || !Words.PossessiveForms.Contains(span[i].Text) || span[i + 1].Sentence != span[i].Sentence
                || !Words.PossessiveBefore.Contains(span[i + 1].Text))
            {
                continue;
            }

            var my = KnownWordsCache.Value[Words.PossessiveWord];
            span[i] = span[i] with { Text = my.Text, Id = my.Id };
        }
    }

    /// <summary>
    /// "Couldn't pee", "could not pee", "wasn't able to pee" and "have not been able to pass urine" all say the
    /// person cannot do something, which is a symptom, not a denial. They become one "can't" token (the
    /// lexicon's inability form) so that the lexicon's "can't …" phrases read them and the "not" inside them
    /// is never taken as a negation. The words of each way come from the "words" section ("inability_…").
    /// </summary>
    private static List<Token> CollapseInability(List<Token> tokens)
    {
        List<Token>? collapsed = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var end = InabilityEnd(tokens, i);
            if (end < 0)
            {
                collapsed?.Add(tokens[i]);
                continue;
            }

            collapsed ??= tokens[..i];
            var canT = KnownWordsCache.Value[Words.InabilityForm];
            collapsed.Add(tokens[i] with { Text = canT.Text, End = tokens[end].End, Id = canT.Id, Number = double.NaN, Kind = TokenKind.Word });
            i = end;
        }

        return collapsed ?? tokens;
    }

    // Every word an inability phrase can begin with: most tokens are passed over with this one look-up.
    private static readonly HashSet<string> InabilityStarts = new(
        Words.InabilityWords.Concat(Words.InabilityPairs.Select(p => p[0])).Concat(Words.InabilityNegators), StringComparer.Ordinal);

    /// <summary>The index of the last token of an inability phrase starting at <paramref name="i"/>, or -1.</summary>
    private static int InabilityEnd(List<Token> tokens, int i)
    {
        string At(int k) => k < tokens.Count && tokens[k].Sentence == tokens[i].Sentence ? tokens[k].Text : string.Empty;

        var word = tokens[i].Text;
        if (!InabilityStarts.Contains(word))
        {
            return -1;
        }

        var span = CollectionsMarshal.AsSpan(tokens);
        var sentence = tokens[i].Sentence;
        if (Words.InabilityWords.Contains(word))
        {
            return i;
        }

        var pair = TextOrder.SequenceAt(span, i, Words.InabilityPairs, sentence);
        if (pair > 0)
        {
            return i + pair - 1;
        }

        if (!Words.InabilityNegators.Contains(word))
        {
            return -1;
        }

        var k = i + 1;
        if (Words.InabilityFillers.Contains(At(k)))
        {
            // "I haven't really been able to feel it"
            k++;
        }

        if (Words.InabilityBe.Contains(At(k)))
        {
            k++;
        }

        var able = TextOrder.SequenceAt(span, k, Words.InabilityAble, sentence);
        return able > 0 ? k + able - 1 : -1;
    }

    /// <summary>True for a run that starts with digits and goes on with letters ("3wks"), not an ordinal ("3rd").</summary>
    private static bool RunsIntoWord(string word)
    {
        var k = 0;
        while (k < word.Length && (char.IsDigit(word[k]) || word[k] == '.'))
        {
            k++;
        }

        return k > 0 && k < word.Length && char.IsLetter(word[k]) && !Words.DayOfMonthSuffixes.Contains(word[k..]);
    }

    /// <summary>A dropped g put back ("gettin", "liftin"), else the lexicon word a misspelling stands for, or null.</summary>
    private static string? Respelt(string word)
    {
        if (word.Length > 4 && word.EndsWith("in", StringComparison.Ordinal)
            && (KnownWordsCache.Value.ContainsKey(word + "g") || Spelling.IsTarget(word + "g")))
        {
            return word + "g";
        }

        // A target may be a word the lexicon only knows by its start ("paralysed" for "paralys*").
        return Spelling.Correct(word);
    }

    /// <summary>Characters that join a word without being part of it: zero-width spaces and joiners, soft hyphens.</summary>
    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>
    /// The letters of U+00C0 to U+017F (Latin-1 and Latin Extended-A) without their accents, in order; a letter with
    /// no plain form (æ, ß, þ) is itself. Written out because .NET's Unicode normalisation does nothing under invariant
    /// globalization, which BackCare runs with.
    /// </summary>
    private const string Unaccent =
        "AAAAAA\u00C6CEEEEIIII\u00D0NOOOOO\u00D7OUUUUY\u00DE\u00DF" +
        "aaaaaa\u00E6ceeeeiiii\u00F0nooooo\u00F7ouuuuy\u00FEy" +
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg" +
        "GgGgHhHhIiIiIiIiIi\u0132\u0133JjKk\u0138LlLlLl\u013F" +
        "\u0140LlNnNnNn\u0149\u014A\u014BOoOoOo\u0152\u0153RrRrRrSsSsSs" +
        "SsTtTt\u0166\u0167UuUuUuUuUuUuWwYyYZzZzZz\u017F";

    private const char FirstAccented = '\u00C0';

    /// <summary>
    /// A Latin letter without its accents, so that words of other languages mixed into English ("cáncer", "fiebre",
    /// "baño", Polish "łydka") meet the lexicon and the respellings as people also type them without accents; other
    /// characters as they are.
    /// </summary>
    private static char Unaccented(char c) =>
        c >= FirstAccented && c - FirstAccented < Unaccent.Length ? Unaccent[c - FirstAccented] : c;

    /// <summary>Full-width letters and digits ("ｃａｎ'ｔ ｐｅｅ") as their ordinary forms; other apostrophes as one.</summary>
    private static char Plain(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '’' or '‘' or 'ʼ' or '′' or '`' or '´' => '\'',
        _ => c,
    };

    private static bool IsWordChar(string text, int i, bool isNumber)
    {
        var c = Plain(text[i]);
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        if (IsInvisible(c) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
        {
            return true;
        }

        // Apostrophes inside words ("can't", "I've") and decimal points inside numbers ("38.5").
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (c is '\'' or '’' && char.IsLetter(next) && i > 0 && char.IsLetter(text[i - 1]))
        {
            return true;
        }

        return isNumber && c is '.' or ',' && char.IsDigit(next) && i > 0 && char.IsDigit(text[i - 1]) && c == '.';
    }

    /// <summary>"10++", "6+ months": a plus right after a number (or after such a plus) is a mark that says "or more", not "and".</summary>
    private static bool AfterNumber(string text, int i)
    {
        var k = i - 1;
        while (k >= 0 && text[k] == '+')
        {
            k--;
        }

        return k >= 0 && char.IsDigit(text[k]);
    }

    private static bool IsSpaced(string text, int i) =>
        (i == 0 || char.IsWhiteSpace(text[i - 1])) || (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]));

    /// <summary>True when the next word after position <paramref name="from"/> begins a new statement.</summary>
    private static bool StartsNewStatement(string text, int from)
    {
        var i = from;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            if (text[i] is '.' or '!' or '?' or '\n')
            {
                return false;
            }

            i++;
        }

        var start = i;
        while (i < text.Length && (char.IsLetter(text[i]) || text[i] is '\'' or '’'))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[Math.Min(i - start, 16)];
        var word = text.AsSpan(start, Math.Min(i - start, 16));
        word.ToLowerInvariant(buffer);
        for (var k = 0; k < buffer.Length; k++)
        {
            if (buffer[k] == '’')
            {
                buffer[k] = '\'';
            }
        }

        return StarterLookup.Contains(buffer);
    }

    private static (string Text, KnownWord? Known) Normalise(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        var length = 0;
        foreach (var c in word)
        {
            if (!IsInvisible(c))
            {
                buffer[length++] = char.ToLowerInvariant(Unaccented(Plain(c)));
            }
        }

        buffer = buffer[..length];

        // "bladder's fine", "mum's cancer": the word without its 's.
        if (buffer.Length > 3 && buffer[^2] == '\'' && buffer[^1] == 's' && !KeepsApostropheS(buffer))
        {
            buffer = buffer[..^2];
        }

        if (KnownWordLookup.Value.TryGetValue(buffer, out var known))
        {
            return (known.Text, known);
        }

        return (buffer.ToString(), null);
    }

    private static bool KeepsApostropheS(ReadOnlySpan<char> word) => KeepApostropheSLookup.Contains(word);

    /// <summary>The number of a word the lexicon knows, or -1: phrases are indexed by it.</summary>
    public static int IdOf(string word) => KnownWordsCache.Value.TryGetValue(word, out var known) ? known.Id : -1;

    public static int KnownWordCount => KnownWordsCache.Value.Count;

    /// <summary>The form a known word's number stands for ("can't" for the number of "cannot").</summary>
    public static string TextOf(int id) => TextById.Value[id];

    /// <summary>The form a known word is read as ("cannot" is "can't"), or null when the word is not known.</summary>
    public static string? KnownForm(string word) => KnownWordsCache.Value.TryGetValue(word, out var known) ? known.Text : null;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StarterLookup =
        Words.ClauseStarters.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeepApostropheSLookup =
        Words.KeepApostropheS.GetAlternateLookup<ReadOnlySpan<char>>();

    private static double ParseNumber(string word) =>
        double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : double.NaN;

    /// <summary>
    /// Every word the lexicon, the cues and the time reader know, with one string, one number and what it
    /// does to clauses, so that a token is looked up once. Spelling variants map to one form ("cannot" is
    /// "can't").
    /// </summary>
    private static readonly Lazy<Dictionary<string, KnownWord>> KnownWordsCache = new(() =>
    {
        var words = new Dictionary<string, KnownWord>(StringComparer.Ordinal);
        void Add(string w)
        {
            if (!words.ContainsKey(w))
            {
                words[w] = new KnownWord(w, words.Count, Words.Numbers.GetValueOrDefault(w, double.NaN), Words.ClauseBreaks.Contains(w))
                {
                    StartsADictatedMark = Array.Exists(Words.DictatedMarks, m => m.Words[0] == w),
                    StartsDictatedWords = Array.Exists(Words.DictatedWords, m => m.Words[0] == w),
                    Respelt = Spelling.Respell(w) is not null,
                    ClauseJoiner = Words.ClauseJoiners.Contains(w),
                };
            }
        }

        foreach (var w in Lexicon.Default.Words.Concat(Words.All))
        {
            Add(w);
        }

        foreach (var (variant, form) in Words.Spellings)
        {
            Add(form);
            words[variant] = words[form];
        }

        return words;
    });


    // Frozen: read for every token of every narrative, built once.
    private static readonly Lazy<FrozenDictionary<string, KnownWord>.AlternateLookup<ReadOnlySpan<char>>> KnownWordLookup =
        new(() => KnownWordsCache.Value.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());

    private static readonly Lazy<string[]> TextById = new(() =>
    {
        var texts = new string[KnownWordsCache.Value.Count];
        foreach (var known in KnownWordsCache.Value.Values)
        {
            texts[known.Id] = known.Text;
        }

        return texts;
    });

    private sealed record KnownWord(string Text, int Id, double Number, bool ClauseBreak)
    {
        /// <summary>True when the word may begin a mark said as words ("comma", "full stop").</summary>
        public bool StartsADictatedMark { get; init; }

        /// <summary>True when the word may begin words a phone heard for another ("sigh" of "sigh attica").</summary>
        public bool StartsDictatedWords { get; init; }

        /// <summary>True when texting spells the word for others ("yo" for "years old"): asked once, not for every token.</summary>
        public bool Respelt { get; init; }

        /// <summary>True when the word may join a new statement to the last ("and", "so").</summary>
        public bool ClauseJoiner { get; init; }
    }
}
