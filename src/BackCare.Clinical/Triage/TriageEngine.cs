using System.Numerics;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Triage;

/// <summary>The outcome of the triage rules: the most urgent disposition, the rules that fired and the red flags they name.</summary>
public readonly record struct TriageOutcome(Disposition Disposition, IReadOnlyList<TriageRule> Fired, IReadOnlyList<FindingCode> RedFlags);

/// <summary>Runs every rule of <see cref="TriageRules"/>; the most urgent rule that fires decides the disposition.</summary>
public static class TriageEngine
{
    public static TriageOutcome Evaluate(int age, FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var input = new TriageInput(age, findings);
        var disposition = Disposition.SelfCare;
        List<TriageRule>? fired = null;
        ulong flagMask = 0;
        foreach (var rule in TriageRules.All)
        {
            if (!rule.Applies(input))
            {
                continue;
            }

            (fired ??= new List<TriageRule>(4)).Add(rule);
            if (rule.Disposition > disposition)
            {
                disposition = rule.Disposition;
            }

            flagMask |= rule.FlagMask;
        }

        return new TriageOutcome(disposition, fired ?? (IReadOnlyList<TriageRule>)[], ReportedFlags(flagMask, findings));
    }

    /// <summary>The flagged codes the person actually reported: true/false codes that are yes, others that carry a value.</summary>
    private static FindingCode[] ReportedFlags(ulong mask, FindingSet findings)
    {
        if (mask == 0)
        {
            return [];
        }

        Span<FindingCode> buffer = stackalloc FindingCode[BitOperations.PopCount(mask)];
        var count = 0;
        while (mask != 0)
        {
            var code = (FindingCode)BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var reported = FindingCatalog.Get(code).IsBoolean ? findings[code] : findings.IsAnswered(code);
            if (reported)
            {
                buffer[count++] = code;
            }
        }

        return buffer[..count].ToArray();
    }
}
