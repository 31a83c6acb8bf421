using System.Text.Json;

namespace BackCare.Web.Tests;

/// <summary>Files of the repository the tests read as they are: the web app's language files, the deployment guide.</summary>
internal static class Repository
{
    /// <summary>The folder that holds BackCare.slnx, found upward from the test's own folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every text of the web app's English language files.</summary>
    public static IEnumerable<string> PageTexts() => Directory
        .GetFiles(Path.Combine(Root, "src", "BackCare.Web", "Text", "en"), "*.json")
        .SelectMany(file => Strings(JsonDocument.Parse(File.ReadAllText(file)).RootElement));

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BackCare.slnx")))
        {
            folder = folder.Parent;
        }

        return folder.ShouldNotBeNull("the tests run inside the repository").FullName;
    }
}
