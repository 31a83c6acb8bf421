using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;

namespace BackCare.Clinical.Language;

/// <summary>
/// One finding read from a narrative, with the words it was read from, so that a person can be shown
/// what was understood and correct it.
/// </summary>
/// <param name="Code">The finding code of the assessment contract.</param>
/// <param name="Value">
/// The value as the contract writes it: <see cref="bool"/> for true/false codes, <see cref="double"/> for
/// <c>onset_days</c> and <c>self_care_days</c>, <see cref="int"/> for <c>pain_score</c> and
/// <c>previous_episodes</c>, and the choice's wire name (<see cref="string"/>) for <c>trigger</c>,
/// <c>course</c> and <c>pain_region</c>.
/// </param>
/// <param name="Words">The words of the narrative the value was read from, as the person wrote them.</param>
/// <param name="Start">Where <paramref name="Words"/> begin in the narrative (a character index).</param>
/// <param name="Length">How many characters <paramref name="Words"/> take.</param>
/// <param name="Negated">True when the person said it was absent ("no fever", "my legs are fine").</param>
/// <param name="Uncertain">
/// True when the words hedge ("I think", "maybe"). An uncertain "yes" is kept as yes, so that doubt makes
/// the assessment more cautious, never less; an interview should ask about it again.
/// </param>
public sealed record ReadFinding(FindingCode Code, object Value, string Words, int Start, int Length, bool Negated, bool Uncertain)
{
    /// <summary>The contract's name of the code, for example <c>saddle_numbness</c>.</summary>
    public string Key => Code.Key();
}

/// <summary>
/// What <see cref="NarrativeReader.Read"/> understood from a narrative: the findings, ready to assess, and
/// for each finding that was set the words it came from, in the order they appear in the text.
/// </summary>
/// <param name="Narrative">The text that was read.</param>
/// <param name="Findings">The findings, as the assessment takes them. Codes the text did not mention are not answered.</param>
/// <param name="Evidence">One entry per finding that was set, in the order of the narrative.</param>
public sealed record NarrativeReading(string Narrative, FindingSet Findings, IReadOnlyList<ReadFinding> Evidence)
{
    /// <summary>Who wrote the text: the one the caller gave, or the one worked out from the words.</summary>
    public NarrativeWriter Writer { get; init; } = NarrativeWriter.Self;

    /// <summary>
    /// The findings that could on their own make the result urgent or an emergency and that the text neither
    /// affirmed nor denied, in the contract's order: the questions to ask before showing a result.
    /// </summary>
    public IReadOnlyList<FindingCode> Unasked => UnaskedFindings.In(Findings);

    /// <summary>True when something about the back pain was read: a finding, or words about the back or its pain.</summary>
    public bool AboutBackPain { get; init; }

    /// <summary>The evidence for one code, or null when the narrative did not answer it.</summary>
    public ReadFinding? For(FindingCode code)
    {
        foreach (var finding in Evidence)
        {
            if (finding.Code == code)
            {
                return finding;
            }
        }

        return null;
    }
}
