namespace BackCare.Clinical.Language;

/// <summary>
/// Which known words one sentence holds, by word number: a phrase that needs a word the sentence lacks is ruled
/// out with a look-up instead of a walk. One per thread, stamped with a generation so that nothing is cleared
/// between sentences.
/// </summary>
internal sealed class SentenceWords
{
    [ThreadStatic]
    private static SentenceWords? perThread;

    private int[] _stamps;
    private int _generation;

    private SentenceWords(int size) => _stamps = new int[size];

    public static SentenceWords For(int knownWords)
    {
        var words = perThread ??= new SentenceWords(knownWords);
        if (words._stamps.Length < knownWords)
        {
            words._stamps = new int[knownWords];
            words._generation = 0;
        }

        return words;
    }

    /// <summary>Records the words of the sentence that the token at <paramref name="from"/> belongs to, from there on.</summary>
    public void Stamp(ReadOnlySpan<Token> tokens, int from)
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }

        var sentence = tokens[from].Sentence;
        for (var k = from; k < tokens.Length && tokens[k].Sentence == sentence; k++)
        {
            var id = tokens[k].Id;
            if (id >= 0 && id < _stamps.Length)
            {
                _stamps[id] = _generation;
            }
        }
    }

    /// <summary>True when, for each list, the sentence holds at least one of its words.</summary>
    public bool HasAll(int[][] needed)
    {
        foreach (var any in needed)
        {
            if (!HasAny(any))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasAny(int[] ids)
    {
        foreach (var id in ids)
        {
            if (id < _stamps.Length && _stamps[id] == _generation)
            {
                return true;
            }
        }

        return false;
    }
}
