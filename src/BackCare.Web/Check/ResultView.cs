using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Triage;
using BackCare.Web.Text;

namespace BackCare.Web.Check;

public sealed record ReasonView(string Text, string Source, string SourceName);

public sealed record PlanDay(string Heading, IReadOnlyList<ReasonView> Steps);

/// <summary>A result put the way the result and plan pages show it: words, reasons with sources, the plan by day.</summary>
public sealed class ResultView
{
    public ResultView(AssessmentResult result, SiteText text, string emergencyNumber)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        Result = result;
        Disposition = result.Disposition;
        WireName = result.Disposition.WireName();
        Text = text.For(result.Disposition);
        EmergencyNumber = emergencyNumber;
        EmergencyCall = text.EmergencyCall(emergencyNumber);
        EmergencyNote = text.EmergencyNote;
        Reasons = [.. result.Reasons.Where(r => r.Rule != TriageRules.SafetyNetRuleId).Select(r => View(r.Text, r.Source, text))];
        SafetyNet = result.Reasons.Where(r => r.Rule == TriageRules.SafetyNetRuleId).Select(r => View(r.Text, r.Source, text)).FirstOrDefault();
        if (result.Plan is { } plan)
        {
            Days = [.. plan.Steps
                .GroupBy(s => s.Day)
                .OrderBy(g => g.Key)
                .Select(g => new PlanDay(text.Day(g.Key), [.. g.Select(s => View(s.Text, s.Source, text))]))];
            Medicines = [.. plan.MedicationClasses.Select(text.Medicine)];
            AvoidMedicines = [.. plan.AvoidClasses.Select(text.Medicine)];
            ReviewAfter = text.ReviewAfter(plan.ReviewAfterDays);
        }

        Sources = [.. Reasons.Concat(Days.SelectMany(d => d.Steps)).Append(SafetyNet)
            .Where(r => r is not null)
            .Select(r => r!.Source)
            .Distinct(StringComparer.Ordinal)
            .Select(key => (key, text.Source(key)))];
    }

    public AssessmentResult Result { get; }

    public Disposition Disposition { get; }

    public string WireName { get; }

    public DispositionText Text { get; }

    public string EmergencyNumber { get; }

    public string EmergencyCall { get; }

    public string EmergencyNote { get; }

    public bool IsEmergency => Disposition == Disposition.Emergency;

    public IReadOnlyList<ReasonView> Reasons { get; }

    public ReasonView? SafetyNet { get; }

    public IReadOnlyList<PlanDay> Days { get; } = [];

    public IReadOnlyList<string> Medicines { get; } = [];

    public IReadOnlyList<string> AvoidMedicines { get; } = [];

    public string? ReviewAfter { get; }

    public IReadOnlyList<(string Key, string Name)> Sources { get; }

    /// <summary>The result of a check; before age is asked, the emergency the answers already show, with its own reasons only.</summary>
    public static ResultView For(CheckState state, SiteText text, string emergencyNumber)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = state.Age is { } age
            ? Assessor.Assess(age, state.Findings)
            : EmergencyAtOnce.From(state.Findings) ?? throw new InvalidOperationException("A check without an age has a result only in an emergency.");
        return new ResultView(result, text, emergencyNumber);
    }

    private static ReasonView View(string body, string source, SiteText text) => new(body, source, text.Source(source));
}
