using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Triage;

/// <summary>What a rule looks at: the person's age and what they reported.</summary>
public readonly record struct TriageInput(int Age, FindingSet Findings)
{
    public bool this[FindingCode code] => Findings[code];

    public bool Any(ulong mask) => Findings.HasAny(mask);

    /// <summary>Days since the pain began, or null when the person did not say.</summary>
    public double? OnsetDays => Findings.OnsetDays;

    /// <summary>True unless the person said the pain is improving: an unknown course is not counted as recovery.</summary>
    public bool NotImproving => Findings.Course != PainCourse.Improving;

    /// <summary>No injury or strain explains the pain (none, unknown, or not said).</summary>
    public bool NoObviousStrain => Findings.Trigger is null or PainTrigger.None or PainTrigger.Unknown;

    public bool TriggerIs(PainTrigger trigger) => Findings.Trigger == trigger;
}

/// <summary>
/// One triage rule: when it applies, how urgent it makes the result, which findings it reports as red
/// flags, and the source it comes from. Its plain-language text is in Content/en/rules.json under its id.
/// </summary>
public sealed class TriageRule
{
    private readonly Func<TriageInput, bool> _applies;

    public TriageRule(string id, Disposition disposition, string source, Func<TriageInput, bool> applies, params FindingCode[] flags)
    {
        Id = id;
        Disposition = disposition;
        Source = source;
        _applies = applies;
        Flags = flags;
        FlagMask = FindingSet.Mask(flags);
    }

    public string Id { get; }

    public Disposition Disposition { get; }

    public string Source { get; }

    /// <summary>The findings this rule names when it fires (those that are present, or carry a value).</summary>
    public IReadOnlyList<FindingCode> Flags { get; }

    internal ulong FlagMask { get; }

    public string Text => ClinicalText.Rule(Id);

    /// <summary>The rule's reason, made once: the same instance serves every result it appears in.</summary>
    public Reason Reason => _reason ??= new Reason(Id, Text, Source);

    private Reason? _reason;

    public bool Applies(TriageInput input) => _applies(input);
}
