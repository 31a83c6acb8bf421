namespace BackCare.Clinical.Findings;

/// <summary>What the contract says a finding code is: its wire name, type and allowed values.</summary>
public sealed record FindingDefinition(
    FindingCode Code,
    string Key,
    FindingKind Kind,
    FindingGroup Group,
    double Min = 0,
    double Max = double.PositiveInfinity,
    IReadOnlyList<string>? Choices = null)
{
    public bool IsBoolean => Kind == FindingKind.Boolean;

    /// <summary>The question the interview asks for this finding, in plain words.</summary>
    public string Question => ClinicalText.Question(Key);

    /// <summary>A short plain-language label, used where the finding is listed back to a person.</summary>
    public string Label => ClinicalText.Label(Key);
}
