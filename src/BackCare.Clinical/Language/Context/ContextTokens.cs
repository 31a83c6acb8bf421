namespace BackCare.Clinical.Language;

/// <summary>
/// One word or one mark of punctuation in a sentence; <see cref="Id"/> is its number in the cue vocabulary, or -1;
/// <see cref="Mark"/> is the mark itself ('\0' for a word).
/// </summary>
internal readonly record struct ContextToken(int Start, int Length, int Id, bool IsWord, char Mark = '\0')
{
    public int End => Start + Length;
}

/// <summary>
/// Splits a sentence into words and marks. A word is a run of letters and digits that may hold an apostrophe
/// between letters ("don't"), a slash between letters or digits ("s/p", "h/o") or a point between digits
/// ("1.5"); every other visible character is a mark of its own.
/// </summary>
internal static class ContextTokens
{
    /// <summary>Splits <paramref name="text"/> into <paramref name="tokens"/>, numbering words by <paramref name="cues"/> (all -1 without); returns the count.</summary>
    public static int Split(ReadOnlySpan<char> text, Span<ContextToken> tokens, CueSet? cues)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || JoinsWord(text, i)))
                {
                    i++;
                }

                tokens[count++] = new ContextToken(start, i - start, cues?.WordId(text[start..i]) ?? -1, IsWord: true);
            }
            else
            {
                i++;
                tokens[count++] = new ContextToken(start, 1, cues?.WordId(text.Slice(start, 1)) ?? -1, IsWord: false, Mark: c);
            }
        }

        return count;
    }

    private static bool JoinsWord(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length || i == 0)
        {
            return false;
        }

        char before = text[i - 1], after = text[i + 1];
        return text[i] switch
        {
            '\'' or '\u2019' => char.IsLetter(before) && char.IsLetter(after),
            '/' => char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after),
            '.' => char.IsDigit(before) && char.IsDigit(after),
            _ => false,
        };
    }
}
