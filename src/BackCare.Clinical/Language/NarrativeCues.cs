namespace BackCare.Clinical.Language;

/// <summary>
/// The narrative reader's use of the one cue list of a language (<see cref="CueSet"/>, Language/Context/cues.en.json):
/// every cue with a narrative role, found at every position of a narrative's tokens by walking the same trie
/// the context engine walks. Each match's payload is a <see cref="NarrativeCue"/>.
/// </summary>
internal sealed class NarrativeCues
{
    private readonly CueSet _cues;
    private int[]? _byTokenId;

    public NarrativeCues(CueSet cues)
    {
        _cues = cues;
        LinkWords = new HashSet<string>(cues.LinkWords, StringComparer.Ordinal);
    }

    /// <summary>Words that may stand between a finding and a following "is normal" / "are fine".</summary>
    public HashSet<string> LinkWords { get; }

    public IEnumerable<string> Words => _cues.Words;

    /// <summary>How far cues of <paramref name="role"/> reach from a phrase, as their group in the cue list says.</summary>
    public NarrativeReach Reach(NarrativeCue role) => _cues.Reach(role);

    /// <summary>Every cue with a narrative role, at every position, shorter before longer at one position; never across sentences.</summary>
    public void FindAll(ReadOnlySpan<Token> tokens, List<PhraseMatch> found)
    {
        var byTokenId = ByTokenId();
        for (var i = 0; i < tokens.Length; i++)
        {
            var first = tokens[i];
            if (first.Kind == TokenKind.Punctuation || first.Id < 0 || byTokenId[first.Id] < 0)
            {
                continue;
            }

            var node = 0;
            for (var k = i; k < tokens.Length && tokens[k].Sentence == first.Sentence && tokens[k].Kind != TokenKind.Punctuation; k++)
            {
                var token = tokens[k];
                var id = token.Id >= 0 ? byTokenId[token.Id] : _cues.NarrativeWordId(token.Text);
                node = _cues.Step(node, id);
                if (node < 0)
                {
                    break;
                }

                foreach (var role in _cues.RolesAt(node))
                {
                    found.Add(new PhraseMatch((int)role, i, k + 1));
                }
            }
        }
    }

    /// <summary>The cue word of each word the tokenizer knows, by the tokenizer's number; -1 for none. Built once.</summary>
    private int[] ByTokenId()
    {
        if (_byTokenId is { } built)
        {
            return built;
        }

        var byTokenId = new int[NarrativeText.KnownWordCount];
        Array.Fill(byTokenId, -1);
        foreach (var word in _cues.Words)
        {
            if (NarrativeText.KnownForm(word) is { } form)
            {
                // A spelling variant ("dont") shares its form's number; the token's text is the form ("don't").
                byTokenId[NarrativeText.IdOf(form)] = _cues.NarrativeWordId(form);
            }
        }

        return _byTokenId = byTokenId;
    }
}
