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
/// How far a cue reaches for the narrative reader: on which side of a phrase it may stand and how many words of
/// the phrase's clause may lie between (<see cref="int.MaxValue"/>: the whole clause).
/// </summary>
internal readonly record struct NarrativeReach(CueDirection Direction, int Before, int After)
{
    public static NarrativeReach Clause { get; } = new(CueDirection.Both, int.MaxValue, int.MaxValue);
}

/// <summary>
/// The cue lists compiled for matching: every cue word gets a number, and the cues form a trie over those
/// numbers, so a sentence is matched by walking the trie from each token, once.
/// </summary>
internal sealed class CueSet
{
    private static readonly Lazy<CueSet> EnglishCues = new(() =>
    {
        using var stream = ContentFiles.Open("BackCare.Clinical.Language.Context.cues.en.json");
        return Load(stream);
    });

    /// <summary>The one cue list for English, shared by the context engine and the narrative reader.</summary>
    public static CueSet English => EnglishCues.Value;

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly FrozenDictionary<long, int> _edges;
    private readonly CueRule[][] _rulesAtNode;
    private readonly NarrativeCue[][] _rolesAtNode;
    private readonly bool[] _engineWord;
    private readonly Dictionary<NarrativeCue, NarrativeReach> _reaches;

    private CueSet(FrozenDictionary<string, int> words, string[] cueWords, FrozenDictionary<long, int> edges, CueRule[][] rulesAtNode, NarrativeCue[][] rolesAtNode,
        bool[] engineWord, string[] linkWords, Dictionary<NarrativeCue, NarrativeReach> reaches)
    {
        _reaches = reaches;
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _edges = edges;
        _rulesAtNode = rulesAtNode;
        _rolesAtNode = rolesAtNode;
        _engineWord = engineWord;
        Words = cueWords;
        LinkWords = linkWords;
    }

    /// <summary>Every cue word, for both readers.</summary>
    public IEnumerable<string> Words { get; }

    /// <summary>Words that may stand between a finding and a negation-after cue ("my legs are fine").</summary>
    public IReadOnlyList<string> LinkWords { get; }

    /// <summary>The node reached from <paramref name="node"/> by cue word <paramref name="id"/>, or -1; the root is 0.</summary>
    public int Step(int node, int id) =>
        id >= 0 && _edges.TryGetValue(((long)node << 32) | (uint)id, out var next) ? next : -1;

    /// <summary>How far the narrative reader's cues of <paramref name="role"/> reach: their group's direction and windows.</summary>
    public NarrativeReach Reach(NarrativeCue role) => _reaches.GetValueOrDefault(role, NarrativeReach.Clause);

    /// <summary>What the cue that ends at <paramref name="node"/> means to the narrative reader; empty when none.</summary>
    public NarrativeCue[] RolesAt(int node) => _rolesAtNode[node];

    /// <summary>
    /// The number of a cue word, or -1. A curly apostrophe counts as a straight one, and a possessive
    /// counts as its word when only the word is a cue ("mother's" as "mother").
    /// </summary>
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
            return Lookup(plain);
        }

        return Lookup(word);
    }

    private int Lookup(ReadOnlySpan<char> word)
    {
        // The engine sees only its own words: a word only the narrative reader's cues use ("he's") is no word of
        // the engine's, so its possessive still counts as its stem ("he").
        if (_words.TryGetValue(word, out var id) && _engineWord[id])
        {
            return id;
        }

        return word.Length > 2 && word[^2] == '\'' && word[^1] is 's' or 'S' && _words.TryGetValue(word[..^2], out var stem) && _engineWord[stem]
            ? stem
            : -1;
    }

    /// <summary>The number of a word of the narrative reader's tokens (already lower-case and normalised), or -1.</summary>
    public int NarrativeWordId(string word) => _words.TryGetValue(word, out var id) ? id : -1;

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
        var roles = new List<List<NarrativeCue>> { new() };
        var engineWords = new HashSet<int>();
        var reaches = new Dictionary<NarrativeCue, NarrativeReach>();

        foreach (var group in root.GetProperty("groups").EnumerateArray())
        {
            NarrativeCue? role = group.TryGetProperty("narrative", out var r) ? ParseRole(r.GetString()!) : null;
            if (role is { } narrative)
            {
                AddReach(reaches, narrative, group);
            }

            if (!group.TryGetProperty("kind", out var kindName))
            {
                AddCues(group, words, edges, rules, roles, engineWords, rule: null, role);
                continue;
            }

            var kind = ParseKind(kindName.GetString()!);
            var direction = group.TryGetProperty("direction", out var d) ? ParseDirection(d.GetString()!) : CueDirection.Both;
            var window = group.TryGetProperty("window", out var w) ? w.GetInt32()
                : windows.TryGetProperty(group.GetProperty("kind").GetString()!, out var fallback) ? fallback.GetInt32() : 0;
            var ends = group.TryGetProperty("ends", out var e)
                ? e.EnumerateArray().Aggregate(0u, (mask, k) => mask | CueRule.Bit(ParseKind(k.GetString()!)))
                : uint.MaxValue;
            var rule = new CueRule(kind, direction, window > 0 ? window : int.MaxValue, ends);
            AddCues(group, words, edges, rules, roles, engineWords, rule, role);
        }

        var linkWords = root.TryGetProperty("link_words", out var link) ? link.EnumerateArray().Select(w => w.GetString()!).ToArray() : [];
        var cueWords = words.Keys.ToArray();
        foreach (var (form, word) in NarrativeWords.Default.Spellings.Select(p => (p.Key, p.Value)).Concat(Spelling.OneWordRespellings))
        {
            // People write "dont", "nae" and "aint": in the sentence the engine is shown they are the cue words they stand for.
            if (!words.ContainsKey(form) && words.TryGetValue(word, out var id))
            {
                words[form] = id;
            }
        }

        return new CueSet(
            words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            cueWords,
            edges.ToFrozenDictionary(),
            rules.Select(r => r.ToArray()).ToArray(),
            roles.Select(r => r.ToArray()).ToArray(),
            Enumerable.Range(0, cueWords.Length).Select(engineWords.Contains).ToArray(),
            linkWords,
            reaches);
    }

    private static void AddReach(Dictionary<NarrativeCue, NarrativeReach> reaches, NarrativeCue role, JsonElement group)
    {
        static int Window(JsonElement group, string name, int otherwise) =>
            group.TryGetProperty(name, out var w) ? (w.GetInt32() > 0 ? w.GetInt32() : int.MaxValue) : otherwise;

        var direction = group.TryGetProperty("direction", out var d) ? ParseDirection(d.GetString()!) : CueDirection.Both;
        var before = Window(group, "window", int.MaxValue);
        var reach = new NarrativeReach(direction, before, Window(group, "window_after", before));
        if (reaches.TryGetValue(role, out var earlier) && earlier != reach)
        {
            throw new InvalidOperationException($"The narrative role '{role}' is given two different reaches in the cue lists.");
        }

        reaches[role] = reach;
    }

    private static void AddCues(JsonElement group, Dictionary<string, int> words, Dictionary<long, int> edges, List<List<CueRule>> rules,
        List<List<NarrativeCue>> roles, HashSet<int> engineWords, CueRule? rule, NarrativeCue? role)
    {
        if (rule is null && role is null)
        {
            throw new InvalidOperationException("A cue group needs a kind, a narrative role or both.");
        }

        foreach (var cue in group.GetProperty("cues").EnumerateArray())
        {
            var node = 0;
            foreach (var token in CueWords(cue.GetString()!))
            {
                if (!words.TryGetValue(token, out var id))
                {
                    id = words.Count;
                    words.Add(token, id);
                }

                if (rule is not null)
                {
                    engineWords.Add(id);
                }

                var key = ((long)node << 32) | (uint)id;
                if (!edges.TryGetValue(key, out var next))
                {
                    next = rules.Count;
                    rules.Add([]);
                    roles.Add([]);
                    edges.Add(key, next);
                }

                node = next;
            }

            if (node == 0)
            {
                throw new InvalidOperationException($"The cue '{cue.GetString()}' has no words.");
            }

            if (rule is not null)
            {
                rules[node].Add(rule);
            }

            if (role is { } narrative)
            {
                roles[node].Add(narrative);
            }
        }
    }

    private static List<string> CueWords(string cue)
    {
        var tokens = new ContextToken[cue.Length];
        var count = ContextTokens.Split(cue, tokens, cues: null);
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

    private static NarrativeCue ParseRole(string role) =>
        Enum.TryParse<NarrativeCue>(role.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
            ? parsed
            : role == "uncertainty" ? NarrativeCue.Uncertain
            : role == "historical" ? NarrativeCue.History
            : throw new InvalidOperationException($"Unknown narrative role '{role}' in the cue lists.");

    private static CueDirection ParseDirection(string direction) => direction switch
    {
        "forward" => CueDirection.Forward,
        "backward" => CueDirection.Backward,
        "both" => CueDirection.Both,
        _ => throw new InvalidOperationException($"Unknown cue direction '{direction}' in the cue lists."),
    };
}
