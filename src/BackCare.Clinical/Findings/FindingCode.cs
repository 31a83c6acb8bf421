namespace BackCare.Clinical.Findings;

/// <summary>
/// Every finding of the assessment contract. The order is the order of the contract's tables;
/// the numeric value indexes the bit masks in <see cref="FindingSet"/>, so there must stay fewer than 64.
/// </summary>
public enum FindingCode
{
    OnsetDays,
    Trigger,
    Course,
    PainScore,
    PainRegion,
    PreviousEpisodes,
    SelfCareDays,
    OtcNoRelief,
    WorseWithExtension,

    BladderDysfunction,
    BowelIncontinence,
    SaddleNumbness,
    SexualDysfunction,
    LegWeakness,
    LegWeaknessProgressive,
    LegParalysis,
    BilateralLegSymptoms,
    LegNumbness,
    Sciatica,
    UnsteadyWalking,

    Fever,
    NauseaVomiting,
    WeightLoss,
    CancerHistory,
    Immunosuppressed,
    IvDrugUse,
    RecentInfectionOrProcedure,
    Osteoporosis,
    LongTermSteroids,
    NightPain,
    ConstantProgressivePain,
    MorningStiffness,
    BetterWithExercise,

    ChestPain,
    TearingPain,
    PulsatileAbdominalMass,
    AbdominalPain,
    UrinarySymptoms,
    PainAfterFattyMeals,

    CannotWalk,
    DailyActivitiesImpaired,
    SleepDisturbed,

    Pregnant,
    KidneyDisease,
    StomachUlcerOrBleeding,
    BloodThinners,
    LiverDisease,
    HeavyAlcohol,
    NsaidAllergyOrAsthma,
    HeartDisease,
}

public enum FindingKind
{
    Boolean,
    Number,
    WholeNumber,
    Choice,
}

/// <summary>The contract's groups, which are also the order in which the interview walks them.</summary>
public enum FindingGroup
{
    Context,
    Nerves,
    WholeBody,
    NotTheSpine,
    DailyLife,
    MedicineSafety,
}

public enum PainTrigger
{
    Lifting,
    Twisting,
    Sport,
    Posture,
    CoughSneeze,
    MinorFall,
    MajorTrauma,
    None,
    Unknown,
}

public enum PainCourse
{
    Improving,
    Unchanged,
    Worsening,
}

public enum BackRegion
{
    Lower,
    Middle,
    Upper,
}

public enum Sex
{
    Female,
    Male,
    Other,
}
