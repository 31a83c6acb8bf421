using System.Collections.Frozen;
using System.Text.Json;

namespace BackCare.Clinical;

/// <summary>The engine's content files, embedded in the assembly: one way to open and read them.</summary>
internal static class ContentFiles
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static Stream Open(string resource) =>
        typeof(ContentFiles).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"The content file {resource} is missing from the assembly.");

    public static JsonDocument ReadDocument(string resource)
    {
        using var stream = Open(resource);
        return JsonDocument.Parse(stream, Options);
    }

    /// <summary>The top-level properties of a JSON object, leaving out notes to writers (keys that start with "_").</summary>
    public static Dictionary<string, JsonElement> ReadObject(string resource)
    {
        using var document = ReadDocument(resource);
        return document.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>A JSON object of id → text, leaving out notes to writers.</summary>
    public static FrozenDictionary<string, string> ReadStrings(string resource) =>
        ReadObject(resource).ToFrozenDictionary(p => p.Key, p => p.Value.GetString()!, StringComparer.Ordinal);
}
