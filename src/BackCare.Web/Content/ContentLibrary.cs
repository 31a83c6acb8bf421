using System.Globalization;
using Markdig;

namespace BackCare.Web.Content;

/// <summary>One education page or exercise, read from a Markdown file with front matter.</summary>
public sealed record ContentItem(
    string Slug,
    string Title,
    string Summary,
    int Order,
    IReadOnlyList<string> Sources,
    string Html,
    string PlainText,
    IReadOnlyDictionary<string, string> Fields)
{
    public string? Field(string key) => Fields.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>True when the body has its own "Sources" section, so the page need not list the front matter's.</summary>
    public bool HasOwnSources { get; init; }
}

/// <summary>
/// The education library: pages in <c>learn/</c> and exercises in <c>exercises/</c>, Markdown with front
/// matter written by us. Raw HTML in the Markdown is not rendered, so a content file cannot add script.
/// </summary>
public sealed class ContentLibrary
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    public ContentLibrary(string root)
    {
        Root = root;
        Pages = Load(Path.Combine(root, "learn"));
        Exercises = Load(Path.Combine(root, "exercises"));
        Index = new ContentSearch(Pages, Exercises);
    }

    /// <summary>The folder the content was read from (for example <c>content/en</c>).</summary>
    public string Root { get; }

    public IReadOnlyList<ContentItem> Pages { get; }

    public IReadOnlyList<ContentItem> Exercises { get; }

    public ContentSearch Index { get; }

    public ContentItem? Page(string slug) => Pages.FirstOrDefault(p => p.Slug == slug);

    public ContentItem? Exercise(string slug) => Exercises.FirstOrDefault(p => p.Slug == slug);

    /// <summary>The path of an exercise's illustration, only when it is an SVG file directly beside the Markdown.</summary>
    public string? IllustrationPath(ContentItem exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var name = exercise.Field("illustration");
        if (name is null || name != Path.GetFileName(name) || !name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.Combine(Root, "exercises", name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The drawing's own description (its SVG <c>desc</c> or <c>title</c>), to use as the image's text alternative.</summary>
    public string? IllustrationDescription(ContentItem exercise)
    {
        if (IllustrationPath(exercise) is not { } path)
        {
            return null;
        }

        var svg = File.ReadAllText(path);
        foreach (var tag in new[] { "desc", "title" })
        {
            var match = System.Text.RegularExpressions.Regex.Match(svg, $@"<{tag}[^>]*>([^<]+)</{tag}>");
            if (match.Success)
            {
                return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value.Trim());
            }
        }

        return null;
    }

    public static ContentItem Parse(string slugFallback, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (body.StartsWith("---\n", StringComparison.Ordinal))
        {
            var end = body.IndexOf("\n---", 4, StringComparison.Ordinal);
            if (end > 0)
            {
                foreach (var line in body[4..end].Split('\n'))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        fields[line[..colon].Trim()] = Unquote(line[(colon + 1)..].Trim());
                    }
                }

                var after = body.IndexOf('\n', end + 4);
                body = after < 0 ? "" : body[(after + 1)..];
            }
        }

        var document = Markdown.Parse(body, Pipeline);
        var html = document.ToHtml(Pipeline);
        var plain = Markdown.ToPlainText(body, Pipeline);
        var slug = fields.GetValueOrDefault("slug") is { Length: > 0 } s ? s : slugFallback;
        var sources = (fields.GetValueOrDefault("sources") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var order = int.TryParse(fields.GetValueOrDefault("order"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : int.MaxValue;
        var hasOwnSources = System.Text.RegularExpressions.Regex.IsMatch(
            body, @"^#{1,6}\s*Sources\s*$", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return new ContentItem(
            slug,
            fields.GetValueOrDefault("title") ?? slug,
            fields.GetValueOrDefault("summary") ?? "",
            order,
            sources,
            html,
            plain,
            fields)
        {
            HasOwnSources = hasOwnSources,
        };
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;

    private static List<ContentItem> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.md")
            .Select(path => Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)))
            .Where(item => IsSafeSlug(item.Slug))
            .OrderBy(item => item.Order)
            .ThenBy(item => item.Title, StringComparer.Ordinal)];
    }

    private static bool IsSafeSlug(string slug) => slug.Length > 0 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
