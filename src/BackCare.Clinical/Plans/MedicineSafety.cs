using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using static BackCare.Clinical.Contract.MedicationClass;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Plans;

/// <summary>
/// A reason to keep a medicine class away from this person (<see cref="Avoids"/>), or to take care with it.
/// Its text is in Content/en/rules.json under its id, and is added to the result's reasons when it applies.
/// </summary>
public sealed class MedicineRule(string id, string source, Func<int, FindingSet, bool> applies, params MedicationClass[] avoids)
{
    public string Id { get; } = id;

    public string Source { get; } = source;

    /// <summary>The classes this rule takes out of the plan; empty for a caution that keeps the class.</summary>
    public IReadOnlyList<MedicationClass> Avoids { get; } = avoids;

    public Reason Reason => _reason ??= new Reason(Id, ClinicalText.Rule(Id), Source);

    private Reason? _reason;

    public bool Applies(int age, FindingSet findings) => applies(age, findings);
}

/// <summary>Which over-the-counter and prescription classes are safe for this person, from their own findings.</summary>
public static class MedicineSafety
{
    public static readonly IReadOnlyList<MedicineRule> Rules =
    [
        new("avoid-nsaid-pregnancy", "NICE-NG59", (_, f) => f[Pregnant], Nsaid, TopicalNsaid),
        new("avoid-nsaid-kidney", "NICE-NG59", (_, f) => f[KidneyDisease], Nsaid),
        new("avoid-nsaid-ulcer", "NICE-NG59", (_, f) => f[StomachUlcerOrBleeding], Nsaid),
        new("avoid-nsaid-blood-thinners", "NICE-NG59", (_, f) => f[BloodThinners], Nsaid),
        new("avoid-nsaid-allergy-asthma", "NICE-NG59", (_, f) => f[NsaidAllergyOrAsthma], Nsaid, TopicalNsaid),
        new("avoid-nsaid-heart", "NICE-NG59", (_, f) => f[HeartDisease], Nsaid),
        new("caution-nsaid-over-65", "NICE-NG59", (age, _) => age >= 65),
        new("avoid-acetaminophen-liver", "NICE-NG59", (_, f) => f[LiverDisease], Acetaminophen),
        new("avoid-acetaminophen-alcohol", "NICE-NG59", (_, f) => f[HeavyAlcohol], Acetaminophen),
        new("avoid-muscle-relaxant-pregnancy", "CASHIN-2021", (_, f) => f[Pregnant], MuscleRelaxant),
        new("avoid-muscle-relaxant-alcohol", "CASHIN-2021", (_, f) => f[HeavyAlcohol], MuscleRelaxant),
        new("avoid-muscle-relaxant-liver", "CASHIN-2021", (_, f) => f[LiverDisease], MuscleRelaxant),
        new("avoid-muscle-relaxant-older", "CASHIN-2021", (age, _) => age >= 65, MuscleRelaxant),
        new("avoid-muscle-relaxant-young", "CASHIN-2021", (age, _) => age < 18, MuscleRelaxant),
    ];
}
