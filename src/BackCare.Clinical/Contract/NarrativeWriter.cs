namespace BackCare.Clinical.Contract;

/// <summary>Who wrote a narrative: the person with the back pain, or someone writing about them.</summary>
public enum NarrativeWriter
{
    /// <summary>The patient wrote it ("I can't pee").</summary>
    Self,

    /// <summary>A carer, son or daughter, partner or friend wrote it about the patient ("Dad can't pee").</summary>
    Other,
}

public static class NarrativeWriterNames
{
    public static string WireName(this NarrativeWriter writer) => writer switch
    {
        NarrativeWriter.Self => "self",
        NarrativeWriter.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(writer)),
    };

    public static bool TryParse(string? text, out NarrativeWriter writer)
    {
        switch (text)
        {
            case "self":
                writer = NarrativeWriter.Self;
                return true;
            case "other":
                writer = NarrativeWriter.Other;
                return true;
            default:
                writer = default;
                return false;
        }
    }
}
