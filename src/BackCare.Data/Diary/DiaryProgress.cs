namespace BackCare.Data.Diary;

/// <summary>How recovery is going compared with the entries before this one.</summary>
public enum DiaryProgress
{
    Improving,
    Stalled,
    Worse,
}
