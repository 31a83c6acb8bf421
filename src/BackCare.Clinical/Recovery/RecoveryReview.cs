using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Risk;
using System.Collections.Frozen;

namespace BackCare.Clinical.Recovery;

/// <summary>How recovery is going, judged against the start.</summary>
public enum Progress
{
    Improving,
    Stalled,
    Worse,
}

/// <summary>The next step of stepped care the diary review recommends.</summary>
public enum StepUp
{
    KeepGoing,
    PhysicalTherapyOrDoctor,
    DoctorSoon,
    Specialist,
}

/// <summary>Where a person's recovery started: the first assessment's findings and, when screened, their risk group.</summary>
public sealed record RecoveryBaseline(int Age, FindingSet Findings, int StartingPain, RiskGroup? Risk = null);

/// <summary>
/// One diary entry as the engine sees it: the day (counted from the start of the episode, which the
/// caller works out from stored dates: the engine has no clock), pain 0–10, spasms that day, and any new
/// finding codes of the contract the person ticked.
/// </summary>
public sealed record DiaryCheck(double DaysSinceOnset, int PainScore, int Spasms, FindingSet NewFindings);

public sealed record DiaryReview(
    AssessmentResult Reassessment,
    Progress Progress,
    StepUp StepUp,
    IReadOnlyList<FindingCode> NewRedFlags,
    IReadOnlyList<Reason> Reasons)
{
    /// <summary>True when the entry needs action now (a doctor today or an emergency), whatever the plan said.</summary>
    public bool NeedsUrgentCare => Reassessment.Disposition >= Disposition.Urgent;
}

/// <summary>
/// Re-checks each diary entry: the person's first findings plus anything new are assessed again (so a new
/// red flag gives an urgent or emergency result at once), progress is judged against the start, and care
/// steps up as the brief says: a physical therapist or doctor after about a week without progress, a spine
/// specialist after four to six weeks; sooner when the risk screen says so.
/// </summary>
public static class RecoveryReview
{
    /// <summary>Days without progress after which a physical therapist or doctor is the next step (stepped care, ACP-2017).</summary>
    public const int PhysicalTherapyAfterDays = 7;

    /// <summary>Days of persistent pain after which a spine specialist is the next step (NICE-NG59: four to six weeks).</summary>
    public const int SpecialistAfterDays = 28;

    private static readonly Lazy<FrozenDictionary<string, string>> Texts = new(LoadTexts);

    public static DiaryReview Review(RecoveryBaseline baseline, DiaryCheck entry)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(entry);
        var findings = baseline.Findings.Copy();
        var newRedFlagCandidates = new List<FindingCode>();
        foreach (var code in entry.NewFindings.AnsweredCodes())
        {
            if (FindingCatalog.Get(code).IsBoolean && entry.NewFindings[code])
            {
                if (!findings[code])
                {
                    newRedFlagCandidates.Add(code);
                }

                findings.Set(code, true, entry.NewFindings.IsUncertain(code));
            }
        }

        var progress = JudgeProgress(baseline.StartingPain, entry.PainScore);
        findings.PainScore = entry.PainScore;
        findings.OnsetDays = entry.DaysSinceOnset;
        findings.Course = progress switch
        {
            Progress.Improving => PainCourse.Improving,
            Progress.Worse => PainCourse.Worsening,
            _ => PainCourse.Unchanged,
        };

        var reassessment = Assessor.Assess(baseline.Age, findings);
        var newRedFlags = newRedFlagCandidates.Where(reassessment.RedFlags.Contains).ToArray();
        var stepUp = ChooseStep(progress, entry.DaysSinceOnset, baseline.Risk);

        var reasons = new List<Reason>();
        if (newRedFlags.Length > 0)
        {
            reasons.Add(Make("new-red-flag", "CKS-RF"));
        }

        reasons.Add(Make("progress-" + progress.ToString().ToLowerInvariant(), "PENGEL-2003"));
        reasons.Add(stepUp switch
        {
            StepUp.Specialist => Make("step-specialist", "NICE-NG59"),
            StepUp.DoctorSoon => Make("step-doctor-worse", "SEEDS"),
            StepUp.PhysicalTherapyOrDoctor when baseline.Risk == RiskGroup.High => Make("step-risk-high", StartBack.Source),
            StepUp.PhysicalTherapyOrDoctor when baseline.Risk == RiskGroup.Medium && entry.DaysSinceOnset < PhysicalTherapyAfterDays
                => Make("step-risk-medium", StartBack.Source),
            StepUp.PhysicalTherapyOrDoctor => Make("step-physical-therapy", "ACP-2017"),
            _ => Make("step-keep-going", "PENGEL-2003"),
        });

        return new DiaryReview(reassessment, progress, stepUp, newRedFlags, reasons);
    }

    /// <summary>
    /// A fall of two points or of a third from the start counts as improving (a change people notice);
    /// a rise of two points as worse; anything between as stalled.
    /// </summary>
    public static Progress JudgeProgress(int startingPain, int painNow)
    {
        var drop = startingPain - painNow;
        if (drop >= 2 || (startingPain > 0 && drop >= startingPain / 3.0 && drop > 0))
        {
            return Progress.Improving;
        }

        return -drop >= 2 ? Progress.Worse : Progress.Stalled;
    }

    public static StepUp ChooseStep(Progress progress, double daysSinceOnset, RiskGroup? risk)
    {
        if (progress == Progress.Improving)
        {
            return risk is RiskGroup.High ? StepUp.PhysicalTherapyOrDoctor : StepUp.KeepGoing;
        }

        if (daysSinceOnset >= SpecialistAfterDays)
        {
            return StepUp.Specialist;
        }

        if (daysSinceOnset >= PhysicalTherapyAfterDays || risk is RiskGroup.Medium or RiskGroup.High)
        {
            return StepUp.PhysicalTherapyOrDoctor;
        }

        return progress == Progress.Worse ? StepUp.DoctorSoon : StepUp.KeepGoing;
    }

    private static Reason Make(string id, string source) => new(id, Texts.Value[id], source);

    private static FrozenDictionary<string, string> LoadTexts() =>
        ContentFiles.ReadStrings("BackCare.Clinical.Content.en.recovery.json");
}
