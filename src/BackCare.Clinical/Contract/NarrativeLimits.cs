namespace BackCare.Clinical.Contract;

/// <summary>The contract's limits on a narrative, shared by the engine, the command line and the API.</summary>
public static class NarrativeLimits
{
    /// <summary>The longest narrative the engine reads, in characters (UTF-16 code units, as .NET counts a string).</summary>
    public const int MaxLength = 10_000;
}
