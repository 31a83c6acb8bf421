using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Plans;
using BackCare.Data.Assessments;
using BackCare.Data.Diary;
using BackCare.Data.Risk;
using EngineRiskGroup = BackCare.Clinical.Risk.RiskGroup;

namespace BackCare.Web.Today;

/// <summary>
/// A person's plan as the today page shows it: worked out from their first saved assessment (the start of
/// recovery) and the group of their latest risk screen, on a given day. Day 0 of the plan is the day of the
/// first assessment; days since the pain began add the onset the assessment recorded.
/// </summary>
public sealed class PersonalPlan
{
    private PersonalPlan(SavedAssessment first, int age, FindingSet findings, EngineRiskGroup? risk, DateTime nowUtc)
    {
        First = first;
        Risk = risk;
        OnsetKnown = findings.OnsetDays is not null;
        OnsetDays = findings.OnsetDays ?? 0;
        PlanDay = DaysBetween(first.CreatedUtc, nowUtc);
        DaysSinceOnset = (int)Math.Floor(OnsetDays) + PlanDay;
        var result = Assessor.Assess(age, findings, risk);
        Disposition = result.Disposition;
        if (result.Plan is not null)
        {
            var context = new PlanContext(age, findings, Disposition, risk);
            Steps = PlanBuilder.ForDay(context, PlanBuilder.ChooseMedicines(age, findings, Disposition), PlanDay);
        }
    }

    public SavedAssessment First { get; }

    public EngineRiskGroup? Risk { get; }

    public double OnsetDays { get; }

    /// <summary>False when the check ended before asking when the pain started (an emergency): then nothing is said about it.</summary>
    public bool OnsetKnown { get; }

    /// <summary>Whole days since the first assessment was saved: the day of the plan.</summary>
    public int PlanDay { get; }

    public int DaysSinceOnset { get; }

    public Disposition Disposition { get; }

    /// <summary>Today's steps; empty when the first assessment needed a doctor rather than home care.</summary>
    public IReadOnlyList<ScheduledStep> Steps { get; } = [];

    public static PersonalPlan For(SavedAssessment first, RiskScreen? latestScreen, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(first);
        var read = CaseReader.Read(first.CaseJson);
        var findings = read.Case?.Findings?.Copy() ?? new FindingSet();
        var age = first.Age ?? read.Case?.Age ?? 0;
        EngineRiskGroup? risk = latestScreen is null ? null : Enum.Parse<EngineRiskGroup>(latestScreen.Group.ToString());
        return new PersonalPlan(first, age, findings, risk, nowUtc);
    }

    /// <summary>
    /// The diary as trend days: the newest entry of each day since the pain began (a person may write more than
    /// once a day), its pain, and how many of walk, sit, sleep and work they could do.
    /// </summary>
    public IReadOnlyList<TrendDay> Trend(IEnumerable<DiaryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries
            .GroupBy(DayOf)
            .Select(day => day.MaxBy(e => (e.CreatedUtc, e.Id))!)
            .Select(newest => new TrendDay(DayOf(newest), newest.PainScore, FunctionOf(newest)))
            .OrderBy(d => d.Day)];
    }

    /// <summary>Whether the risk screen should be offered: never done, or done once at least two weeks ago (STARTBACK).</summary>
    public static RiskScreenDue ScreenDue(IReadOnlyCollection<RiskScreen> screens, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(screens);
        if (screens.Count == 0)
        {
            return RiskScreenDue.First;
        }

        var latest = screens.Max(s => s.CreatedUtc);
        return screens.Count == 1 && DaysBetween(latest, nowUtc) >= PlanBuilder.RiskScreenAgainAfterDays ? RiskScreenDue.Again : RiskScreenDue.No;
    }

    /// <summary>Two points for each of walk, sit, sleep and work done normally, one when limited (0 to 8); null when none was answered.</summary>
    public static int? FunctionOf(DiaryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AbilityLevel?[] levels = [entry.WalkLevel, entry.SitLevel, entry.SleepLevel, entry.WorkLevel];
        if (levels.All(l => l is null))
        {
            return null;
        }

        return levels.Sum(l => l switch { AbilityLevel.Normal => 2, AbilityLevel.Limited => 1, _ => 0 });
    }

    /// <summary>The day since the pain began on which an entry was written: the trend's day.</summary>
    public int DayOf(DiaryEntry entry) => (int)Math.Floor(OnsetDays) + DaysBetween(First.CreatedUtc, entry.CreatedUtc);

    private static int DaysBetween(DateTime startUtc, DateTime endUtc) => Math.Max(0, (int)Math.Floor((endUtc - startUtc).TotalDays));
}

public enum RiskScreenDue
{
    No,
    First,
    Again,
}
