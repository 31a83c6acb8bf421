using BackCare.Clinical.Findings;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Language;

/// <summary>A finding read from a number in a narrative, from tokens [Start, End).</summary>
internal readonly record struct NumberReading(FindingCode Code, object Value, int Start, int End)
{
    /// <summary>True when the number counts what happened before (earlier episodes), so history does not dismiss it.</summary>
    public bool AboutThePast => Code == PreviousEpisodes;
}

/// <summary>
/// Reads findings said as numbers: temperatures ("a temperature of 38.5": fever), pain scores ("7/10", "about
/// a 6", "11/10" is 10, "7.5 out of 10" is 8, "7-8/10" is 8), earlier episodes ("third back spasm this
/// year") and drinks ("5 pints a night"). The words it looks for come from the "words" section of the
/// lexicon. Pure: what a reading means in context is for the narrative reader to judge.
/// </summary>
internal static class NumberReader
{
    private static readonly NarrativeWords Words = NarrativeWords.Default;

    // The highest score on the scale; anything said above it ("11/10", "10++") is the top of the scale.
    private const double TopScore = 10;

    // Above this a number said "out of ten" is not a score at all.
    private const double HighestOverstatement = 100;

    /// <summary>Every reading, in this order: temperatures, pain scores, episode counts, drinks.</summary>
    public static void FindAll(ReadOnlySpan<Token> tokens, List<NumberReading> found)
    {
        ReadTemperatures(tokens, found);
        ReadPainScores(tokens, found);
        ReadEpisodeCounts(tokens, found);
        ReadDrinks(tokens, found);
    }

    /// <summary>"a temperature of 38.5", "fever of 39", "temp 37.2": 38 °C (100.4 °F) or more is a fever.</summary>
    private static void ReadTemperatures(ReadOnlySpan<Token> tokens, List<NumberReading> found)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (!token.IsNumber || token.Number is not ((>= 34 and <= 43) or (>= 93 and <= 110)))
            {
                continue;
            }

            var anchor = -1;
            for (var k = i - 1; k >= 0 && k >= i - 4 && tokens[k].Clause == token.Clause; k--)
            {
                if (Words.TemperatureWords.Contains(tokens[k].Text))
                {
                    anchor = k;
                    break;
                }
            }

            var unit = i + 1 < tokens.Length && Words.TemperatureUnits.Contains(tokens[i + 1].Text);
            if (unit && token.Number < 93 && Words.FahrenheitUnits.Contains(tokens[i + 1].Text))
            {
                // "41F fusion L4-S1": 41 °F is no body's temperature; it is a 41-year-old woman.
                continue;
            }

            if (anchor < 0 && !unit && !LooksLikeATemperature(tokens, i))
            {
                continue;
            }

            var fahrenheit = token.Number >= 93;
            var fever = fahrenheit ? token.Number >= 100.4 : token.Number >= 38;
            found.Add(new NumberReading(Fever, fever, anchor >= 0 ? anchor : i, unit ? i + 2 : i + 1));
        }
    }

    /// <summary>
    /// "spiked to 38.4 tonight", "39.1 this morning": a number with one decimal in the range of a fever is a
    /// temperature though no word says so, unless a unit of something else follows ("38.5 kg").
    /// </summary>
    private static bool LooksLikeATemperature(ReadOnlySpan<Token> tokens, int i)
    {
        var text = tokens[i].Text;
        var point = text.IndexOf('.');
        return point > 0 && point == text.Length - 2 && tokens[i].Number is (>= 37.5 and <= 43) or (>= 99.5 and <= 108)
            && (i + 1 >= tokens.Length || !Words.NotATemperatureAfter.Contains(tokens[i + 1].Text));
    }

    /// <summary>
    /// "7/10", "8 out of 10", "about a 6", "pain 5": every score said. A score above the scale ("11/10",
    /// "eleven out of ten", "10++") is the top of it, a decimal ("7.5 out of 10") is rounded up and a range
    /// ("7-8/10", "between 6 and 7") is its higher end: the more cautious reading each time.
    /// </summary>
    private static void ReadPainScores(ReadOnlySpan<Token> tokens, List<NumberReading> found)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (!token.IsNumber || token.Number is < 0 or > HighestOverstatement)
            {
                continue;
            }

            if (ReadRange(tokens, i, found))
            {
                continue;
            }

            var plain = token.Number <= TopScore && token.Number == Math.Floor(token.Number);
            var end = OutOfTen(tokens, i, out var spelledOut);
            if (end >= 0)
            {
                // "11/10" may be a date; a score above ten said with a slash needs pain words around it.
                if (token.Number > TopScore && !spelledOut && (IsDate(tokens, end) || !(HasPainAnchor(tokens, i) || PainWordAt(tokens, end))))
                {
                    continue;
                }
            }
            else
            {
                var after = i + 1 < tokens.Length && tokens[i + 1].Sentence == token.Sentence ? tokens[i + 1].Text : string.Empty;
                var before = i > 0 ? tokens[i - 1].Text : string.Empty;
                if (token.Number > TopScore && after != "+")
                {
                    continue;
                }

                if (Words.NotAScoreAfter.Contains(after) || Words.NotAScoreBefore.Contains(before) || !(HasPainAnchor(tokens, i) || IsSaidAsAScore(tokens, i)))
                {
                    continue;
                }

                end = i + 1;
                while (end < tokens.Length && tokens[end].Text == "+")
                {
                    // "10++": as high as it goes.
                    end++;
                }
            }

            found.Add(new NumberReading(PainScore, Score(token.Number), EvidenceStart(tokens, i), end));
        }
    }

    /// <summary>"7-8/10", "6 or 7 out of 10", "pain between 6 and 7": one score, the higher.</summary>
    private static bool ReadRange(ReadOnlySpan<Token> tokens, int i, List<NumberReading> found)
    {
        var token = tokens[i];
        var high = i + 2;
        if (high >= tokens.Length || !tokens[high].IsNumber || tokens[high].Sentence != token.Sentence
            || tokens[high].Number is < 0 or > TopScore || token.Number > tokens[high].Number)
        {
            return false;
        }

        var link = tokens[i + 1].Text;
        var between = i > 0 && Words.BetweenWords.Contains(tokens[i - 1].Text);
        if (!(link == "-" || Words.RangeWords.Contains(link) || (Words.AndWords.Contains(link) && between)))
        {
            return false;
        }

        var end = OutOfTen(tokens, high, out _);
        if (end < 0)
        {
            var after = high + 1 < tokens.Length && tokens[high + 1].Sentence == token.Sentence ? tokens[high + 1].Text : string.Empty;
            var before = i > 0 ? tokens[i - 1].Text : string.Empty;
            if (Words.NotAScoreAfter.Contains(after) || Words.NotAScoreBefore.Contains(before) || !(HasPainAnchor(tokens, i) || IsSaidAsAScore(tokens, i)))
            {
                return false;
            }

            end = high + 1;
        }

        found.Add(new NumberReading(PainScore, Score(tokens[high].Number), EvidenceStart(tokens, i), end));
        return true;
    }

    private static int Score(double number) => (int)Math.Min(TopScore, Math.Ceiling(number));

    /// <summary>The evidence of a score takes in "about a", "like an" before it.</summary>
    private static int EvidenceStart(ReadOnlySpan<Token> tokens, int i)
    {
        var start = i;
        while (start > 0 && i - start < 3 && tokens[start - 1].Clause == tokens[i].Clause && Words.ScoreEvidenceBefore.Contains(tokens[start - 1].Text))
        {
            start--;
        }

        return start;
    }

    /// <summary>The end of "/10", "out of ten", "outta 10" or "of 10" (each way of saying "out of") after the number at <paramref name="i"/>, or -1.</summary>
    private static int OutOfTen(ReadOnlySpan<Token> tokens, int i, out bool spelledOut)
    {
        spelledOut = false;
        if (Is(tokens, i, i + 1, "/") && Is(tokens, i, i + 2, "10"))
        {
            return i + 3;
        }

        spelledOut = true;
        foreach (var outOf in Words.OutOf)
        {
            var k = i + 1;
            var matched = true;
            foreach (var word in outOf)
            {
                matched &= Is(tokens, i, k++, word);
            }

            if (matched && IsTen(tokens, i, k))
            {
                return k + 1;
            }
        }

        return -1;
    }

    private static bool Is(ReadOnlySpan<Token> tokens, int i, int k, string word) =>
        k < tokens.Length && tokens[k].Sentence == tokens[i].Sentence && tokens[k].Text == word;

    /// <summary>The top of the scale at <paramref name="k"/>, as digits ("10") or a number word ("ten").</summary>
    private static bool IsTen(ReadOnlySpan<Token> tokens, int i, int k) =>
        Is(tokens, i, k, "10") || (k < tokens.Length && tokens[k].Sentence == tokens[i].Sentence && tokens[k].Kind == TokenKind.Word && tokens[k].Number == TopScore);

    /// <summary>"11/10/2023": a date, not a score.</summary>
    private static bool IsDate(ReadOnlySpan<Token> tokens, int end) =>
        end + 1 < tokens.Length && tokens[end].Text == "/" && tokens[end + 1].IsNumber;

    private static bool PainWordAt(ReadOnlySpan<Token> tokens, int k) =>
        k < tokens.Length && tokens[k].Clause == tokens[k - 1].Clause && Words.PainAnchors.Contains(tokens[k].Text);

    /// <summary>"about a 6", "like an 8": a number said the way people give a score.</summary>
    private static bool IsSaidAsAScore(ReadOnlySpan<Token> tokens, int i) =>
        i >= 2 && Words.IndefiniteArticles.Contains(tokens[i - 1].Text) && tokens[i - 2].Clause == tokens[i].Clause && Words.ScoreLeadIns.Contains(tokens[i - 2].Text);

    private static bool HasPainAnchor(ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 4 && tokens[k].Clause == tokens[i].Clause; k--)
        {
            if (Words.PainAnchors.Contains(tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"third back spasm this year" is 2 earlier ones; "3 times before" is 3.</summary>
    private static void ReadEpisodeCounts(ReadOnlySpan<Token> tokens, List<NumberReading> found)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var text = tokens[i].Text;
            if (Words.Ordinals.TryGetValue(text, out var ordinal))
            {
                for (var k = i + 1; k < tokens.Length && k <= i + 3 && tokens[k].Clause == tokens[i].Clause; k++)
                {
                    if (Words.EpisodeNouns.Contains(tokens[k].Text))
                    {
                        found.Add(new NumberReading(PreviousEpisodes, ordinal - 1, i, k + 1));
                        break;
                    }
                }
            }
            else if (tokens[i].IsNumber && tokens[i].Number is >= 1 and <= 50 && i + 1 < tokens.Length && Words.TimesWords.Contains(tokens[i + 1].Text))
            {
                var n = (int)tokens[i].Number;
                var next = i + 2 < tokens.Length && tokens[i + 2].Sentence == tokens[i].Sentence ? tokens[i + 2].Text : string.Empty;
                if (Words.EpisodeCountWords.TryGetValue(next, out var countsAll))
                {
                    found.Add(countsAll
                        ? new NumberReading(PreviousEpisodes, n, i, i + 3)
                        : new NumberReading(PreviousEpisodes, Math.Max(n - 1, 0), i, i + 2));
                }
            }
        }
    }

    /// <summary>"5 pints a night", "two glasses of wine a day": more than 3 drinks a day is heavy drinking.</summary>
    private static void ReadDrinks(ReadOnlySpan<Token> tokens, List<NumberReading> found)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].IsNumber || tokens[i].Number is < 1 or > 60)
            {
                continue;
            }

            var k = i + 1;
            while (k < tokens.Length && k <= i + 3 && !Words.DrinkWords.Contains(tokens[k].Text))
            {
                k++;
            }

            if (k >= tokens.Length || k > i + 3 || tokens[k].Sentence != tokens[i].Sentence)
            {
                continue;
            }

            for (var j = k + 1; j < tokens.Length && j <= k + 5 && tokens[j].Clause == tokens[i].Clause; j++)
            {
                if (Words.DrinkPeriods.Contains(tokens[j].Text))
                {
                    found.Add(new NumberReading(HeavyAlcohol, tokens[i].Number > 3, i, j + 1));
                    break;
                }
            }
        }
    }
}
