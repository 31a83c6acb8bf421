namespace BackCare.Clinical.Language;

/// <summary>Finds a target phrase in a sentence ignoring case, where any run of spaces matches any other.</summary>
internal static class TargetFinder
{
    /// <summary>
    /// The start and length of the first match that stands as whole words, or (-1, 0). A heading ("ALLERGIES:")
    /// labels what follows rather than saying anything about it, so a later mention is preferred to it.
    /// </summary>
    public static (int Start, int Length) Find(string sentence, string target)
    {
        var phrase = target.AsSpan().Trim();
        if (phrase.IsEmpty)
        {
            return (-1, 0);
        }

        (int Start, int Length) found = (-1, 0);
        for (var start = 0; start < sentence.Length; start++)
        {
            var end = MatchAt(sentence, start, phrase);
            if (end == 0 || !WholeWords(sentence, start, end))
            {
                continue;
            }

            found = (start, end - start);
            if (!IsHeading(sentence, end))
            {
                return found;
            }
        }

        return found;
    }

    private static bool WholeWords(string sentence, int start, int end) =>
        (start == 0 || !char.IsLetterOrDigit(sentence[start - 1]) || !char.IsLetterOrDigit(sentence[start]))
        && (end == sentence.Length || !char.IsLetterOrDigit(sentence[end - 1])
            || !(char.IsLetterOrDigit(sentence[end]) || IsApostropheInWord(sentence, end)));

    private static bool IsApostropheInWord(string sentence, int i) =>
        sentence[i] is '\'' or '\u2019' && i + 1 < sentence.Length && char.IsLetter(sentence[i + 1]);

    private static bool IsHeading(string sentence, int end)
    {
        var rest = sentence.AsSpan(end).TrimStart();
        return rest.Length > 0 && rest[0] == ':';
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
