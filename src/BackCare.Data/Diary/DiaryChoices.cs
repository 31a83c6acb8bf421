using System.Collections.Frozen;

namespace BackCare.Data.Diary;

/// <summary>The fixed lists the diary offers, as stored and as the API spells them.</summary>
public static class DiaryChoices
{
    public const int MaxMedicines = 10;
    public const int MaxMedicineLength = 100;
    public const int MaxWhatHelpedOtherLength = 200;
    public const int MaxNotesLength = 4000;

    /// <summary>
    /// Home measures a person can say helped, after the clinical brief's home care and stepped care (SEEDS,
    /// ACP-2017, DAHM-2010): cold and heat packs, short walks, stretching, a short rest, a medicine, massage.
    /// </summary>
    public static readonly FrozenSet<string> WhatHelped = FrozenSet.ToFrozenSet(
        ["cold", "heat", "walking", "stretching", "rest_short", "medicine", "massage", "other"], StringComparer.Ordinal);

    /// <summary>The contract's medicine classes; anything else a person takes is kept in their own words.</summary>
    public static readonly FrozenSet<string> MedicineClasses = FrozenSet.ToFrozenSet(
        ["nsaid", "acetaminophen", "muscle_relaxant", "topical_nsaid"], StringComparer.Ordinal);

    /// <summary>The order the API lists <see cref="WhatHelped"/> in (a frozen set has none).</summary>
    public static readonly IReadOnlyList<string> WhatHelpedInOrder =
        ["cold", "heat", "walking", "stretching", "rest_short", "medicine", "massage", "other"];
}
