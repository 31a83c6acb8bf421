using System.Collections.Frozen;

namespace BackCare.Clinical.Findings;

/// <summary>The contract's finding codes as data: one entry per code, in the contract's order.</summary>
public static class FindingCatalog
{
    public static readonly IReadOnlyList<string> TriggerValues =
        ["lifting", "twisting", "sport", "posture", "cough_sneeze", "minor_fall", "major_trauma", "none", "unknown"];

    public static readonly IReadOnlyList<string> CourseValues = ["improving", "unchanged", "worsening"];

    public static readonly IReadOnlyList<string> PainRegionValues = ["lower", "middle", "upper"];

    public static readonly IReadOnlyList<string> SexValues = ["female", "male", "other"];

    public static readonly IReadOnlyList<FindingDefinition> All =
    [
        new(FindingCode.OnsetDays, "onset_days", FindingKind.Number, FindingGroup.Context),
        new(FindingCode.Trigger, "trigger", FindingKind.Choice, FindingGroup.Context, Choices: TriggerValues),
        new(FindingCode.Course, "course", FindingKind.Choice, FindingGroup.Context, Choices: CourseValues),
        new(FindingCode.PainScore, "pain_score", FindingKind.WholeNumber, FindingGroup.Context, 0, 10),
        new(FindingCode.PainRegion, "pain_region", FindingKind.Choice, FindingGroup.Context, Choices: PainRegionValues),
        new(FindingCode.PreviousEpisodes, "previous_episodes", FindingKind.WholeNumber, FindingGroup.Context, 0, int.MaxValue),
        new(FindingCode.SelfCareDays, "self_care_days", FindingKind.Number, FindingGroup.Context),
        new(FindingCode.OtcNoRelief, "otc_no_relief", FindingKind.Boolean, FindingGroup.Context),
        new(FindingCode.WorseWithExtension, "worse_with_extension", FindingKind.Boolean, FindingGroup.Context),

        new(FindingCode.BladderDysfunction, "bladder_dysfunction", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.BowelIncontinence, "bowel_incontinence", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.SaddleNumbness, "saddle_numbness", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.SexualDysfunction, "sexual_dysfunction", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.LegWeakness, "leg_weakness", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.LegWeaknessProgressive, "leg_weakness_progressive", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.LegParalysis, "leg_paralysis", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.BilateralLegSymptoms, "bilateral_leg_symptoms", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.LegNumbness, "leg_numbness", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.Sciatica, "sciatica", FindingKind.Boolean, FindingGroup.Nerves),
        new(FindingCode.UnsteadyWalking, "unsteady_walking", FindingKind.Boolean, FindingGroup.Nerves),

        new(FindingCode.Fever, "fever", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.NauseaVomiting, "nausea_vomiting", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.WeightLoss, "weight_loss", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.CancerHistory, "cancer_history", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.Immunosuppressed, "immunosuppressed", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.IvDrugUse, "iv_drug_use", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.RecentInfectionOrProcedure, "recent_infection_or_procedure", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.Osteoporosis, "osteoporosis", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.LongTermSteroids, "long_term_steroids", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.NightPain, "night_pain", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.ConstantProgressivePain, "constant_progressive_pain", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.MorningStiffness, "morning_stiffness", FindingKind.Boolean, FindingGroup.WholeBody),
        new(FindingCode.BetterWithExercise, "better_with_exercise", FindingKind.Boolean, FindingGroup.WholeBody),

        new(FindingCode.ChestPain, "chest_pain", FindingKind.Boolean, FindingGroup.NotTheSpine),
        new(FindingCode.TearingPain, "tearing_pain", FindingKind.Boolean, FindingGroup.NotTheSpine),
        new(FindingCode.PulsatileAbdominalMass, "pulsatile_abdominal_mass", FindingKind.Boolean, FindingGroup.NotTheSpine),
        new(FindingCode.AbdominalPain, "abdominal_pain", FindingKind.Boolean, FindingGroup.NotTheSpine),
        new(FindingCode.UrinarySymptoms, "urinary_symptoms", FindingKind.Boolean, FindingGroup.NotTheSpine),
        new(FindingCode.PainAfterFattyMeals, "pain_after_fatty_meals", FindingKind.Boolean, FindingGroup.NotTheSpine),

        new(FindingCode.CannotWalk, "cannot_walk", FindingKind.Boolean, FindingGroup.DailyLife),
        new(FindingCode.DailyActivitiesImpaired, "daily_activities_impaired", FindingKind.Boolean, FindingGroup.DailyLife),
        new(FindingCode.SleepDisturbed, "sleep_disturbed", FindingKind.Boolean, FindingGroup.DailyLife),

        new(FindingCode.Pregnant, "pregnant", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.KidneyDisease, "kidney_disease", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.StomachUlcerOrBleeding, "stomach_ulcer_or_bleeding", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.BloodThinners, "blood_thinners", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.LiverDisease, "liver_disease", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.HeavyAlcohol, "heavy_alcohol", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.NsaidAllergyOrAsthma, "nsaid_allergy_or_asthma", FindingKind.Boolean, FindingGroup.MedicineSafety),
        new(FindingCode.HeartDisease, "heart_disease", FindingKind.Boolean, FindingGroup.MedicineSafety),
    ];

    private static readonly FrozenDictionary<string, FindingDefinition> ByKey =
        All.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal);

    public static FindingDefinition Get(FindingCode code) => All[(int)code];

    public static bool TryGet(string key, out FindingDefinition definition) =>
        ByKey.TryGetValue(key, out definition!);

    public static string Key(this FindingCode code) => All[(int)code].Key;

    public static string WireName(this PainTrigger value) => TriggerValues[(int)value];

    public static string WireName(this PainCourse value) => CourseValues[(int)value];

    public static string WireName(this BackRegion value) => PainRegionValues[(int)value];

    public static string WireName(this Sex value) => SexValues[(int)value];

    public static bool TryParseChoice<TEnum>(IReadOnlyList<string> values, string text, out TEnum value)
        where TEnum : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], text, StringComparison.Ordinal))
            {
                value = (TEnum)Enum.ToObject(typeof(TEnum), i);
                return true;
            }
        }

        value = default;
        return false;
    }
}
