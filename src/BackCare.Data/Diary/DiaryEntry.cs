namespace BackCare.Data.Diary;

/// <summary>One day's diary, stored together with the re-assessment made of it.</summary>
public sealed class DiaryEntry : IHealthRecord
{
    public const int MaxPainScore = 10;

    public DiaryEntry(Guid ownerId, DiaryInput input, DiaryReassessment reassessment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reassessment);
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("A diary entry needs an owner.", nameof(ownerId));
        }

        if (input.PainScore is < 0 or > MaxPainScore)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.PainScore, "Pain must be a score from 0 to 10.");
        }

        if (input.Spasms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Spasms, "The number of spasms cannot be negative.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(input.NewFindingsJson);

        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        PainScore = input.PainScore;
        Spasms = input.Spasms;
        CouldWalk = input.CouldWalk;
        CouldSit = input.CouldSit;
        CouldSleep = input.CouldSleep;
        CouldWork = input.CouldWork;
        var abilities = input.Abilities ?? DiaryAbilities.Unknown;
        WalkLevel = abilities.Walk;
        SitLevel = abilities.Sit;
        SleepLevel = abilities.Sleep;
        WorkLevel = abilities.Work;
        MedicinesTaken = input.MedicinesTaken;
        WhatHelped = input.WhatHelped;
        WhatHelpedOther = input.WhatHelpedOther;
        Notes = input.Notes;
        NewFindingsJson = input.NewFindingsJson;
        Reassess(reassessment);
    }

    private DiaryEntry()
    {
    }

    private string? shownJson;

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int PainScore { get; private set; }

    public int Spasms { get; private set; }

    public bool CouldWalk { get; private set; }

    public bool CouldSit { get; private set; }

    public bool CouldSleep { get; private set; }

    public bool CouldWork { get; private set; }

    public AbilityLevel? WalkLevel { get; private set; }

    public AbilityLevel? SitLevel { get; private set; }

    public AbilityLevel? SleepLevel { get; private set; }

    public AbilityLevel? WorkLevel { get; private set; }

    public DiaryAbilities Abilities => new(WalkLevel, SitLevel, SleepLevel, WorkLevel);

    public string? MedicinesTaken { get; private set; }

    public string? WhatHelped { get; private set; }

    public string? WhatHelpedOther { get; private set; }

    public string? Notes { get; private set; }

    public string NewFindingsJson { get; private set; } = "[]";

    public string Disposition { get; private set; } = "";

    public DiaryProgress? Progress { get; private set; }

    public bool RedFlag { get; private set; }

    /// <summary>The step of stepped care recommended then; null for entries written before it was kept.</summary>
    public string? StepUp { get; private set; }

    public string NewRedFlagsJson { get; private set; } = "[]";

    /// <summary>
    /// The key of the whole re-assessment as the person was shown it (<see cref="ShownResult"/>, stored once for every
    /// entry that showed the same words); null for entries written before it was kept.
    /// </summary>
    public byte[]? ResultHash { get; private set; }

    /// <summary>
    /// The whole re-assessment (the contract's result JSON), word for word as shown when the entry was written; null for
    /// entries written before it was kept. An entry read from the database has it once <see cref="ShownResult.LoadIntoAsync"/>
    /// has run: reading it before throws, rather than passing for an entry that never had one.
    /// </summary>
    public string? ResultJson => ResultHash is null
        ? null
        : shownJson ?? throw new InvalidOperationException($"The entry {Id}'s result is not loaded: read it with ShownResult.LoadIntoAsync.");

    /// <summary>The result to store with the entry, if it is not stored already (see <see cref="ShownResult.StoreAsync"/>).</summary>
    internal ShownResult? ResultToStore { get; private set; }

    internal bool HasResultLoaded => shownJson is not null;

    internal void ShowResult(string json) => shownJson = json;

    /// <summary>
    /// Sets when the entry was written, once: for a writer that does not go through <c>SaveChanges</c> (whose auditing
    /// interceptor stamps every new record), such as <see cref="DiaryWriter"/>'s COPY on PostgreSQL.
    /// </summary>
    internal void StampCreated(DateTime createdUtc)
    {
        if (CreatedUtc == default)
        {
            CreatedUtc = createdUtc;
        }
    }

    /// <summary>Replaces the re-assessment, e.g. when the rules change; the person's own words never change.</summary>
    public void Reassess(DiaryReassessment reassessment)
    {
        ArgumentNullException.ThrowIfNull(reassessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(reassessment.Disposition);
        ArgumentException.ThrowIfNullOrWhiteSpace(reassessment.NewRedFlagsJson);
        Disposition = reassessment.Disposition;
        Progress = reassessment.Progress;
        RedFlag = reassessment.RedFlag;
        StepUp = reassessment.StepUp;
        NewRedFlagsJson = reassessment.NewRedFlagsJson;
        ResultToStore = reassessment.ResultJson is { } json ? new ShownResult(json) : null;
        ResultHash = ResultToStore?.Hash;
        shownJson = reassessment.ResultJson;
    }
}
