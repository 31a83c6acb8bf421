namespace BackCare.Clinical.Language;

/// <summary>
/// Look-ups over things found in a narrative and kept in text order (phrases, cues, times), and over word
/// sequences of the data files ("all the time"), shared by the readers so each is written once.
/// </summary>
internal static class TextOrder
{
    /// <summary>The index of the first item that starts at or after <paramref name="token"/>, by binary search.</summary>
    public static int FirstFrom<T>(List<T> items, int token, Func<T, int> start)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (start(items[middle]) < token)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// The length of the first of <paramref name="sequences"/> that the tokens spell from <paramref name="at"/>
    /// (within <paramref name="sentence"/> when one is given), or 0.
    /// </summary>
    public static int SequenceAt(ReadOnlySpan<Token> tokens, int at, string[][] sequences, int? sentence = null)
    {
        foreach (var sequence in sequences)
        {
            if (Spells(tokens, at, sequence, sentence))
            {
                return sequence.Length;
            }
        }

        return 0;
    }

    /// <summary>True when the tokens from <paramref name="at"/> spell <paramref name="sequence"/> (within <paramref name="sentence"/> when one is given).</summary>
    public static bool Spells(ReadOnlySpan<Token> tokens, int at, string[] sequence, int? sentence = null)
    {
        var k = 0;
        while (k < sequence.Length && at + k < tokens.Length && tokens[at + k].Text == sequence[k] && (sentence is null || tokens[at + k].Sentence == sentence))
        {
            k++;
        }

        return k == sequence.Length;
    }
}
