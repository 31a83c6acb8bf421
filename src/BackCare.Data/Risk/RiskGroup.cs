namespace BackCare.Data.Risk;

/// <summary>The STarT Back risk group.</summary>
public enum RiskGroup
{
    Low,
    Medium,
    High,
}
