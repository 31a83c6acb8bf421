using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Interview;

/// <summary>One question of the interview and when it can matter.</summary>
public sealed record InterviewQuestion(FindingCode Code, Func<int, Sex?, FindingSet, bool> AskWhen)
{
    public FindingDefinition Definition => FindingCatalog.Get(Code);
}

/// <summary>
/// The order of the interview, shared by the terminal and the web: red flags first, most dangerous
/// first; then how this episode is going; then, only when home care is possible, what makes medicines
/// unsafe. Questions that cannot change anything are skipped, and an emergency ends it at once.
/// Every red-flag question is asked before any result other than an emergency is given.
/// </summary>
public static class InterviewFlow
{
    private static bool Always(int age, Sex? sex, FindingSet findings) => true;

    public static readonly IReadOnlyList<InterviewQuestion> Questions =
    [
        new(BladderDysfunction, Always),
        new(BowelIncontinence, Always),
        new(SaddleNumbness, Always),
        new(SexualDysfunction, Always),
        new(LegParalysis, Always),
        new(LegWeakness, (_, _, f) => !f[LegParalysis]),
        new(LegWeaknessProgressive, (_, _, f) => f[LegWeakness]),
        new(BilateralLegSymptoms, Always),
        new(UnsteadyWalking, Always),
        new(ChestPain, Always),
        new(TearingPain, Always),
        new(PulsatileAbdominalMass, Always),
        new(Fever, Always),
        new(CancerHistory, Always),
        new(IvDrugUse, Always),
        new(Immunosuppressed, Always),
        new(RecentInfectionOrProcedure, Always),
        new(Trigger, Always),
        new(Osteoporosis, Always),
        new(LongTermSteroids, Always),
        new(CannotWalk, Always),
        new(UrinarySymptoms, Always),
        new(NauseaVomiting, Always),
        new(WeightLoss, Always),
        new(NightPain, Always),
        new(ConstantProgressivePain, Always),
        new(LegNumbness, (_, _, f) => !f[BilateralLegSymptoms]),
        new(Sciatica, Always),
        new(AbdominalPain, Always),
        new(PainAfterFattyMeals, Always),

        new(OnsetDays, Always),
        new(Course, Always),
        new(PainScore, Always),
        new(PainRegion, Always),
        new(PreviousEpisodes, Always),
        new(SelfCareDays, (_, _, f) => f.OnsetDays >= 1),
        new(OtcNoRelief, Always),
        new(DailyActivitiesImpaired, Always),
        new(SleepDisturbed, Always),
        new(WorseWithExtension, (age, _, _) => age <= 25),
        new(MorningStiffness, (age, _, f) => f.OnsetDays > 90 && age < 50),
        new(BetterWithExercise, (age, _, f) => f.OnsetDays > 90 && age < 50),

        new(Pregnant, (age, sex, _) => sex != Sex.Male && age is >= 10 and <= 60),
        new(KidneyDisease, Always),
        new(StomachUlcerOrBleeding, Always),
        new(BloodThinners, Always),
        new(HeartDisease, Always),
        new(NsaidAllergyOrAsthma, Always),
        new(LiverDisease, Always),
        new(HeavyAlcohol, (age, _, _) => age >= 16),
    ];

    /// <summary>
    /// The next question to ask, or null when the interview is over: every question that can matter has
    /// an answer, or the answers already make it an emergency.
    /// </summary>
    public static InterviewQuestion? Next(int age, Sex? sex, FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var disposition = TriageEngine.Evaluate(age, findings).Disposition;
        if (disposition == Disposition.Emergency)
        {
            return null;
        }

        foreach (var question in Questions)
        {
            if (findings.IsAnswered(question.Code) || !question.AskWhen(age, sex, findings))
            {
                continue;
            }

            // Medicine safety shapes only the home-care plan, which urgent care does not get.
            if (question.Definition.Group == FindingGroup.MedicineSafety && disposition >= Disposition.Urgent)
            {
                return null;
            }

            return question;
        }

        return null;
    }
}
