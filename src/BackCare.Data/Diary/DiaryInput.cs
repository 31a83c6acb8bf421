namespace BackCare.Data.Diary;

/// <summary>What a person wrote in one day's diary.</summary>
/// <param name="CouldWalk">Could walk at all today (normal or limited); kept beside <see cref="Abilities"/> for older readers.</param>
/// <param name="MedicinesTaken">The medicines taken, as a JSON array of the contract's class names or the person's own words.</param>
/// <param name="WhatHelped">What helped, as a JSON array of <see cref="DiaryChoices.WhatHelped"/> codes.</param>
/// <param name="NewFindingsJson">New symptoms from the red-flag list, as a JSON array of the contract's finding codes.</param>
/// <param name="Abilities">How well the person could walk, sit, sleep and work; null for entries written before it was asked.</param>
/// <param name="WhatHelpedOther">The person's own words for something else that helped.</param>
public sealed record DiaryInput(
    int PainScore,
    int Spasms,
    bool CouldWalk,
    bool CouldSit,
    bool CouldSleep,
    bool CouldWork,
    string? MedicinesTaken,
    string? WhatHelped,
    string? Notes,
    string NewFindingsJson,
    DiaryAbilities? Abilities = null,
    string? WhatHelpedOther = null);

/// <summary>What the engine made of a diary entry when it was written.</summary>
/// <param name="Disposition">The contract's disposition code for this entry.</param>
/// <param name="Progress">Null for a first entry, which has nothing to compare with.</param>
/// <param name="StepUp">The next step of stepped care (keep_going, physical_therapy_or_doctor, doctor_soon, specialist).</param>
/// <param name="NewRedFlagsJson">The red flags this entry raised that the start did not have, as a JSON array of finding codes.</param>
/// <param name="ResultJson">The whole re-assessment as the contract's result JSON, so a clinician can read it later.</param>
public sealed record DiaryReassessment(
    string Disposition,
    DiaryProgress? Progress,
    bool RedFlag,
    string? StepUp = null,
    string NewRedFlagsJson = "[]",
    string? ResultJson = null);

/// <summary>How well a person could do one thing today.</summary>
public enum AbilityLevel
{
    Normal,
    Limited,
    NotAtAll,
}

/// <summary>How well the person could walk, sit, sleep and work today; null where they did not say.</summary>
public sealed record DiaryAbilities(AbilityLevel? Walk, AbilityLevel? Sit, AbilityLevel? Sleep, AbilityLevel? Work)
{
    public static readonly DiaryAbilities Unknown = new(null, null, null, null);

    /// <summary>Could do it at all: the yes/no columns of schema 0001.</summary>
    public static bool CouldDo(AbilityLevel? level) => level is AbilityLevel.Normal or AbilityLevel.Limited;
}
