using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Contract;

/// <summary>One case of the assessment contract: who the person is and what they reported.</summary>
public sealed class AssessmentCase
{
    public AssessmentCase(string? id, int age, Sex? sex, string? narrative, FindingSet? findings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, 120);
        Id = id;
        Age = age;
        Sex = sex;
        Narrative = narrative;
        Findings = findings;
    }

    public string? Id { get; }

    public int Age { get; }

    public Sex? Sex { get; }

    public string? Narrative { get; }

    /// <summary>The structured findings; null when the case gave only a narrative.</summary>
    public FindingSet? Findings { get; }
}
