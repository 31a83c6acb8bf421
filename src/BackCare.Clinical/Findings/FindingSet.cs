namespace BackCare.Clinical.Findings;

/// <summary>
/// What a person reported, by finding code. True/false findings live in bit masks so that the
/// triage rules can test them without allocating; a true/false code that was never set reads as
/// "no", as the contract says for batch assessment.
/// </summary>
public sealed class FindingSet
{
    private ulong _yes;
    private ulong _answered;
    private ulong _uncertain;

    public double? OnsetDays { get; set; }

    public PainTrigger? Trigger { get; set; }

    public PainCourse? Course { get; set; }

    public int? PainScore { get; set; }

    public BackRegion? PainRegion { get; set; }

    public int? PreviousEpisodes { get; set; }

    public double? SelfCareDays { get; set; }

    public bool this[FindingCode code] => (_yes & Bit(code)) != 0;

    /// <summary>True when the person said yes or no to this code (rather than it being left out).</summary>
    public bool IsAnswered(FindingCode code)
    {
        return FindingCatalog.Get(code).Kind switch
        {
            FindingKind.Boolean => (_answered & Bit(code)) != 0,
            _ => code switch
            {
                FindingCode.OnsetDays => OnsetDays.HasValue,
                FindingCode.Trigger => Trigger.HasValue,
                FindingCode.Course => Course.HasValue,
                FindingCode.PainScore => PainScore.HasValue,
                FindingCode.PainRegion => PainRegion.HasValue,
                FindingCode.PreviousEpisodes => PreviousEpisodes.HasValue,
                FindingCode.SelfCareDays => SelfCareDays.HasValue,
                _ => false,
            },
        };
    }

    /// <summary>
    /// True when the finding was read from words that hedge ("I think", "maybe"). An uncertain
    /// "yes" still counts as yes: when in doubt the more urgent reading wins.
    /// </summary>
    public bool IsUncertain(FindingCode code) => (_uncertain & Bit(code)) != 0;

    public bool HasAny(ulong mask) => (_yes & mask) != 0;

    public FindingSet Set(FindingCode code, bool value, bool uncertain = false)
    {
        EnsureBoolean(code);
        var bit = Bit(code);
        _answered |= bit;
        _yes = value ? _yes | bit : _yes & ~bit;
        _uncertain = uncertain ? _uncertain | bit : _uncertain & ~bit;
        return this;
    }

    public void Clear(FindingCode code)
    {
        switch (code)
        {
            case FindingCode.OnsetDays: OnsetDays = null; break;
            case FindingCode.Trigger: Trigger = null; break;
            case FindingCode.Course: Course = null; break;
            case FindingCode.PainScore: PainScore = null; break;
            case FindingCode.PainRegion: PainRegion = null; break;
            case FindingCode.PreviousEpisodes: PreviousEpisodes = null; break;
            case FindingCode.SelfCareDays: SelfCareDays = null; break;
            default:
                var bit = Bit(code);
                _yes &= ~bit;
                _answered &= ~bit;
                _uncertain &= ~bit;
                break;
        }
    }

    public FindingSet Copy() => (FindingSet)MemberwiseClone();

    /// <summary>The codes that carry a value, in the contract's order, for writing back out.</summary>
    public IEnumerable<FindingCode> AnsweredCodes()
    {
        foreach (var definition in FindingCatalog.All)
        {
            if (IsAnswered(definition.Code))
            {
                yield return definition.Code;
            }
        }
    }

    /// <summary>The value of one code as the contract writes it: bool, number or choice name; null when not answered.</summary>
    public object? ValueOf(FindingCode code) => code switch
    {
        FindingCode.OnsetDays => OnsetDays,
        FindingCode.Trigger => Trigger?.WireName(),
        FindingCode.Course => Course?.WireName(),
        FindingCode.PainScore => PainScore,
        FindingCode.PainRegion => PainRegion?.WireName(),
        FindingCode.PreviousEpisodes => PreviousEpisodes,
        FindingCode.SelfCareDays => SelfCareDays,
        _ => IsAnswered(code) ? this[code] : null,
    };

    public static ulong Bit(FindingCode code) => 1UL << (int)code;

    public static ulong Mask(params ReadOnlySpan<FindingCode> codes)
    {
        ulong mask = 0;
        foreach (var code in codes)
        {
            mask |= Bit(code);
        }

        return mask;
    }

    private static void EnsureBoolean(FindingCode code)
    {
        if (FindingCatalog.Get(code).Kind != FindingKind.Boolean)
        {
            throw new ArgumentException($"{code.Key()} is not a true/false finding.", nameof(code));
        }
    }
}
