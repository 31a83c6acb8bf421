using BackCare.Clinical.Findings;

namespace BackCare.Web.Diary;

/// <summary>
/// What the page after saving shows of a new entry's re-assessment. It travels once, in the protected temp-data
/// cookie, from the form's POST to the page it redirects to, so reloading that page never writes the entry twice.
/// </summary>
public sealed record DiaryResult(
    Guid Id, string Disposition, bool NewRedFlag, string? Message, string[] NewRedFlags, string Progress, DiaryResultAdvice[] Advice)
{
    public static DiaryResult From(DiaryCreated entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new DiaryResult(
            entry.Id,
            entry.Disposition,
            entry.NewRedFlags.Length > 0,
            entry.Message,
            [.. entry.NewRedFlags.Select(key => FindingCatalog.TryGet(key, out var definition) ? definition.Label : key)],
            entry.Progress,
            [.. entry.Advice.Select(a => new DiaryResultAdvice(a.Text, a.Source))]);
    }
}

public sealed record DiaryResultAdvice(string Text, string Source);
