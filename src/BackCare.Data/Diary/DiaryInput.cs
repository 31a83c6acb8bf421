namespace BackCare.Data.Diary;

/// <summary>What a person wrote in one day's diary.</summary>
/// <param name="NewFindingsJson">New symptoms from the red-flag list, as a JSON array of the contract's finding codes.</param>
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
    string NewFindingsJson);

/// <summary>What the engine made of a diary entry when it was written.</summary>
/// <param name="Disposition">The contract's disposition code for this entry.</param>
/// <param name="Progress">Null for a first entry, which has nothing to compare with.</param>
public sealed record DiaryReassessment(string Disposition, DiaryProgress? Progress, bool RedFlag);
