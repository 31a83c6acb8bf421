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

    /// <summary>
    /// The sentence's word numbers folded into 64 bits (number mod 64): a phrase none of whose bits for a word it
    /// needs are set cannot match, and is ruled out before its own data is touched.
    /// </summary>
    public ulong Mask { get; private set; }

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
        var mask = 0UL;
        for (var k = from; k < tokens.Length && tokens[k].Sentence == sentence; k++)
        {
            var id = tokens[k].Id;
            if (id >= 0 && id < _stamps.Length)
            {
                _stamps[id] = _generation;
                mask |= 1UL << (id & 63);
            }
        }

        Mask = mask;
    }

    /// <summary>The bits of <see cref="Mask"/> that a list of word numbers stands for.</summary>
    public static ulong MaskOf(int[] ids)
    {
        var mask = 0UL;
        foreach (var id in ids)
        {
            mask |= 1UL << (id & 63);
        }

        return mask;
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
