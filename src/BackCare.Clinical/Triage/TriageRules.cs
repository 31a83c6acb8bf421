using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Triage;

/// <summary>
/// Every triage rule of the clinical brief, most urgent first. Adding a red flag is one entry here,
/// its text in Content/en/rules.json, and one row in the rule tests.
/// </summary>
public static class TriageRules
{
    /// <summary>The id of the rule that explains a home-care result when no other rule fired.</summary>
    public const string NoRedFlagsRuleId = "no-red-flags";

    /// <summary>The id of the reason every result carries: the signs that should bring the person back sooner.</summary>
    public const string SafetyNetRuleId = "safety-net";

    // Findings that show a nerve root, the cauda equina or the spinal cord is affected.
    internal static readonly ulong NerveSigns = FindingSet.Mask(
        BladderDysfunction, BowelIncontinence, SaddleNumbness, SexualDysfunction, LegWeakness, LegWeaknessProgressive,
        LegParalysis, BilateralLegSymptoms, LegNumbness, Sciatica, UnsteadyWalking);

    // Nerve signs that, with a fever, point to pressure on the nerves from an abscess.
    private static readonly ulong DeficitSigns = FindingSet.Mask(
        LegWeakness, LegWeaknessProgressive, LegParalysis, BilateralLegSymptoms, LegNumbness, UnsteadyWalking,
        BladderDysfunction, BowelIncontinence, SaddleNumbness);

    private static readonly ulong InfectionRisks = FindingSet.Mask(IvDrugUse, Immunosuppressed, RecentInfectionOrProcedure);

    private static readonly ulong BoneFragility = FindingSet.Mask(Osteoporosis, LongTermSteroids);

    private static readonly ulong MotorLoss = FindingSet.Mask(LegWeakness, LegWeaknessProgressive, LegParalysis, UnsteadyWalking);

    private static readonly FindingCode[] NerveSignCodes =
    [
        BladderDysfunction, BowelIncontinence, SaddleNumbness, SexualDysfunction, LegWeakness, LegWeaknessProgressive,
        LegParalysis, BilateralLegSymptoms, LegNumbness, Sciatica, UnsteadyWalking,
    ];

    public static readonly IReadOnlyList<TriageRule> All =
    [
        // Emergency: cauda equina syndrome and severe nerve loss (CKS-RF, SEEDS).
        new("cauda-equina-bladder", Disposition.Emergency, "CKS-RF", i => i[BladderDysfunction], BladderDysfunction),
        new("cauda-equina-bowel", Disposition.Emergency, "CKS-RF", i => i[BowelIncontinence], BowelIncontinence),
        new("cauda-equina-saddle", Disposition.Emergency, "CKS-RF", i => i[SaddleNumbness], SaddleNumbness),
        new("cauda-equina-sexual", Disposition.Emergency, "CKS-RF", i => i[SexualDysfunction], SexualDysfunction),
        new("cauda-equina-both-legs", Disposition.Emergency, "CKS-RF",
            i => i[BilateralLegSymptoms] && i.Any(MotorLoss), BilateralLegSymptoms, LegWeakness, UnsteadyWalking),
        new("leg-paralysis", Disposition.Emergency, "CKS-RF", i => i[LegParalysis], LegParalysis),
        new("leg-weakness-progressive", Disposition.Emergency, "CKS-RF",
            i => i[LegWeaknessProgressive], LegWeaknessProgressive, LegWeakness),

        // Emergency: cancer with nerve signs (metastatic spinal cord compression).
        new("cancer-with-nerve-signs", Disposition.Emergency, "NICE-NG234",
            i => i[CancerHistory] && i.Any(NerveSigns), [CancerHistory, .. NerveSignCodes]),

        // Emergency: infection that may be an epidural abscess or discitis.
        new("infection-with-risk", Disposition.Emergency, "CKS-RF",
            i => i[Fever] && i.Any(InfectionRisks), Fever, IvDrugUse, Immunosuppressed, RecentInfectionOrProcedure),
        new("infection-with-nerve-signs", Disposition.Emergency, "CKS-RF",
            i => i[Fever] && i.Any(DeficitSigns), [Fever, .. NerveSignCodes]),

        // Emergency: a serious injury that has touched the nerves or stops the person walking.
        new("major-trauma-with-nerve-signs", Disposition.Emergency, "CKS-RF",
            i => i.TriggerIs(PainTrigger.MajorTrauma) && (i.Any(NerveSigns) || i[CannotWalk]),
            [Trigger, CannotWalk, .. NerveSignCodes]),

        // Emergency: not the spine — heart, lungs and the aorta.
        new("chest-pain", Disposition.Emergency, "CKS-RF", i => i[ChestPain], ChestPain),
        new("tearing-pain", Disposition.Emergency, "CKS-RF", i => i[TearingPain], TearingPain),
        new("pulsatile-abdominal-mass", Disposition.Emergency, "CKS-RF", i => i[PulsatileAbdominalMass], PulsatileAbdominalMass),

        // Urgent: a doctor today.
        new("leg-weakness", Disposition.Urgent, "CKS-RF", i => i[LegWeakness], LegWeakness),
        new("both-legs", Disposition.Urgent, "CKS-RF", i => i[BilateralLegSymptoms], BilateralLegSymptoms),
        new("unsteady-walking", Disposition.Urgent, "CKS-RF", i => i[UnsteadyWalking], UnsteadyWalking),
        new("cancer-history", Disposition.Urgent, "NICE-NG234", i => i[CancerHistory], CancerHistory),
        new("fever", Disposition.Urgent, "CKS-RF", i => i[Fever], Fever),
        new("kidney-infection", Disposition.Urgent, "CKS-RF", i => i[Fever] && i[UrinarySymptoms], Fever, UrinarySymptoms),
        new("urinary-symptoms", Disposition.Urgent, "CKS-RF", i => i[UrinarySymptoms], UrinarySymptoms),
        new("nausea-vomiting", Disposition.Urgent, "CKS-RF", i => i[NauseaVomiting], NauseaVomiting),
        new("major-trauma", Disposition.Urgent, "CKS-RF", i => i.TriggerIs(PainTrigger.MajorTrauma), Trigger),
        new("fragile-bones-strain", Disposition.Urgent, "DOWNIE-2013",
            i => i.Any(BoneFragility) && !i.TriggerIs(PainTrigger.None), LongTermSteroids, Osteoporosis, Trigger),
        new("older-fall", Disposition.Urgent, "DOWNIE-2013",
            i => i.Age >= 70 && i.TriggerIs(PainTrigger.MinorFall), Trigger),
        new("cannot-walk", Disposition.Urgent, "CKS-RF", i => i[CannotWalk], CannotWalk),
        new("cancer-signs-together", Disposition.Urgent, "DOWNIE-2013",
            i => CancerSignCount(i) >= 2, WeightLoss, NightPain, ConstantProgressivePain, OnsetDays),

        // Routine: see a doctor, physical therapist or spine specialist within one to two weeks.
        new("weight-loss", Disposition.Routine, "DOWNIE-2013", i => i[WeightLoss], WeightLoss),
        new("night-pain", Disposition.Routine, "CKS-RF", i => i[NightPain], NightPain),
        new("constant-progressive-pain", Disposition.Routine, "CKS-RF", i => i[ConstantProgressivePain], ConstantProgressivePain),
        new("first-episode-over-50", Disposition.Routine, "CKS-RF",
            i => i.Age > 50 && i.Findings.PreviousEpisodes is null or 0 && i.NoObviousStrain, PreviousEpisodes, Trigger),
        new("young-lasting-pain", Disposition.Routine, "CKS-RF",
            i => i.Age < 18 && i.OnsetDays > 14 && i.NoObviousStrain, OnsetDays, Trigger),
        new("young-athlete-extension", Disposition.Routine, "SEEDS",
            i => i.Age <= 25 && i[WorseWithExtension], WorseWithExtension, Trigger),
        new("inflammatory-back-pain", Disposition.Routine, "NICE-NG65", IsInflammatoryPattern,
            MorningStiffness, BetterWithExercise, SleepDisturbed, OnsetDays),
        new("infection-risk", Disposition.Routine, "CKS-RF",
            i => !i[Fever] && i.Any(InfectionRisks), IvDrugUse, Immunosuppressed, RecentInfectionOrProcedure),
        new("fragile-bones-no-injury", Disposition.Routine, "DOWNIE-2013",
            i => i.Any(BoneFragility) && i.TriggerIs(PainTrigger.None), LongTermSteroids, Osteoporosis),
        new("leg-numbness", Disposition.Routine, "CKS-RF", i => i[LegNumbness], LegNumbness),
        new("sciatica-not-settling", Disposition.Routine, "NICE-NG59",
            i => i[Sciatica] && i.NotImproving && i.OnsetDays >= 7, Sciatica, Course),
        new("pain-after-fatty-meals", Disposition.Routine, "CKS-RF", i => i[PainAfterFattyMeals], PainAfterFattyMeals),
        new("abdominal-pain", Disposition.Routine, "CKS-RF", i => i[AbdominalPain], AbdominalPain),
        new("lasting-over-four-weeks", Disposition.Routine, "CKS-RF",
            i => i.OnsetDays > 28 && i.NotImproving, OnsetDays, Course),
        new("not-better-after-a-week", Disposition.Routine, "ACP-2017",
            i => Math.Max(i.OnsetDays ?? 0, i.Findings.SelfCareDays ?? 0) >= 7 && i.NotImproving, OnsetDays, SelfCareDays, Course),
        new("worsening", Disposition.Routine, "SEEDS", i => i.Findings.Course == PainCourse.Worsening, Course),
        new("otc-no-relief", Disposition.Routine, "SEEDS", i => i[OtcNoRelief], OtcNoRelief),
        new("severe-pain", Disposition.Routine, "SEEDS", i => i.Findings.PainScore >= 9, PainScore),
        new("daily-activities-impaired", Disposition.Routine, "SEEDS", i => i[DailyActivitiesImpaired], DailyActivitiesImpaired),
    ];

    /// <summary>Signs of a possible cancer that, together, raise its likelihood (DOWNIE-2013).</summary>
    internal static int CancerSignCount(TriageInput input)
    {
        var count = 0;
        count += input[WeightLoss] ? 1 : 0;
        count += input[NightPain] ? 1 : 0;
        count += input[ConstantProgressivePain] ? 1 : 0;
        count += input.OnsetDays > 28 && input.NotImproving ? 1 : 0;
        return count;
    }

    /// <summary>
    /// NICE-NG65: back pain for more than three months that began before 45, with at least two of
    /// morning stiffness, easing with exercise rather than rest, and waking at night with it.
    /// </summary>
    internal static bool IsInflammatoryPattern(TriageInput input)
    {
        if (input.OnsetDays is not { } days || days <= 90 || input.Age - (days / 365.0) >= 45)
        {
            return false;
        }

        var features = (input[MorningStiffness] ? 1 : 0) + (input[BetterWithExercise] ? 1 : 0) + (input[SleepDisturbed] ? 1 : 0);
        return features >= 2;
    }
}
