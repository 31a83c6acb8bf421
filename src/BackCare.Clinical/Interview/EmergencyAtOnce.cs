using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;

namespace BackCare.Clinical.Interview;

/// <summary>
/// The emergency a person's own words already show, to be shown at once: before the unasked questions, and
/// before age and sex are asked (contract, "Reading a narrative"). The findings must make it an emergency at
/// every age the contract allows, so that a rule that one day reads the age waits for the age question instead
/// of guessing it; and the result gives only the reasons that hold at every age, with the emergency safety net.
/// </summary>
public static class EmergencyAtOnce
{
    private const int YoungestAge = 0;
    private const int OldestAge = 120;

    /// <summary>The emergency result, or null when the findings do not make it an emergency whatever the age.</summary>
    public static AssessmentResult? From(FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        List<TriageRule>? everyAge = null;
        for (var age = YoungestAge; age <= OldestAge; age++)
        {
            var triage = TriageEngine.Evaluate(age, findings);
            if (triage.Disposition != Disposition.Emergency)
            {
                return null;
            }

            var emergencyRules = triage.Fired.Where(rule => rule.Disposition == Disposition.Emergency);
            everyAge = everyAge is null ? [.. emergencyRules] : [.. everyAge.Intersect(emergencyRules)];
        }

        // An emergency has no plan, so the age given here only picks the safety net, which is the same at every age.
        var safetyNet = Assessor.Assess(OldestAge, findings).Reasons.Single(r => r.Rule == TriageRules.SafetyNetRuleId);
        var redFlags = everyAge!
            .SelectMany(rule => rule.Flags)
            .Where(code => FindingCatalog.Get(code).IsBoolean ? findings[code] : findings.IsAnswered(code))
            .Distinct()
            .Order()
            .ToArray();
        Reason[] reasons = [.. everyAge!.Select(rule => rule.Reason), safetyNet];
        return new AssessmentResult(null, Disposition.Emergency, redFlags, reasons, null) { Findings = findings };
    }
}
