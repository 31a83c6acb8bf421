using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BackCare.Clinical.Contract;

namespace BackCare.Web.Diary;

/// <summary>The diary's words for an entry that needs action now, from Text/en/diary.json.</summary>
internal sealed class DiaryText
{
    private readonly FrozenDictionary<string, string> _texts;

    private DiaryText(FrozenDictionary<string, string> texts) => _texts = texts;

    public static DiaryText English { get; } = Load("en");

    /// <summary>
    /// What to do now, or null when the entry needs nothing sooner than the plan: a new red flag always gets a
    /// message for its disposition; an emergency or urgent result without one still says so (the more urgent wins).
    /// </summary>
    public string? Alert(Disposition disposition, bool newRedFlag, string emergencyNumber)
    {
        var key = (disposition, newRedFlag) switch
        {
            (Disposition.Emergency, true) => "new_emergency",
            (Disposition.Urgent, true) => "new_urgent",
            (_, true) => "new_routine",
            (Disposition.Emergency, false) => "still_emergency",
            (Disposition.Urgent, false) => "still_urgent",
            _ => null,
        };
        return key is null ? null : string.Format(CultureInfo.InvariantCulture, _texts[key], emergencyNumber);
    }

    private static DiaryText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.diary.json";
        using var stream = typeof(DiaryText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new DiaryText(document.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }
}
