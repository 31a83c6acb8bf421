using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Clinical.Plans;
using BackCare.Clinical.Risk;
using BackCare.Clinical.Triage;

namespace BackCare.Clinical;

/// <summary>Turns a person's own words into findings of the contract.</summary>
public interface INarrativeReader
{
    /// <summary>
    /// Reads a narrative about the patient; <paramref name="writer"/> is null when the caller did not say who wrote it,
    /// and <paramref name="patient"/> holds the age and sex the case gives, when it gives them.
    /// </summary>
    NarrativeReading Read(string narrative, NarrativeWriter? writer = null, NarrativePatient patient = default);
}

/// <summary>
/// The assessment contract as a library call: a case in, a result out. The command line and the web
/// API both call this, so all three give the same answer for the same case.
/// </summary>
public sealed class Assessor(INarrativeReader? narrativeReader)
{
    private static readonly Reason[] SafetyNets =
    [
        SafetyNet(Disposition.SelfCare, "safety-net-self-care"),
        SafetyNet(Disposition.Routine, "safety-net-routine"),
        SafetyNet(Disposition.Urgent, "safety-net-urgent"),
        SafetyNet(Disposition.Emergency, "safety-net-emergency"),
    ];

    private static readonly Reason NoRedFlags = new(TriageRules.NoRedFlagsRuleId, ClinicalText.Rule(TriageRules.NoRedFlagsRuleId), "NICE-NG59");

    /// <summary>
    /// Assesses a case, or refuses it naming the field when its findings would come from a narrative the engine
    /// could not read (another language, noise, nothing about back pain): never a disposition from words not understood.
    /// The narrative is read once, here; the command line and the API both call this.
    /// </summary>
    public AssessmentOutcome Evaluate(AssessmentCase assessmentCase)
    {
        ArgumentNullException.ThrowIfNull(assessmentCase);
        if (assessmentCase.Findings is { } findings)
        {
            return AssessmentOutcome.Assessed(Assess(assessmentCase.Age, findings) with { Id = assessmentCase.Id });
        }

        var narrative = assessmentCase.Narrative ?? string.Empty;
        if (NarrativeCheck.LengthProblem(narrative) is { } tooLong)
        {
            return AssessmentOutcome.Refused(assessmentCase.Id, new FieldError("narrative", tooLong));
        }

        if (narrativeReader is null)
        {
            throw new InvalidOperationException("This assessor was made without a narrative reader.");
        }

        var reading = narrativeReader.Read(narrative, assessmentCase.Writer, new NarrativePatient(assessmentCase.Age, assessmentCase.Sex));
        if (NarrativeCheck.Problem(narrative, reading) is { } problem)
        {
            return AssessmentOutcome.Refused(assessmentCase.Id, new FieldError("narrative", problem));
        }

        var result = Assess(assessmentCase.Age, reading.Findings) with
        {
            Id = assessmentCase.Id,
            Read = new NarrativeRead(reading.Writer, reading.Unasked),
        };
        return AssessmentOutcome.Assessed(result);
    }

    /// <summary>Assesses a case that is known to be assessable (structured findings, or a narrative read before); throws otherwise.</summary>
    public AssessmentResult Assess(AssessmentCase assessmentCase)
    {
        var outcome = Evaluate(assessmentCase);
        return outcome.Result ?? throw new ArgumentException(outcome.Error!.ToString(), nameof(assessmentCase));
    }

    /// <summary>Assesses findings directly (the interview and the diary use this).</summary>
    public static AssessmentResult Assess(int age, FindingSet findings) => Assess(age, findings, risk: null);

    /// <summary>Assesses findings with the group of the person's latest risk screen, which sets the plan's intensity (STARTBACK).</summary>
    public static AssessmentResult Assess(int age, FindingSet findings, RiskGroup? risk)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var triage = TriageEngine.Evaluate(age, findings);
        var disposition = triage.Disposition;
        MedicinePlan? medicines = null;
        CarePlan? plan = null;
        if (disposition <= Disposition.Routine)
        {
            medicines = PlanBuilder.ChooseMedicines(age, findings, disposition);
            plan = PlanBuilder.Build(new PlanContext(age, findings, disposition, risk), medicines);
        }

        var reasons = new Reason[Math.Max(triage.Fired.Count, 1) + (medicines?.Applied.Count ?? 0) + 1];
        var count = 0;
        foreach (var rule in triage.Fired)
        {
            reasons[count++] = rule.Reason;
        }

        if (count == 0)
        {
            reasons[count++] = NoRedFlags;
        }

        if (medicines is not null)
        {
            foreach (var rule in medicines.Applied)
            {
                reasons[count++] = rule.Reason;
            }
        }

        reasons[count] = SafetyNets[(int)disposition];
        return new AssessmentResult(null, disposition, triage.RedFlags, reasons, plan) { Findings = findings };
    }

    private static Reason SafetyNet(Disposition disposition, string id) =>
        new(TriageRules.SafetyNetRuleId, ClinicalText.Rule(id), disposition >= Disposition.Urgent ? "CKS-RF" : "NICE-NG59");
}
