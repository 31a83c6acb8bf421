using BackCare.Clinical.Contract;
using BackCare.Clinical.Plans;
using BackCare.Clinical.Risk;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Plans;

/// <summary>The plan's intensity follows the STarT Back group (STARTBACK): low self-care, medium physical therapy, high therapy that minds fears and mood.</summary>
public class PlanIntensityTests
{
    private const string SimpleSpasm = """{"onset_days":1,"trigger":"lifting","pain_score":6}""";
    private const string RoutineCase = """{"onset_days":1,"otc_no_relief":true}""";

    [Theory]
    [InlineData(null, SimpleSpasm, "", "risk-low-self-care risk-medium-physical-therapy risk-high-informed-therapy risk-high-doctor-review")]
    [InlineData(RiskGroup.Low, SimpleSpasm, "risk-low-self-care", "risk-medium-physical-therapy risk-high-informed-therapy risk-high-doctor-review")]
    [InlineData(RiskGroup.Medium, SimpleSpasm, "risk-medium-physical-therapy", "risk-low-self-care risk-high-informed-therapy risk-high-doctor-review")]
    [InlineData(RiskGroup.High, SimpleSpasm, "risk-high-informed-therapy risk-high-doctor-review", "risk-low-self-care risk-medium-physical-therapy")]
    [InlineData(RiskGroup.Low, RoutineCase, "book-appointment risk-low-self-care", "risk-medium-physical-therapy")]
    [InlineData(RiskGroup.Medium, RoutineCase, "book-appointment risk-medium-physical-therapy", "risk-low-self-care")]
    [InlineData(RiskGroup.High, RoutineCase, "book-appointment risk-high-informed-therapy risk-high-doctor-review", "risk-medium-physical-therapy")]
    public void Given_a_risk_group_When_the_plan_is_built_Then_its_first_day_holds_the_steps_of_that_intensity(
        RiskGroup? risk, string findings, string expectedOnDayZero, string absent)
    {
        var scheduled = Schedule(findings, risk);

        var dayZero = scheduled.Where(s => s.Day == 0).Select(s => s.Id).ToList();
        foreach (var id in expectedOnDayZero.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            dayZero.ShouldContain(id);
        }

        foreach (var id in absent.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            scheduled.Select(s => s.Id).ShouldNotContain(id);
        }
    }

    [Theory]
    [InlineData(RiskGroup.Low, "risk-low-self-care")]
    [InlineData(RiskGroup.Medium, "risk-medium-physical-therapy")]
    [InlineData(RiskGroup.High, "risk-high-informed-therapy")]
    public void Given_a_risk_group_When_assessed_Then_the_contract_plan_carries_the_step_with_the_startback_source(RiskGroup risk, string stepId)
    {
        var result = Assessor.Assess(35, Case(35, SimpleSpasm).Findings!, risk);

        var step = result.Plan!.Steps.Single(s => s.Text == ClinicalText.Step(stepId));
        step.Source.ShouldBe(StartBack.Source);
        step.Day.ShouldBe(0);
        result.Plan.Steps.ShouldAllBe(s => ClinicalText.SourceKeys.Contains(s.Source));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RiskGroup.Low)]
    [InlineData(RiskGroup.Medium)]
    [InlineData(RiskGroup.High)]
    public void Given_any_risk_group_When_planned_Then_the_safety_net_the_week_review_and_the_second_screen_stay(RiskGroup? risk)
    {
        var scheduled = Schedule(SimpleSpasm, risk);

        scheduled.ShouldContain(s => s.Id == "safety-net-signs" && s.Day == 0);
        scheduled.ShouldContain(s => s.Id == "step-up-after-a-week" && s.Day == PlanBuilder.ReviewAfterDays);
        scheduled.ShouldContain(s => s.Id == "risk-screen-again" && s.Day == PlanBuilder.RiskScreenAgainAfterDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RiskGroup.High)]
    public void Given_a_schedule_When_compared_with_the_built_plan_Then_both_hold_the_same_steps_in_the_same_order(RiskGroup? risk)
    {
        var findings = Case(35, SimpleSpasm).Findings!;
        var result = Assessor.Assess(35, findings, risk);

        Schedule(SimpleSpasm, risk).Select(s => s.Step).ShouldBe(result.Plan!.Steps);
    }

    // Onset one day before the first assessment: cold for plan days 0 and 1, heat from plan day 2 (onset day 3).
    [Theory]
    [InlineData(0, "cold-first stay-active safety-net-signs", "heat fluids-and-cramps back-to-normal step-up-after-a-week")]
    [InlineData(1, "cold-first fluids-and-cramps gentle-stretching", "heat back-to-normal")]
    [InlineData(2, "heat fluids-and-cramps", "cold-first back-to-normal")]
    [InlineData(3, "heat back-to-normal", "cold-first step-up-after-a-week")]
    [InlineData(7, "step-up-after-a-week prevention", "cold-first risk-screen-again")]
    [InlineData(14, "risk-screen-again another-episode", "cold-first specialist-after-six-weeks")]
    [InlineData(28, "specialist-after-six-weeks", "cold-first")]
    public void Given_a_day_of_the_plan_When_the_steps_for_that_day_are_chosen_Then_started_steps_show_and_ended_ones_do_not(
        int planDay, string present, string absent)
    {
        var findings = Case(35, SimpleSpasm).Findings!;
        var context = new PlanContext(35, findings, Disposition.SelfCare, RiskGroup.Low);
        var medicines = PlanBuilder.ChooseMedicines(35, findings, Disposition.SelfCare);

        var ids = PlanBuilder.ForDay(context, medicines, planDay).Select(s => s.Id).ToList();

        foreach (var id in present.Split(' '))
        {
            ids.ShouldContain(id);
        }

        foreach (var id in absent.Split(' '))
        {
            ids.ShouldNotContain(id);
        }

        ids.ShouldContain("risk-low-self-care");
        findings.OnsetDays.ShouldBe(1, "choosing a day does not change the person's findings");
    }

    private static IReadOnlyList<ScheduledStep> Schedule(string findingsJson, RiskGroup? risk)
    {
        var findings = Case(35, findingsJson).Findings!;
        var disposition = Assessor.Assess(35, findings).Disposition;
        disposition.ShouldBeOneOf(Disposition.SelfCare, Disposition.Routine);
        return PlanBuilder.Schedule(new PlanContext(35, findings, disposition, risk), PlanBuilder.ChooseMedicines(35, findings, disposition));
    }
}
