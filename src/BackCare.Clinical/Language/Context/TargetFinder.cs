namespace BackCare.Clinical.Language;

/// <summary>Finds a target phrase in a sentence ignoring case, where any run of spaces matches any other.</summary>
internal static class TargetFinder
{
    /// <summary>The start and length of the first match, or (-1, 0).</summary>
    public static (int Start, int Length) Find(string sentence, string target)
    {
        var phrase = target.AsSpan().Trim();
        if (phrase.IsEmpty)
        {
            return (-1, 0);
        }

        var exact = sentence.AsSpan().IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
        if (exact >= 0)
        {
            return (exact, phrase.Length);
        }

        for (var start = 0; start < sentence.Length; start++)
        {
            var end = MatchAt(sentence, start, phrase);
            if (end > 0)
            {
                return (start, end - start);
            }
        }

        return (-1, 0);
    }

    /// <summary>The end of a match of <paramref name="phrase"/> at <paramref name="start"/>, or 0.</summary>
    private static int MatchAt(string sentence, int start, ReadOnlySpan<char> phrase)
    {
        var s = start;
        var p = 0;
        while (p < phrase.Length)
        {
            if (char.IsWhiteSpace(phrase[p]))
            {
                if (s >= sentence.Length || !char.IsWhiteSpace(sentence[s]))
                {
                    return 0;
                }

                while (p < phrase.Length && char.IsWhiteSpace(phrase[p]))
                {
                    p++;
                }

                while (s < sentence.Length && char.IsWhiteSpace(sentence[s]))
                {
                    s++;
                }

                continue;
            }

            if (s >= sentence.Length || char.ToUpperInvariant(sentence[s]) != char.ToUpperInvariant(phrase[p]))
            {
                return 0;
            }

            s++;
            p++;
        }

        return s;
    }
}
