using System.Collections.Frozen;
using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>What a cue does to the words in its scope.</summary>
internal enum CueKind : byte
{
    Negation,
    Historical,
    Hypothetical,
    OtherExperiencer,
    Uncertainty,

    /// <summary>Looks like a cue of another kind but is not ("no change", "not only"); it only hides the words it covers.</summary>
    Pseudo,

    /// <summary>Ends the scope of the cues it names ("but", "however", sentence punctuation).</summary>
    Termination,
}

internal enum CueDirection : byte
{
    Forward,
    Backward,
    Both,
}

/// <summary>One cue's behaviour: its kind, which way its scope runs and how many words it reaches; a termination names the kinds it ends.</summary>
internal sealed record CueRule(CueKind Kind, CueDirection Direction, int Window, uint Ends)
{
    public static uint Bit(CueKind kind) => 1u << (int)kind;
}

/// <summary>
/// The cue lists compiled for matching: every cue word gets a number, and the cues form a trie over those
/// numbers, so a sentence is matched by walking the trie from each token, once.
/// </summary>
internal sealed class CueSet
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly FrozenDictionary<long, int> _edges;
    private readonly CueRule[][] _rulesAtNode;

    private CueSet(FrozenDictionary<string, int> words, FrozenDictionary<long, int> edges, CueRule[][] rulesAtNode)
    {
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _edges = edges;
        _rulesAtNode = rulesAtNode;
    }

    public int WordId(ReadOnlySpan<char> word)
    {
        if (word.Contains('\u2019'))
        {
            if (word.Length > 64)
            {
                return -1;
            }

            Span<char> plain = stackalloc char[word.Length];
            word.CopyTo(plain);
            plain.Replace('\u2019', '\'');
            return _words.TryGetValue(plain, out var normalised) ? normalised : -1;
        }

        return _words.TryGetValue(word, out var id) ? id : -1;
    }

    /// <summary>
    /// The longest cue starting at token <paramref name="start"/> and ending by <paramref name="limit"/>: its end
    /// (exclusive) and rules, or 0 and none.
    /// </summary>
    public (int End, CueRule[] Rules) LongestAt(ReadOnlySpan<ContextToken> tokens, int start, int limit)
    {
        var node = 0;
        var bestEnd = 0;
        CueRule[] best = [];
        for (var i = start; i < limit; i++)
        {
            var id = tokens[i].Id;
            if (id < 0 || !_edges.TryGetValue(((long)node << 32) | (uint)id, out node))
            {
                break;
            }

            if (_rulesAtNode[node].Length > 0)
            {
                bestEnd = i + 1;
                best = _rulesAtNode[node];
            }
        }

        return (bestEnd, best);
    }

    public static CueSet Load(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var windows = root.GetProperty("windows");

        var words = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var edges = new Dictionary<long, int>();
        var rules = new List<List<CueRule>> { new() };

        foreach (var group in root.GetProperty("groups").EnumerateArray())
        {
            var kind = ParseKind(group.GetProperty("kind").GetString()!);
            var direction = group.TryGetProperty("direction", out var d) ? ParseDirection(d.GetString()!) : CueDirection.Both;
            var window = group.TryGetProperty("window", out var w) ? w.GetInt32()
                : windows.TryGetProperty(group.GetProperty("kind").GetString()!, out var fallback) ? fallback.GetInt32() : 0;
            var ends = group.TryGetProperty("ends", out var e)
                ? e.EnumerateArray().Aggregate(0u, (mask, k) => mask | CueRule.Bit(ParseKind(k.GetString()!)))
                : uint.MaxValue;
            var rule = new CueRule(kind, direction, window > 0 ? window : int.MaxValue, ends);

            foreach (var cue in group.GetProperty("cues").EnumerateArray())
            {
                var node = 0;
                foreach (var token in Words(cue.GetString()!))
                {
                    if (!words.TryGetValue(token, out var id))
                    {
                        id = words.Count;
                        words.Add(token, id);
                    }

                    var key = ((long)node << 32) | (uint)id;
                    if (!edges.TryGetValue(key, out var next))
                    {
                        next = rules.Count;
                        rules.Add([]);
                        edges.Add(key, next);
                    }

                    node = next;
                }

                if (node == 0)
                {
                    throw new InvalidOperationException($"The cue '{cue.GetString()}' has no words.");
                }

                rules[node].Add(rule);
            }
        }

        return new CueSet(
            words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            edges.ToFrozenDictionary(),
            rules.Select(r => r.ToArray()).ToArray());
    }

    private static List<string> Words(string cue)
    {
        var tokens = new ContextToken[cue.Length];
        var count = ContextTokens.Split(cue, tokens, _ => -1);
        return tokens.Take(count).Select(t => cue.Substring(t.Start, t.Length).Replace('\u2019', '\'')).ToList();
    }

    private static CueKind ParseKind(string kind) => kind switch
    {
        "negation" => CueKind.Negation,
        "historical" => CueKind.Historical,
        "hypothetical" => CueKind.Hypothetical,
        "other-experiencer" => CueKind.OtherExperiencer,
        "uncertainty" => CueKind.Uncertainty,
        "pseudo" => CueKind.Pseudo,
        "termination" => CueKind.Termination,
        _ => throw new InvalidOperationException($"Unknown cue kind '{kind}' in the cue lists."),
    };

    private static CueDirection ParseDirection(string direction) => direction switch
    {
        "forward" => CueDirection.Forward,
        "backward" => CueDirection.Backward,
        "both" => CueDirection.Both,
        _ => throw new InvalidOperationException($"Unknown cue direction '{direction}' in the cue lists."),
    };
}
