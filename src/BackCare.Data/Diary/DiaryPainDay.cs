namespace BackCare.Data.Diary;

/// <summary>
/// A person's diary pain on one day since their first saved check: the pain of their latest entry written in that whole
/// 24-hour period (decision 0019). The database keeps these rows itself, by triggers on the diary and the checks
/// (migration 0019), in the transaction that writes the entry or the check, so they cannot disagree with the diary; the
/// application only reads them, for a clinic's recovery curves without reading each diary entry.
/// </summary>
public sealed class DiaryPainDay
{
    /// <summary>The last day kept: six weeks after the first check, and the slack "improving at 6 weeks" allows around it.</summary>
    public const int LastDay = 45;

    private DiaryPainDay()
    {
    }

    public Guid OwnerId { get; private set; }

    /// <summary>Whole 24-hour periods from the person's first check to the entry (0 to <see cref="LastDay"/>).</summary>
    public int Day { get; private set; }

    public int PainScore { get; private set; }

    /// <summary>When the entry giving <see cref="PainScore"/> was written: a later entry of the same day replaces it.</summary>
    public DateTime EntryCreatedUtc { get; private set; }
}
