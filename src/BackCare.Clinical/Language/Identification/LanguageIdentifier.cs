using System.Collections.Frozen;
using System.Text.Json;

namespace BackCare.Clinical.Language.Identification;

/// <summary>A language the identifier can name, or one of its two other answers: English, and noise.</summary>
public sealed class IdentifiedLanguage
{
    internal IdentifiedLanguage(string code, string name)
    {
        Code = code;
        Name = name;
    }

    /// <summary>The ISO 639-1 code (<c>en</c>, <c>es</c>, ...), or <c>und</c> for noise.</summary>
    public string Code { get; }

    /// <summary>The language's name in English words ("Spanish").</summary>
    public string Name { get; }

    public bool IsEnglish => Code == LanguageIdentifier.EnglishCode;

    /// <summary>No language at all: no letters (emoji, digits, punctuation), keyboard mashing, or a script the data does not name.</summary>
    public bool IsNoise => Code == LanguageIdentifier.NoiseCode;

    /// <summary>A language other than English, named.</summary>
    public bool IsOther => !IsEnglish && !IsNoise;

    public override string ToString() => Code;
}

/// <summary>
/// Tells English from other languages and from noise, biased to English: a text is called another language only
/// when that language's words clearly outnumber English ones (or its script outweighs the Latin letters), so
/// texting, typos, non-native English and English with a foreign word or a place name stay English. Pure and
/// data-driven: the scripts, word lists and accent marks are in languages.json (our own lists; see
/// docs/decisions/0007-language-identification.md). One pass over the text, no allocation per word.
/// </summary>
public static class LanguageIdentifier
{
    public const string EnglishCode = "en";
    public const string NoiseCode = "und";

    private const int MaxWordLength = 40;

    private static readonly Lazy<Model> Data = new(Model.Load);

    public static IdentifiedLanguage English => Data.Value.English;

    public static IdentifiedLanguage Noise => Data.Value.Noise;

    /// <summary>Every language the identifier can name, English first.</summary>
    public static IReadOnlyList<IdentifiedLanguage> Languages => Data.Value.Languages;

    /// <summary>The English name of a language code the identifier knows ("es" → "Spanish"), or null.</summary>
    public static string? NameOf(string code) =>
        Data.Value.Languages.FirstOrDefault(l => l.Code == code)?.Name;

    public static IdentifiedLanguage Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Data.Value.Identify(text);
    }

    /// <summary>The writing systems the identifier tells apart.</summary>
    internal enum Script
    {
        None,
        Latin,
        Cyrillic,
        Greek,
        Arabic,
        Hebrew,
        Devanagari,
        Thai,
        Han,
        Kana,
        Hangul,
        OtherLetters,
    }

    internal static Script ScriptOf(char c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Script.Latin,
        < '\u00C0' => Script.None,
        '\u00D7' or '\u00F7' => Script.None,
        <= '\u024F' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        >= '\u0590' and <= '\u05FF' => Script.Hebrew,
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => Script.Arabic,
        >= '\u0900' and <= '\u097F' => Script.Devanagari,
        >= '\u0E00' and <= '\u0E7F' => Script.Thai,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u3040' and <= '\u30FF' => Script.Kana,
        >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => Script.Han,
        >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' => Script.Hangul,
        _ => char.IsLetter(c) ? Script.OtherLetters : Script.None,
    };

    private sealed class Model
    {
        private readonly IdentifiedLanguage[] _languages;
        private readonly Dictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> _words;
        private readonly FrozenDictionary<char, ulong> _marks;
        private readonly char[] _fold;
        private readonly IdentifiedLanguage?[] _byScript;
        private readonly string[] _keyboard;
        private readonly int _minimumWords;
        private readonly int _englishWeight;

        private Model(IdentifiedLanguage[] languages, Dictionary<string, ulong> words, FrozenDictionary<char, ulong> marks, char[] fold,
            IdentifiedLanguage?[] byScript, string[] keyboard, int minimumWords, int englishWeight, IdentifiedLanguage noise)
        {
            _languages = languages;
            _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
            _marks = marks;
            _fold = fold;
            _byScript = byScript;
            _keyboard = keyboard;
            _minimumWords = minimumWords;
            _englishWeight = englishWeight;
            Noise = noise;
        }

        public IdentifiedLanguage English => _languages[0];

        public IdentifiedLanguage Noise { get; }

        public IReadOnlyList<IdentifiedLanguage> Languages => _languages;

        public IdentifiedLanguage Identify(string text)
        {
            Span<int> scripts = stackalloc int[(int)Script.OtherLetters + 1];
            Span<int> scores = stackalloc int[_languages.Length];
            Span<int> marks = stackalloc int[_languages.Length];
            Span<char> word = stackalloc char[MaxWordLength];
            var length = 0;
            var wordMarks = 0UL;
            var wordHasLetter = false;
            var tally = new Tally();

            for (var i = 0; i <= text.Length; i++)
            {
                var c = i < text.Length ? text[i] : ' ';
                var script = ScriptOf(c);
                scripts[(int)script]++;
                if (script == Script.Latin || (char.IsAsciiDigit(c) && length > 0) || (IsApostrophe(c) && length > 0))
                {
                    if (script == Script.Latin)
                    {
                        var lower = char.ToLowerInvariant(c);
                        wordHasLetter = true;
                        if (lower >= '\u00C0' && _marks.TryGetValue(lower, out var mark))
                        {
                            wordMarks |= mark;
                        }

                        c = lower < _fold.Length ? _fold[lower] : lower;
                    }
                    else if (IsApostrophe(c))
                    {
                        c = '\'';
                    }

                    if (length < MaxWordLength)
                    {
                        word[length] = c;
                    }

                    length++;
                    continue;
                }

                if (char.IsAsciiDigit(c) && length == 0)
                {
                    // A word may start with a digit when a letter follows ("2day", "4got").
                    if (i + 1 < text.Length && ScriptOf(text[i + 1]) == Script.Latin)
                    {
                        word[length++] = c;
                    }

                    continue;
                }

                if (length > 0)
                {
                    if (wordHasLetter)
                    {
                        Score(length <= MaxWordLength ? word[..length] : [], scores, ref tally);
                        AddMarks(wordMarks, marks);
                    }

                    length = 0;
                    wordMarks = 0;
                    wordHasLetter = false;
                }
            }

            return Decide(scripts, scores, marks, tally);
        }

        private IdentifiedLanguage Decide(Span<int> scripts, Span<int> scores, Span<int> marks, Tally tally)
        {
            var latin = scripts[(int)Script.Latin];
            var best = Script.None;
            var bestCount = 0;
            for (var s = Script.Cyrillic; s <= Script.OtherLetters; s++)
            {
                var count = s == Script.Han ? scripts[(int)Script.Han] + scripts[(int)Script.Kana] : scripts[(int)s];
                if (s != Script.Kana && count > bestCount)
                {
                    best = s;
                    bestCount = count;
                }
            }

            if (latin == 0 && bestCount == 0)
            {
                return Noise;
            }

            if (bestCount > latin)
            {
                // Han with any kana is Japanese; Han alone, Chinese.
                var script = best == Script.Han && scripts[(int)Script.Kana] > 0 ? Script.Kana : best;
                return _byScript[(int)script] ?? Noise;
            }

            var other = 0;
            for (var l = 1; l < scores.Length; l++)
            {
                if (scores[l] + marks[l] > scores[other] + marks[other] || other == 0)
                {
                    other = l;
                }
                else if (scores[l] + marks[l] == scores[other] + marks[other] && marks[l] > marks[other])
                {
                    other = l;
                }
            }

            var evidence = scores[other] + marks[other];
            if (scores[other] >= _minimumWords && evidence > _englishWeight * scores[0])
            {
                return _languages[other];
            }

            var known = tally.Shared + scores[0];
            for (var l = 1; l < scores.Length; l++)
            {
                known += scores[l];
            }

            return known == 0 && tally.Unwordlike * 2 >= tally.Words ? Noise : English;
        }

        private void Score(ReadOnlySpan<char> word, Span<int> scores, ref Tally tally)
        {
            tally.Words++;
            word = word.Trim('\'');
            if (word.IsEmpty)
            {
                tally.Unwordlike++;
                return;
            }

            var mask = Lookup(word);
            if (mask == 0)
            {
                if (!LooksLikeAWord(word))
                {
                    tally.Unwordlike++;
                }

                return;
            }

            if ((mask & 1) != 0)
            {
                if (mask == 1)
                {
                    scores[0]++;
                }
                else
                {
                    // A word English shares with another language ("no", "me", "pain") is evidence for neither.
                    tally.Shared++;
                }

                return;
            }

            for (var l = 1; l < scores.Length; l++)
            {
                if ((mask & (1UL << l)) != 0)
                {
                    scores[l]++;
                }
            }
        }

        /// <summary>The languages of a word; one with an apostrophe may be an elision ("j'ai", "l'ho") or a possessive ("mum's").</summary>
        private ulong Lookup(ReadOnlySpan<char> word)
        {
            if (_words.TryGetValue(word, out var mask))
            {
                return mask;
            }

            var apostrophe = word.IndexOf('\'');
            if (apostrophe <= 0)
            {
                return 0;
            }

            if (_words.TryGetValue(word[..(apostrophe + 1)], out var elision) && elision != 0)
            {
                _words.TryGetValue(word[(apostrophe + 1)..], out var rest);
                return elision | rest;
            }

            return _words.TryGetValue(word[..apostrophe], out var stem) ? stem : 0;
        }

        private bool LooksLikeAWord(ReadOnlySpan<char> word)
        {
            if (word.Length > 24)
            {
                return false;
            }

            var vowels = 0;
            var consonantRun = 0;
            var longestRun = 0;
            var repeat = 1;
            for (var i = 0; i < word.Length; i++)
            {
                var c = word[i];
                if (!char.IsAsciiLetterLower(c))
                {
                    consonantRun = 0;
                    continue;
                }

                repeat = i > 0 && word[i - 1] == c ? repeat + 1 : 1;
                if (repeat >= 4)
                {
                    return false;
                }

                if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y')
                {
                    vowels++;
                    consonantRun = 0;
                }
                else
                {
                    longestRun = Math.Max(longestRun, ++consonantRun);
                }
            }

            if ((word.Length >= 3 && vowels == 0) || longestRun >= 6 || (word.Length >= 6 && vowels * 5 < word.Length))
            {
                return false;
            }

            foreach (var run in _keyboard)
            {
                if (word.Contains(run, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static void AddMarks(ulong wordMarks, Span<int> marks)
        {
            for (var l = 1; wordMarks != 0 && l < marks.Length; l++)
            {
                if ((wordMarks & (1UL << l)) != 0)
                {
                    marks[l]++;
                    wordMarks &= ~(1UL << l);
                }
            }
        }

        private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

        public static Model Load()
        {
            using var document = ContentFiles.ReadDocument("BackCare.Clinical.Language.Identification.languages.json");
            var root = document.RootElement;
            var fold = new char[0x1F00];
            for (var c = 0; c < fold.Length; c++)
            {
                fold[c] = (char)c;
            }

            foreach (var entry in root.GetProperty("folds").EnumerateObject())
            {
                foreach (var accented in entry.Value.GetString()!)
                {
                    fold[accented] = entry.Name[0];
                }
            }

            var languages = new List<IdentifiedLanguage>();
            var words = new Dictionary<string, ulong>(StringComparer.Ordinal);
            var marks = new Dictionary<char, ulong>();
            var byScript = new IdentifiedLanguage?[(int)Script.OtherLetters + 1];
            foreach (var entry in root.GetProperty("languages").EnumerateArray())
            {
                var language = new IdentifiedLanguage(entry.GetProperty("code").GetString()!, entry.GetProperty("name").GetString()!);
                var bit = 1UL << languages.Count;
                languages.Add(language);
                if (entry.TryGetProperty("script", out var script))
                {
                    byScript[(int)Enum.Parse<Script>(script.GetString()!, ignoreCase: true)] = language;
                }

                if (entry.TryGetProperty("marks", out var accents))
                {
                    foreach (var mark in accents.GetString()!)
                    {
                        marks[mark] = marks.GetValueOrDefault(mark) | bit;
                    }
                }

                if (entry.TryGetProperty("words", out var list))
                {
                    foreach (var line in list.EnumerateArray())
                    {
                        foreach (var item in line.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        {
                            var key = Fold(item.ToLowerInvariant(), fold);
                            words[key] = words.GetValueOrDefault(key) | bit;
                        }
                    }
                }
            }

            if (languages.Count == 0 || languages[0].Code != EnglishCode || languages.Count > 64)
            {
                throw new InvalidOperationException("languages.json must list English first and at most 64 languages.");
            }

            var keyboard = root.GetProperty("keyboard").EnumerateArray().Select(k => k.GetString()!).ToArray();
            var decision = root.GetProperty("decision");
            return new Model([.. languages], words, marks.ToFrozenDictionary(), fold, byScript, keyboard,
                decision.GetProperty("minimum_words").GetInt32(), decision.GetProperty("english_weight").GetInt32(),
                new IdentifiedLanguage(NoiseCode, "noise"));
        }

        private static string Fold(string word, char[] fold) =>
            string.Create(word.Length, (word, fold), static (span, state) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    var c = state.word[i];
                    span[i] = c == '\u2019' ? '\'' : c < state.fold.Length ? state.fold[c] : c;
                }
            });
    }

    private struct Tally
    {
        public int Words;
        public int Shared;
        public int Unwordlike;
    }
}
