namespace BackCare.Data.Risk;

/// <summary>
/// One STarT Back screen: the nine answers as given, and the scores and group the engine worked out from them.
/// Scoring lives in the clinical engine; this only refuses numbers the tool cannot produce.
/// </summary>
public sealed class RiskScreen : IHealthRecord
{
    public const int MaxTotalScore = 9;
    public const int MaxPsychosocialScore = 5;

    public RiskScreen(Guid ownerId, string answersJson, int totalScore, int psychosocialScore, RiskGroup group)
    {
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("A risk screen needs an owner.", nameof(ownerId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(answersJson);
        ArgumentOutOfRangeException.ThrowIfNegative(totalScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(totalScore, MaxTotalScore);
        ArgumentOutOfRangeException.ThrowIfNegative(psychosocialScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(psychosocialScore, Math.Min(MaxPsychosocialScore, totalScore));

        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        AnswersJson = answersJson;
        TotalScore = totalScore;
        PsychosocialScore = psychosocialScore;
        Group = group;
    }

    private RiskScreen()
    {
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string AnswersJson { get; private set; } = "";

    public int TotalScore { get; private set; }

    public int PsychosocialScore { get; private set; }

    public RiskGroup Group { get; private set; }
}
