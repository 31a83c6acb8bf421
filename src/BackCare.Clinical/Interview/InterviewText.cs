using System.Collections.Frozen;
using System.Text.Json;

namespace BackCare.Clinical.Interview;

/// <summary>The words of the interview's tick-all-that-apply pages, from the content file interview.json.</summary>
public static class InterviewText
{
    private static readonly Lazy<Texts> Loaded = new(Load);

    /// <summary>The exclusive last option of every group.</summary>
    public static string NoneOfThese => Loaded.Value.None;

    public static string GroupQuestion(string groupId) => Lookup(Loaded.Value.Questions, groupId, "group question");

    public static string GroupLabel(string groupId) => Lookup(Loaded.Value.Labels, groupId, "group label");

    /// <summary>The plain option text of a finding in a group.</summary>
    public static string Option(string findingKey) => Lookup(Loaded.Value.Options, findingKey, "option");

    private static string Lookup(FrozenDictionary<string, string> texts, string id, string kind) =>
        texts.TryGetValue(id, out var text)
            ? text
            : throw new KeyNotFoundException($"No {kind} text for '{id}' in interview.json.");

    private static Texts Load()
    {
        using var document = ContentFiles.ReadDocument("BackCare.Clinical.Content.en.interview.json");
        var root = document.RootElement;
        var groups = root.GetProperty("groups").EnumerateObject().ToList();
        return new Texts(
            root.GetProperty("none_of_these").GetString()!,
            groups.ToFrozenDictionary(g => g.Name, g => g.Value.GetProperty("question").GetString()!, StringComparer.Ordinal),
            groups.ToFrozenDictionary(g => g.Name, g => g.Value.GetProperty("label").GetString()!, StringComparer.Ordinal),
            root.GetProperty("options").EnumerateObject().ToFrozenDictionary(o => o.Name, o => o.Value.GetString()!, StringComparer.Ordinal));
    }

    private sealed record Texts(
        string None,
        FrozenDictionary<string, string> Questions,
        FrozenDictionary<string, string> Labels,
        FrozenDictionary<string, string> Options);
}
