using BackCare.Clinical.Findings;

namespace BackCare.Web.Diary;

/// <summary>What the diary page asks besides pain and spasms, in the order it asks it.</summary>
public static class DiaryPage
{
    /// <summary>
    /// The folded sections after pain and spasms, in page order, each with the page fields it holds. New warning
    /// signs come first: they are the one optional answer that can change what a person should do today.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string[] Fields)> OptionalSections =
    [
        ("signs", ["sign"]),
        ("abilities", ["walk", "sit", "sleep", "work"]),
        ("medicines", ["medicine"]),
        ("helped", ["helped"]),
        ("notes", ["notes"]),
    ];

    /// <summary>
    /// The warning signs the diary asks about each day, from the red-flag list of the clinical brief (CKS-RF,
    /// NICE-NG234, DOWNIE-2013), grouped as the check groups them. Not being able to walk is asked as a walking level.
    /// </summary>
    public static readonly IReadOnlyList<(string Heading, FindingCode[] Codes)> WarningSigns =
    [
        ("signs_nerves", [
            FindingCode.BladderDysfunction, FindingCode.BowelIncontinence, FindingCode.SaddleNumbness, FindingCode.SexualDysfunction,
            FindingCode.LegWeakness, FindingCode.LegWeaknessProgressive, FindingCode.LegParalysis, FindingCode.BilateralLegSymptoms,
            FindingCode.LegNumbness, FindingCode.UnsteadyWalking,
        ]),
        ("signs_body", [FindingCode.Fever, FindingCode.WeightLoss, FindingCode.NightPain, FindingCode.ConstantProgressivePain]),
        ("signs_elsewhere", [
            FindingCode.ChestPain, FindingCode.TearingPain, FindingCode.PulsatileAbdominalMass, FindingCode.UrinarySymptoms,
            FindingCode.NauseaVomiting,
        ]),
    ];

    public static readonly IReadOnlyList<string> Abilities = ["walk", "sit", "sleep", "work"];

    public static readonly IReadOnlyList<string> Levels = ["normal", "limited", "not_at_all"];

    public static readonly IReadOnlyList<string> MedicineClasses = ["nsaid", "topical_nsaid", "acetaminophen", "muscle_relaxant"];

    /// <summary>The input a problem with a field links to: the field, or the first choice of a group.</summary>
    public static string FirstInput(string field) => field switch
    {
        "walk" or "sit" or "sleep" or "work" => field + "-normal",
        "medicine" => "medicine-nsaid",
        "helped" => "helped-cold",
        "sign" => "sign-bladder_dysfunction",
        _ => field,
    };

    public static bool IsWarningSign(string key) =>
        FindingCatalog.TryGet(key, out var definition) && WarningSigns.Any(g => g.Codes.Contains(definition.Code));
}
