using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Risk;
using static BackCare.Clinical.Contract.MedicationClass;

namespace BackCare.Clinical.Plans;

/// <summary>
/// What the plan needs to know about the person beyond their findings. <paramref name="Risk"/> is the group of
/// their latest STarT Back screen, or null when they have not done one: the plan's intensity follows it (STARTBACK).
/// </summary>
public readonly record struct PlanContext(int Age, FindingSet Findings, Disposition Disposition, RiskGroup? Risk = null);

/// <summary>A step chosen for one person: its id (for a checklist), the day it starts, and the step as the contract gives it.</summary>
public sealed record ScheduledStep(string Id, int Day, PlanStep Step);

/// <summary>One step of the home-care plan: the day (counted from today) it starts, when it applies, and its source.</summary>
public sealed class StepTemplate(string id, string source, Func<PlanContext, MedicinePlan, int?> day)
{
    public string Id { get; } = id;

    public string Source { get; } = source;

    /// <summary>The day this step belongs to, or null when it does not apply to this person.</summary>
    public int? DayFor(PlanContext context, MedicinePlan medicines) => day(context, medicines);

    public PlanStep On(int dayNumber) =>
        dayNumber < _cached.Length ? _cached[dayNumber] ??= Make(dayNumber) : Make(dayNumber);

    private readonly PlanStep?[] _cached = new PlanStep?[64];

    private PlanStep Make(int dayNumber) => new(dayNumber, ClinicalText.Step(Id), Source);
}

/// <summary>The medicine classes suggested and avoided, with the rules that decided it.</summary>
public sealed record MedicinePlan(MedicationClass[] Suggested, MedicationClass[] Avoided, IReadOnlyList<MedicineRule> Applied)
{
    public bool Suggests(MedicationClass medicationClass) => Array.IndexOf(Suggested, medicationClass) >= 0;

    public bool Avoids(MedicationClass medicationClass) => Array.IndexOf(Avoided, medicationClass) >= 0;
}

/// <summary>
/// Builds the day-by-day plan for home care (self_care) and for the wait before an appointment
/// (routine): stepped care as the clinical brief describes it, with medicines chosen for this person.
/// </summary>
public static class PlanBuilder
{
    public const int ReviewAfterDays = 7;

    /// <summary>The risk screen is asked at the first assessment and again two weeks later (STARTBACK).</summary>
    public const int RiskScreenAgainAfterDays = 14;

    private const int ColdDays = 3;

    public static readonly IReadOnlyList<StepTemplate> Steps =
    [
        new("book-appointment", "SEEDS", (c, _) => c.Disposition == Disposition.Routine ? 0 : null),
        new("recovery-course", "PENGEL-2003", (_, _) => 0),
        new("stay-active", "DAHM-2010", (_, _) => 0),
        new("cold-first", "SEEDS", (c, _) => DaysSinceOnset(c) < ColdDays ? 0 : null),
        new("heat", "ACP-2017", (c, _) => Math.Max(0, ColdDays - DaysSinceOnset(c))),
        new("positions", "SEEDS", (_, _) => 0),
        new("lying-on-stomach", "SEEDS", (_, _) => 0),
        new("move-often", "SEEDS", (_, _) => 0),
        new("medicine-nsaid", "NICE-NG59", (_, m) => m.Suggests(Nsaid) ? 0 : null),
        new("medicine-nsaid-older", "NICE-NG59", (c, m) => m.Suggests(Nsaid) && c.Age >= 65 ? 0 : null),
        new("medicine-topical-nsaid", "NICE-NG59", (_, m) => m.Suggests(TopicalNsaid) ? 0 : null),
        new("medicine-acetaminophen", "PACE-2014", (_, m) => m.Suggests(Acetaminophen) ? 0 : null),
        new("medicine-none-over-the-counter", "NICE-NG59",
            (_, m) => m.Suggests(Nsaid) || m.Suggests(Acetaminophen) || m.Suggests(TopicalNsaid) ? null : 0),
        new("avoid-nsaid", "NICE-NG59", (_, m) => m.Avoids(Nsaid) ? 0 : null),
        new("avoid-acetaminophen", "NICE-NG59", (_, m) => m.Avoids(Acetaminophen) ? 0 : null),
        new("medicine-check-first", "NICE-NG59", (_, _) => 0),
        new("safety-net-signs", "CKS-RF", (_, _) => 0),
        new("fluids-and-cramps", "SEEDS", (_, _) => 1),
        new("gentle-stretching", "ACP-2017", (c, _) => DaysSinceOnset(c) < 2 ? 2 - DaysSinceOnset(c) : 0),
        new("back-to-normal", "DAHM-2010", (_, _) => 3),
        new("ask-about-muscle-relaxant", "CASHIN-2021", (_, m) => m.Suggests(MuscleRelaxant) ? 0 : null),
        new("avoid-muscle-relaxant", "CASHIN-2021",
            (c, m) => c.Disposition == Disposition.Routine && m.Avoids(MuscleRelaxant) ? 0 : null),
        new("risk-low-self-care", StartBack.Source, (c, _) => c.Risk == RiskGroup.Low ? 0 : null),
        new("risk-medium-physical-therapy", StartBack.Source, (c, _) => c.Risk == RiskGroup.Medium ? 0 : null),
        new("risk-high-informed-therapy", StartBack.Source, (c, _) => c.Risk == RiskGroup.High ? 0 : null),
        new("risk-high-doctor-review", StartBack.Source, (c, _) => c.Risk == RiskGroup.High ? 0 : null),
        new("step-up-after-a-week", "ACP-2017", (_, _) => ReviewAfterDays),
        new("risk-screen-again", StartBack.Source, (_, _) => RiskScreenAgainAfterDays),
        new("prevention", "SEEDS", (_, _) => ReviewAfterDays),
        new("another-episode", "PENGEL-2003", (_, _) => 14),
        new("specialist-after-six-weeks", "NICE-NG59", (_, _) => 28),
    ];

    public static CarePlan Build(PlanContext context, MedicinePlan medicines)
    {
        Span<(int Day, int Index)> chosen = stackalloc (int, int)[Steps.Count];
        var count = 0;
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].DayFor(context, medicines) is { } day)
            {
                chosen[count++] = (day, i);
            }
        }

        // Insertion sort by day keeps the table's order within a day and allocates nothing.
        for (var i = 1; i < count; i++)
        {
            var item = chosen[i];
            var j = i - 1;
            while (j >= 0 && chosen[j].Day > item.Day)
            {
                chosen[j + 1] = chosen[j];
                j--;
            }

            chosen[j + 1] = item;
        }

        var steps = new PlanStep[count];
        for (var i = 0; i < count; i++)
        {
            steps[i] = Steps[chosen[i].Index].On(chosen[i].Day);
        }

        return new CarePlan(medicines.Suggested, medicines.Avoided, steps, ReviewAfterDays);
    }

    /// <summary>The steps this person's plan holds, with their ids, in the order <see cref="Build"/> gives them.</summary>
    public static IReadOnlyList<ScheduledStep> Schedule(PlanContext context, MedicinePlan medicines)
    {
        ArgumentNullException.ThrowIfNull(medicines);
        return [.. Steps
            .Select(step => (step, day: step.DayFor(context, medicines)))
            .Where(s => s.day is not null)
            .OrderBy(s => s.day)
            .Select(s => new ScheduledStep(s.step.Id, s.day!.Value, s.step.On(s.day.Value)))];
    }

    /// <summary>
    /// The steps that apply on one day of the plan (day 0 is the day of the first assessment): each step that has
    /// started by then and that still applies to someone whose pain began that many days further back, so the
    /// cold pack of the first days gives way to heat, and a step added by a new risk screen appears at once.
    /// </summary>
    public static IReadOnlyList<ScheduledStep> ForDay(PlanContext context, MedicinePlan medicines, int planDay)
    {
        ArgumentNullException.ThrowIfNull(medicines);
        ArgumentOutOfRangeException.ThrowIfNegative(planDay);
        var later = context.Findings.Copy();
        later.OnsetDays = (context.Findings.OnsetDays ?? 0) + planDay;
        var laterContext = context with { Findings = later };
        return [.. Schedule(context, medicines).Where(s => s.Day <= planDay && Steps.First(t => t.Id == s.Id).DayFor(laterContext, medicines) is not null)];
    }

    /// <summary>
    /// Suggests an oral NSAID and a topical one; acetaminophen only where NSAIDs are unsafe (alone it did
    /// not speed recovery, PACE-2014); a muscle relaxant only to discuss at a routine appointment (CASHIN-2021).
    /// </summary>
    public static MedicinePlan ChooseMedicines(int age, FindingSet findings, Disposition disposition)
    {
        ArgumentNullException.ThrowIfNull(findings);
        List<MedicineRule>? applied = null;
        var avoided = 0;
        foreach (var rule in MedicineSafety.Rules)
        {
            if (!rule.Applies(age, findings))
            {
                continue;
            }

            (applied ??= new List<MedicineRule>(2)).Add(rule);
            foreach (var medicationClass in rule.Avoids)
            {
                avoided |= 1 << (int)medicationClass;
            }
        }

        var suggested = 1 << (int)Nsaid | 1 << (int)TopicalNsaid;
        if ((avoided & (1 << (int)Nsaid)) != 0)
        {
            suggested |= 1 << (int)Acetaminophen;
        }

        if (disposition == Disposition.Routine)
        {
            suggested |= 1 << (int)MuscleRelaxant;
        }

        suggested &= ~avoided;
        return new MedicinePlan(Classes(suggested), Classes(avoided), applied ?? (IReadOnlyList<MedicineRule>)[]);
    }

    private static int DaysSinceOnset(PlanContext context) => (int)Math.Floor(context.Findings.OnsetDays ?? 0);

    private static readonly MedicationClass[][] ClassSets = BuildClassSets();

    private static MedicationClass[] Classes(int mask) => ClassSets[mask];

    // Sixteen possible sets of four classes: made once, shared by every plan (they are never changed).
    private static MedicationClass[][] BuildClassSets()
    {
        var all = Enum.GetValues<MedicationClass>();
        var sets = new MedicationClass[1 << all.Length][];
        for (var mask = 0; mask < sets.Length; mask++)
        {
            sets[mask] = all.Where(c => (mask & (1 << (int)c)) != 0).ToArray();
        }

        return sets;
    }
}
