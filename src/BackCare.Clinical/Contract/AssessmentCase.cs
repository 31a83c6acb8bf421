using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Contract;

/// <summary>One case of the assessment contract: who the person is and what they reported.</summary>
public sealed class AssessmentCase
{
    public AssessmentCase(string? id, int age, Sex? sex, string? narrative, FindingSet? findings, NarrativeWriter? writer = null, string language = AssessmentLanguages.English)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, 120);
        Id = id;
        Age = age;
        Sex = sex;
        Narrative = narrative;
        Findings = findings;
        Writer = writer;
        Language = language;
    }

    public string? Id { get; }

    public int Age { get; }

    public Sex? Sex { get; }

    public string? Narrative { get; }

    /// <summary>The structured findings; null when the case gave only a narrative.</summary>
    public FindingSet? Findings { get; }

    /// <summary>Who wrote the narrative, as the case said; null when it did not say (the reader works it out).</summary>
    public NarrativeWriter? Writer { get; }

    /// <summary>The language of the narrative and of the result's texts (<c>en</c> unless the case said otherwise).</summary>
    public string Language { get; }
}

/// <summary>The languages the engine can assess in: the contract's <c>language</c> values.</summary>
public static class AssessmentLanguages
{
    public const string English = "en";

    public static IReadOnlyList<string> Supported { get; } = [English];
}
