using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Contract;

/// <summary>How urgently, and where, a person should get care. The numeric order is the order of urgency.</summary>
public enum Disposition
{
    SelfCare = 0,
    Routine = 1,
    Urgent = 2,
    Emergency = 3,
}

public enum MedicationClass
{
    Nsaid,
    TopicalNsaid,
    Acetaminophen,
    MuscleRelaxant,
}

/// <summary>Why the engine decided what it did: the rule, its plain-language text and its source key.</summary>
public sealed record Reason(string Rule, string Text, string Source);

public sealed record PlanStep(int Day, string Text, string Source);

public sealed record CarePlan(
    IReadOnlyList<MedicationClass> MedicationClasses,
    IReadOnlyList<MedicationClass> AvoidClasses,
    IReadOnlyList<PlanStep> Steps,
    int ReviewAfterDays);

public sealed record AssessmentResult(
    string? Id,
    Disposition Disposition,
    IReadOnlyList<FindingCode> RedFlags,
    IReadOnlyList<Reason> Reasons,
    CarePlan? Plan)
{
    /// <summary>The findings the result was made from (read from the narrative when the case had no findings).</summary>
    public FindingSet? Findings { get; init; }

    /// <summary>What was read from the narrative when the findings came from it; null when the case carried findings.</summary>
    public NarrativeRead? Read { get; init; }
}

/// <summary>
/// The result's <c>read</c> object: who wrote the narrative (given or worked out), and the findings that could on
/// their own raise the result that the narrative neither affirmed nor denied, in the contract's order.
/// </summary>
public sealed record NarrativeRead(NarrativeWriter Writer, IReadOnlyList<FindingCode> Unasked);

/// <summary>What came of assessing one case: a result, or the one field that kept it from being assessed.</summary>
public sealed record AssessmentOutcome(string? Id, AssessmentResult? Result, FieldError? Error)
{
    public static AssessmentOutcome Assessed(AssessmentResult result) => new(result.Id, result, null);

    public static AssessmentOutcome Refused(string? id, FieldError error) => new(id, null, error);
}

public static class ContractNames
{
    public static string WireName(this Disposition disposition) => disposition switch
    {
        Disposition.SelfCare => "self_care",
        Disposition.Routine => "routine",
        Disposition.Urgent => "urgent",
        Disposition.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition)),
    };

    public static string WireName(this MedicationClass medicationClass) => medicationClass switch
    {
        MedicationClass.Nsaid => "nsaid",
        MedicationClass.TopicalNsaid => "topical_nsaid",
        MedicationClass.Acetaminophen => "acetaminophen",
        MedicationClass.MuscleRelaxant => "muscle_relaxant",
        _ => throw new ArgumentOutOfRangeException(nameof(medicationClass)),
    };

    public static bool TryParseDisposition(string text, out Disposition disposition)
    {
        foreach (var candidate in Enum.GetValues<Disposition>())
        {
            if (candidate.WireName() == text)
            {
                disposition = candidate;
                return true;
            }
        }

        disposition = default;
        return false;
    }
}
