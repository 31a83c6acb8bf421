namespace BackCare.Web.Content;

public sealed record SearchHit(ContentItem Item, bool IsExercise, int Score)
{
    public string Href => (IsExercise ? "/exercises/" : "/learn/") + Item.Slug;
}

/// <summary>
/// A small in-memory index over the titles, summaries and text of the pages and exercises. A word in the
/// title counts most, then the summary, then the body; every word of the query must appear somewhere.
/// </summary>
public sealed class ContentSearch
{
    private readonly List<(ContentItem Item, bool IsExercise, string Title, string Summary, string Body)> _entries;

    public ContentSearch(IEnumerable<ContentItem> pages, IEnumerable<ContentItem> exercises)
    {
        _entries = [.. pages.Select(p => Entry(p, false)).Concat(exercises.Select(e => Entry(e, true)))];
    }

    public IReadOnlyList<SearchHit> Find(string? query, int limit = 20)
    {
        var words = Words(query ?? "").Take(10).ToArray();
        if (words.Length == 0)
        {
            return [];
        }

        var hits = new List<SearchHit>();
        foreach (var (item, isExercise, title, summary, body) in _entries)
        {
            var score = 0;
            var all = true;
            foreach (var word in words)
            {
                var wordScore = (title.Contains(word, StringComparison.Ordinal) ? 10 : 0)
                    + (summary.Contains(word, StringComparison.Ordinal) ? 4 : 0)
                    + (body.Contains(word, StringComparison.Ordinal) ? 1 : 0);
                if (wordScore == 0)
                {
                    all = false;
                    break;
                }

                score += wordScore;
            }

            if (all)
            {
                hits.Add(new SearchHit(item, isExercise, score));
            }
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Item.Title, StringComparer.Ordinal).Take(limit)];
    }

    private static (ContentItem, bool, string, string, string) Entry(ContentItem item, bool isExercise) =>
        (item, isExercise, Normalise(item.Title), Normalise(item.Summary), Normalise(item.PlainText));

    private static string Normalise(string text) => " " + string.Join(' ', Words(text)) + " ";

    /// <summary>Lower-case words of two letters or more; a trailing "s" is dropped so "spasms" finds "spasm".</summary>
    private static string[] Words(string text) =>
        [.. text.ToLowerInvariant()
            .Split([.. text.Where(c => !char.IsLetterOrDigit(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 2)
            .Select(w => w.Length > 3 && w.EndsWith('s') ? w[..^1] : w)
            .Distinct()];
}
