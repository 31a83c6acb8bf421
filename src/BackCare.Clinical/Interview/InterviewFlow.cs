using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Interview;

/// <summary>One finding the interview asks about, and when it can matter.</summary>
public sealed record InterviewQuestion(FindingCode Code, Func<int, Sex?, FindingSet, bool> AskWhen)
{
    public FindingDefinition Definition => FindingCatalog.Get(Code);

    /// <summary>The plain text of this finding as a tick box in a group.</summary>
    public string OptionText => InterviewText.Option(Definition.Key);
}

/// <summary>What is wrong with the answer to a tick-all-that-apply page.</summary>
public enum GroupAnswerProblem
{
    None,

    /// <summary>Nothing ticked and "None of these" not ticked either: a skipped page never means "no".</summary>
    NothingChosen,

    /// <summary>"None of these" ticked together with something else.</summary>
    NoneWithOthers,

    /// <summary>A ticked finding that is not one of the page's options.</summary>
    NotAnOption,
}

/// <summary>
/// One page of the interview: either a single finding (a choice or a number, or a lone yes/no follow-up),
/// or a group of yes/no findings asked as one "tick all that apply" question with an exclusive
/// "None of these". Answering a group answers every finding shown: ticked is yes, not ticked is no.
/// </summary>
public sealed class InterviewStep
{
    private InterviewStep(string id, bool isGroup, IReadOnlyList<InterviewQuestion> questions)
    {
        Id = id;
        IsGroup = isGroup;
        Questions = questions;
    }

    /// <summary>The finding key of a single step, or the group's id.</summary>
    public string Id { get; }

    public bool IsGroup { get; }

    public IReadOnlyList<InterviewQuestion> Questions { get; }

    /// <summary>The question a person reads.</summary>
    public string Text => IsGroup ? InterviewText.GroupQuestion(Id) : Questions[0].Definition.Question;

    /// <summary>A short name for listing the answer back.</summary>
    public string Label => IsGroup ? InterviewText.GroupLabel(Id) : Questions[0].Definition.Label;

    /// <summary>True when the step asks about what makes medicines unsafe, which only the home-care plan uses.</summary>
    public bool IsMedicineSafety => Questions.Any(q => q.Definition.Group == FindingGroup.MedicineSafety);

    public static InterviewStep One(FindingCode code, Func<int, Sex?, FindingSet, bool> askWhen) =>
        new(FindingCatalog.Get(code).Key, false, [new InterviewQuestion(code, askWhen)]);

    public static InterviewStep Group(string id, params InterviewQuestion[] questions)
    {
        if (questions.Any(q => !q.Definition.IsBoolean))
        {
            throw new ArgumentException("A group holds only yes/no findings.", nameof(questions));
        }

        return new(id, true, questions);
    }

    /// <summary>The findings of this step that can matter for this person, answered or not.</summary>
    public IReadOnlyList<InterviewQuestion> Applicable(int age, Sex? sex, FindingSet findings) =>
        [.. Questions.Where(q => q.AskWhen(age, sex, findings))];

    /// <summary>The findings this step still has to ask: those that can matter and have no answer yet.</summary>
    public IReadOnlyList<InterviewQuestion> Pending(int age, Sex? sex, FindingSet findings) =>
        [.. Questions.Where(q => !findings.IsAnswered(q.Code) && q.AskWhen(age, sex, findings))];

    /// <summary>
    /// The options a group page shows: the unanswered findings when there are any (for example after a
    /// free-text start answered some of them), otherwise every finding that can matter, for changing answers.
    /// </summary>
    public IReadOnlyList<InterviewQuestion> Shown(int age, Sex? sex, FindingSet findings)
    {
        var pending = Pending(age, sex, findings);
        return pending.Count > 0 ? pending : Applicable(age, sex, findings);
    }

    /// <summary>
    /// Answers a group: every shown finding that is ticked is yes, every other shown finding is no.
    /// "None of these" makes them all no. Nothing is changed when the answer has a problem.
    /// </summary>
    public GroupAnswerProblem AnswerGroup(IReadOnlyCollection<FindingCode> shown, IReadOnlyCollection<FindingCode> ticked, bool noneOfThese, FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(ticked);
        ArgumentNullException.ThrowIfNull(findings);
        if (!IsGroup)
        {
            throw new InvalidOperationException($"{Id} is not a group.");
        }

        if (ticked.Count == 0 && !noneOfThese)
        {
            return GroupAnswerProblem.NothingChosen;
        }

        if (ticked.Count > 0 && noneOfThese)
        {
            return GroupAnswerProblem.NoneWithOthers;
        }

        if (ticked.Any(code => !shown.Contains(code)) || shown.Any(code => Questions.All(q => q.Code != code)))
        {
            return GroupAnswerProblem.NotAnOption;
        }

        foreach (var code in shown)
        {
            findings.Set(code, ticked.Contains(code));
        }

        return GroupAnswerProblem.None;
    }
}

/// <summary>
/// The order of the interview, shared by the terminal and the web: red flags first, most dangerous
/// first, asked as short "tick all that apply" pages; then how this episode is going; then, only when
/// home care is possible, what makes medicines unsafe. Findings that cannot change anything are skipped,
/// and an emergency ends it at once. Every red-flag finding is asked before any result other than an
/// emergency is given, and every finding that could on its own make the result urgent or an emergency
/// (<see cref="UnaskedFindings.CanRaiseAlone"/>) is asked before anything else, wherever its step stands: after a
/// free-text start these are the questions the person's words left unasked (contract, "Reading a narrative").
/// </summary>
public static class InterviewFlow
{
    private static readonly ulong CanRaiseAloneMask = FindingSet.Mask([.. UnaskedFindings.CanRaiseAlone]);

    private static bool Always(int age, Sex? sex, FindingSet findings) => true;

    private static InterviewQuestion Ask(FindingCode code) => new(code, Always);

    private static InterviewQuestion Ask(FindingCode code, Func<int, Sex?, FindingSet, bool> askWhen) => new(code, askWhen);

    private static bool LongStandingAndYoung(int age, Sex? sex, FindingSet f) => f.OnsetDays > 90 && age < 50;

    public static readonly IReadOnlyList<InterviewStep> Steps =
    [
        InterviewStep.Group("nerve_warning_signs",
            Ask(BladderDysfunction), Ask(BowelIncontinence), Ask(SaddleNumbness), Ask(SexualDysfunction),
            Ask(LegParalysis), Ask(LegWeakness), Ask(BilateralLegSymptoms), Ask(UnsteadyWalking)),
        InterviewStep.One(LegWeaknessProgressive, (_, _, f) => f[LegWeakness]),
        InterviewStep.Group("body_warning_signs",
            Ask(ChestPain), Ask(TearingPain), Ask(PulsatileAbdominalMass), Ask(Fever), Ask(NauseaVomiting), Ask(UrinarySymptoms)),
        InterviewStep.Group("health_history",
            Ask(CancerHistory), Ask(IvDrugUse), Ask(Immunosuppressed), Ask(RecentInfectionOrProcedure), Ask(Osteoporosis), Ask(LongTermSteroids)),
        InterviewStep.One(Trigger, Always),
        InterviewStep.Group("pain_warning_signs",
            Ask(CannotWalk), Ask(WeightLoss), Ask(NightPain), Ask(ConstantProgressivePain),
            Ask(LegNumbness, (_, _, f) => !f[BilateralLegSymptoms]), Ask(Sciatica), Ask(AbdominalPain), Ask(PainAfterFattyMeals)),

        InterviewStep.One(OnsetDays, Always),
        InterviewStep.One(Course, Always),
        InterviewStep.One(PainScore, Always),
        InterviewStep.One(PainRegion, Always),
        InterviewStep.One(PreviousEpisodes, Always),
        InterviewStep.One(SelfCareDays, (_, _, f) => f.OnsetDays >= 1),
        InterviewStep.Group("daily_life",
            Ask(OtcNoRelief), Ask(DailyActivitiesImpaired), Ask(SleepDisturbed),
            Ask(WorseWithExtension, (age, _, _) => age <= 25),
            Ask(MorningStiffness, LongStandingAndYoung), Ask(BetterWithExercise, LongStandingAndYoung)),

        InterviewStep.Group("medicine_safety",
            Ask(Pregnant, (age, sex, _) => sex != Sex.Male && age is >= 10 and <= 60),
            Ask(KidneyDisease), Ask(StomachUlcerOrBleeding), Ask(BloodThinners), Ask(HeartDisease),
            Ask(NsaidAllergyOrAsthma), Ask(LiverDisease), Ask(HeavyAlcohol, (age, _, _) => age >= 16)),
    ];

    /// <summary>Every finding the interview can ask, in the order it asks them.</summary>
    public static readonly IReadOnlyList<InterviewQuestion> Questions = [.. Steps.SelectMany(s => s.Questions)];

    /// <summary>The step with this id (a group id or a single finding's key), or null.</summary>
    public static InterviewStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>
    /// The next step to ask, or null when the interview is over: every finding that can matter has an
    /// answer, or the answers already make it an emergency.
    /// </summary>
    public static InterviewStep? Next(int age, Sex? sex, FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var disposition = TriageEngine.Evaluate(age, findings).Disposition;
        if (disposition == Disposition.Emergency)
        {
            return null;
        }

        foreach (var step in Steps)
        {
            if (step.Pending(age, sex, findings).Any(q => (FindingSet.Bit(q.Code) & CanRaiseAloneMask) != 0))
            {
                return step;
            }
        }

        foreach (var step in Steps)
        {
            if (step.Pending(age, sex, findings).Count == 0)
            {
                continue;
            }

            // Medicine safety shapes only the home-care plan, which urgent care does not get.
            if (step.IsMedicineSafety && disposition >= Disposition.Urgent)
            {
                return null;
            }

            return step;
        }

        return null;
    }
}
