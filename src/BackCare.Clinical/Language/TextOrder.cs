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

    /// <summary>The length of the first of <paramref name="sequences"/> that the tokens spell from <paramref name="at"/>, or 0.</summary>
    public static int SequenceAt(ReadOnlySpan<Token> tokens, int at, string[][] sequences)
    {
        foreach (var sequence in sequences)
        {
            var k = 0;
            while (k < sequence.Length && at + k < tokens.Length && tokens[at + k].Text == sequence[k])
            {
                k++;
            }

            if (k == sequence.Length)
            {
                return k;
            }
        }

        return 0;
    }
}
