using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Recovery;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Telemetry;
using BackCare.Web.Assessments;
using BackCare.Web.Check;
using BackCare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Diary;

/// <summary>What became of a diary form.</summary>
public abstract record DiaryOutcome;

/// <summary>Stored (committed to disk) and re-assessed.</summary>
public sealed record DiaryRecorded(DiaryCreated Entry) : DiaryOutcome;

/// <summary>Not stored: each field named says what is wrong with it.</summary>
public sealed record DiaryInvalid(Dictionary<string, string[]> Errors) : DiaryOutcome;

/// <summary>Not stored: the diary compares each day with the first assessment, and there is none yet.</summary>
public sealed record DiaryNeedsFirstAssessment : DiaryOutcome;

/// <summary>Not stored: the database failed; nothing of the entry was kept, and it can be sent again.</summary>
public sealed record DiaryNotStored : DiaryOutcome;

/// <summary>
/// Writes one day's diary, for the API and the diary page alike: checks the form, re-assesses the entry against
/// the person's first assessment (RecoveryReview: a new red flag at once, progress against the start, the next
/// step of stepped care), and stores the entry with its whole re-assessment through the group-commit
/// <see cref="DiaryWriter"/>. The outcome is returned only once the entry is on disk.
/// </summary>
public sealed class DiaryRecorder(
    BackCareDbContext db,
    DiaryWriter writer,
    DiaryBaselines baselines,
    IAuditActorAccessor actor,
    IOptions<EmergencyOptions> emergency,
    TimeProvider clock,
    BackCareMetrics metrics)
{
    public async Task<DiaryOutcome> RecordAsync(Guid ownerId, DiaryForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>();
        if (form.Check(errors) is not { } diary)
        {
            return new DiaryInvalid(errors);
        }

        if (await baselines.StartOfAsync(db, ownerId, cancellationToken) is not { } start)
        {
            return new DiaryNeedsFirstAssessment();
        }

        var review = Review(start, diary, clock.GetUtcNow().UtcDateTime);
        var resultJson = AssessmentJsonResult.ToJson(review.Reassessment);
        var newRedFlags = review.NewRedFlags.Select(c => c.Key()).ToArray();
        var entry = new DiaryEntry(ownerId, ToInput(diary), new DiaryReassessment(
            review.Reassessment.Disposition.WireName(),
            ToStored(review.Progress),
            RedFlag: review.NewRedFlags.Count > 0,
            StepUp: WireNames.Of(review.StepUp.ToString()),
            NewRedFlagsJson: JsonSerializer.Serialize(newRedFlags),
            ResultJson: resultJson));
        try
        {
            // The writer raises the person on their clinics' worklists in the entry's own transaction.
            await writer.WriteAsync(entry, actor.Current, newRedFlags, cancellationToken);
        }
        catch (DiaryWriteException)
        {
            return new DiaryNotStored();
        }

        metrics.DiaryReassessed(review.Reassessment, newRedFlags);

        return new DiaryRecorded(DiaryCreated.From(
            entry,
            review,
            newRedFlags,
            DiaryText.English.Alert(review.Reassessment.Disposition, newRedFlags.Length > 0, emergency.Value.Number),
            resultJson));
    }

    /// <summary>
    /// The engine's review of the entry. Walking "not at all" is the contract's <c>cannot_walk</c> and sleep that
    /// was limited is <c>sleep_disturbed</c>, so they count as findings of the day like the ticked ones (CKS-RF:
    /// not being able to walk needs a doctor today).
    /// </summary>
    private static DiaryReview Review(DiaryStart start, CheckedDiary diary, DateTime now)
    {
        var findings = diary.NewFindings.Copy();
        if (diary.Abilities.Walk == AbilityLevel.NotAtAll && !findings.IsAnswered(FindingCode.CannotWalk))
        {
            findings.Set(FindingCode.CannotWalk, true);
        }

        if (diary.Abilities.Sleep is AbilityLevel.Limited or AbilityLevel.NotAtAll && !findings.IsAnswered(FindingCode.SleepDisturbed))
        {
            findings.Set(FindingCode.SleepDisturbed, true);
        }

        // Without a starting pain score today's stands in, so progress reads as stalled rather than guessed.
        var baseline = new RecoveryBaseline(start.Age, start.Findings, start.StartingPain ?? diary.PainScore, start.Risk);
        var daysSinceOnset = start.OnsetDaysThen + Math.Max(0, (now - start.StartedUtc).TotalDays);
        return RecoveryReview.Review(baseline, new DiaryCheck(daysSinceOnset, diary.PainScore, diary.Spasms, findings));
    }

    private static DiaryInput ToInput(CheckedDiary diary)
    {
        var ticked = diary.NewFindings.AnsweredCodes()
            .Where(c => FindingCatalog.Get(c).IsBoolean && diary.NewFindings[c])
            .Select(c => c.Key())
            .ToArray();
        var abilities = diary.Abilities;
        return new DiaryInput(
            diary.PainScore,
            diary.Spasms,
            DiaryAbilities.CouldDo(abilities.Walk),
            DiaryAbilities.CouldDo(abilities.Sit),
            DiaryAbilities.CouldDo(abilities.Sleep),
            DiaryAbilities.CouldDo(abilities.Work),
            diary.Medicines.Length > 0 ? JsonSerializer.Serialize(diary.Medicines) : null,
            diary.WhatHelped.Length > 0 ? JsonSerializer.Serialize(diary.WhatHelped) : null,
            diary.Notes,
            JsonSerializer.Serialize(ticked),
            abilities,
            diary.WhatHelpedOther);
    }

    private static DiaryProgress ToStored(Progress progress) => progress switch
    {
        Progress.Improving => DiaryProgress.Improving,
        Progress.Worse => DiaryProgress.Worse,
        _ => DiaryProgress.Stalled,
    };
}

/// <summary>KeepGoing → keep_going, as the contract spells its codes.</summary>
internal static class WireNames
{
    public static string Of(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string? Of(AbilityLevel? level) => level is { } value ? Of(value.ToString()) : null;
}
