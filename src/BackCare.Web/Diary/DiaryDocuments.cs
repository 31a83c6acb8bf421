using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Recovery;
using BackCare.Data.Diary;

namespace BackCare.Web.Diary;

/// <summary>A diary entry as written, with what the engine made of it then.</summary>
/// <param name="Reassessment">The whole re-assessment (the contract's result); null for entries written before it was kept.</param>
public sealed record DiaryEntryDocument(
    Guid Id, DateTime CreatedAt, int PainScore, int Spasms, string? Notes,
    string? Walk, string? Sit, string? Sleep, string? Work,
    string[] Medicines, string[] WhatHelped, string? WhatHelpedOther,
    string Disposition, string? Progress, string? StepUp, bool RedFlag, string[] NewRedFlags, RawJson? Reassessment)
{
    internal static DiaryEntryDocument From(DiaryEntry entry) => new(
        entry.Id, entry.CreatedUtc, entry.PainScore, entry.Spasms, entry.Notes,
        WireNames.Of(entry.WalkLevel), WireNames.Of(entry.SitLevel), WireNames.Of(entry.SleepLevel), WireNames.Of(entry.WorkLevel),
        List(entry.MedicinesTaken), List(entry.WhatHelped), entry.WhatHelpedOther,
        entry.Disposition, entry.Progress is { } progress ? WireNames.Of(progress.ToString()) : null, entry.StepUp,
        entry.RedFlag, List(entry.NewRedFlagsJson), entry.ResultJson is { } json ? new RawJson(json) : null);

    // Entries written before lists were kept as JSON hold free text: it is shown as one item, not lost.
    private static string[] List(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(stored) ?? [];
        }
        catch (JsonException)
        {
            return [stored];
        }
    }
}

/// <summary>
/// A new diary entry and its re-assessment: the contract result, progress against the start, the next step and
/// any new red flags. <paramref name="Message"/> says what to do now when the entry needs a doctor today or an
/// emergency (with the emergency number); <paramref name="Advice"/> is the review's reasons, each with its source key.
/// </summary>
public sealed record DiaryCreated(
    Guid Id, DateTime CreatedAt, int PainScore, int Spasms, string? Notes,
    string? Walk, string? Sit, string? Sleep, string? Work,
    string[] Medicines, string[] WhatHelped, string? WhatHelpedOther,
    string Disposition, string Progress, string StepUp, string[] NewRedFlags, string? Message,
    IReadOnlyList<Reason> Advice, RawJson Reassessment)
{
    internal static DiaryCreated From(DiaryEntry entry, DiaryReview review, string[] newRedFlags, string? message, string resultJson)
    {
        var document = DiaryEntryDocument.From(entry);
        return new DiaryCreated(
            entry.Id, entry.CreatedUtc, entry.PainScore, entry.Spasms, entry.Notes,
            document.Walk, document.Sit, document.Sleep, document.Work,
            document.Medicines, document.WhatHelped, entry.WhatHelpedOther,
            review.Reassessment.Disposition.WireName(),
            WireNames.Of(review.Progress.ToString()),
            WireNames.Of(review.StepUp.ToString()),
            newRedFlags,
            message,
            review.Reasons,
            new RawJson(resultJson));
    }
}
