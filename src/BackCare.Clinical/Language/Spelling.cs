using System.Collections.Concurrent;
using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>
/// How people really spell the words that matter. Texting forms are written out ("2day" is "today", "yday"
/// "yesterday", "b4" "before"), a dropped g is put back ("gettin", "liftin"), and a word the reader does not know
/// that is one slip (two in a long word) from a word of the lexicon is read as that word ("numbess", "blader",
/// "siatica", "temprature"). Only the lexicon's own words of five letters or more are targets, and never a real
/// English word ("fewer" is not "fever", "wearing" is not "tearing"): the list of real words near a target comes
/// from a dictionary and ships in Content/en/spelling.json. Not a fuzzy match on everything.
/// </summary>
internal static class Spelling
{
    private const int MinimumLength = 5;
    private const int LongWord = 8;
    private const int MemoLimit = 50_000;

    private static readonly Lazy<Tables> Loaded = new(Load);
    private static readonly ConcurrentDictionary<string, string?> Memo = new(StringComparer.Ordinal);

    /// <summary>The words a texting form stands for ("idk" is three words), or null.</summary>
    public static string[]? Respell(string word) => Loaded.Value.Respell.GetValueOrDefault(word);

    /// <summary>The forms written for one word ("nae" for "no", "aint" for "ain't"), with that word.</summary>
    public static IEnumerable<(string Form, string Word)> OneWordRespellings =>
        Loaded.Value.Respell.Where(p => p.Value.Length == 1).Select(p => (p.Key, p.Value[0]));

    /// <summary>Every word a respelling can give, for the tokenizer's list of known words.</summary>
    public static IEnumerable<string> Words => Loaded.Value.Respell.Values.SelectMany(w => w).Concat(Loaded.Value.Targets);

    /// <summary>True for a word of the lexicon that misspellings may be corrected to ("lifting").</summary>
    public static bool IsTarget(string word) => Loaded.Value.TargetSet.Contains(word);

    /// <summary>The lexicon word a misspelt word stands for, or null when there is none or the word is real.</summary>
    public static string? Correct(string word)
    {
        if (word.Length < MinimumLength || !IsLetters(word))
        {
            return null;
        }

        var tables = Loaded.Value;
        if (tables.Never.Contains(word) || tables.TargetSet.Contains(word))
        {
            return null;
        }

        if (Memo.TryGetValue(word, out var known))
        {
            return known;
        }

        var corrected = Nearest(word, tables);
        if (Memo.Count < MemoLimit)
        {
            Memo[word] = corrected;
        }

        return corrected;
    }

    private static string? Nearest(string word, Tables tables)
    {
        var allowed = word.Length >= LongWord ? 2 : 1;
        string? best = null;
        var bestDistance = allowed + 1;
        for (var length = Math.Max(MinimumLength, word.Length - allowed); length <= word.Length + allowed; length++)
        {
            if (!tables.ByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                // Ties are looked at too: one that keeps the word's first letter wins ("pasing" is "passing", not "easing").
                var limit = Math.Min(bestDistance, Math.Min(word.Length, candidate.Length) >= LongWord ? 2 : 1);
                var distance = Distance(word, candidate, limit);
                if (distance <= limit && (distance < bestDistance || (distance == bestDistance && Better(candidate, best!, word))))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Between two targets as near as each other, the one that keeps the word's first letter, then the longer:
    /// people leave letters out more than they add them ("blader" is "bladder", not "blade").
    /// </summary>
    private static bool Better(string candidate, string best, string word)
    {
        var keepsFirst = candidate[0] == word[0];
        var bestKeepsFirst = best[0] == word[0];
        return keepsFirst != bestKeepsFirst ? keepsFirst : candidate.Length > best.Length;
    }

    /// <summary>Edits between two words (insert, delete, change, or swap two neighbours), or more than <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }

    private static bool IsLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static Tables Load()
    {
        using var document = ContentFiles.ReadDocument("BackCare.Clinical.Content.en.spelling.json");
        var root = document.RootElement;
        var respell = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("respell").EnumerateObject())
        {
            respell[entry.Name] = entry.Value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        var targets = Strings(root, "targets");
        return new Tables(
            respell,
            targets,
            new HashSet<string>(targets, StringComparer.Ordinal),
            targets.GroupBy(t => t.Length).ToDictionary(g => g.Key, g => g.ToArray()),
            new HashSet<string>(Strings(root, "never"), StringComparer.Ordinal));
    }

    private static string[] Strings(JsonElement root, string name) =>
        [.. root.GetProperty(name).EnumerateArray().Select(w => w.GetString()!)];

    private sealed record Tables(
        Dictionary<string, string[]> Respell,
        string[] Targets,
        HashSet<string> TargetSet,
        Dictionary<int, string[]> ByLength,
        HashSet<string> Never);
}
