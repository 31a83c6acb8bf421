using BackCare.Clinical.Contract;
using BackCare.Clinical.Plans;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Plans;

public class PlanBuilderTests
{
    [Fact]
    public void Given_a_new_spasm_When_planned_Then_the_plan_covers_all_home_care_the_brief_names()
    {
        var plan = Assess(35, """{"onset_days":0,"trigger":"lifting","pain_score":6}""").Plan!;
        var text = string.Join("\n", plan.Steps.Select(s => s.Text));

        text.ShouldContain("bed");                // the limit on bed rest
        text.ShouldContain("cold pack");          // cold first
        text.ShouldContain("15 to 20 minutes");
        text.ShouldContain("heating pad");        // then heat
        text.ShouldContain("pillow under your knees");
        text.ShouldContain("stomach");            // the honest note on lying on the stomach
        text.ShouldContain("walk");
        text.ShouldContain("30 minutes");         // change position
        text.ShouldContain("stretch");
        text.ShouldContain("ibuprofen");
        text.ShouldContain("lift with your legs"); // prevention
        text.ShouldContain("physical therapist");  // stepping up
        text.ShouldContain("specialist");
        text.ShouldContain("emergency number");    // safety net
        plan.ReviewAfterDays.ShouldBe(PlanBuilder.ReviewAfterDays);
        plan.Steps.ShouldAllBe(s => ClinicalText.SourceKeys.Contains(s.Source));
    }

    [Theory]
    [InlineData(0, true, 3)]
    [InlineData(2, true, 1)]
    [InlineData(3, false, 0)]
    [InlineData(10, false, 0)]
    public void Given_days_since_onset_When_planned_Then_cold_comes_first_and_heat_follows_after_three_days(
        double onsetDays, bool cold, int heatDay)
    {
        var plan = Assess(35, $$$"""{"onset_days":{{{onsetDays}}},"trigger":"lifting"}""").Plan!;

        plan.Steps.Any(s => s.Text.Contains("cold pack", StringComparison.Ordinal)).ShouldBe(cold);
        plan.Steps.Single(s => s.Text.Contains("heating pad", StringComparison.Ordinal)).Day.ShouldBe(heatDay);
    }

    [Fact]
    public void Given_a_routine_result_When_planned_Then_the_first_step_is_to_book_an_appointment()
    {
        var plan = Assess(40, """{"otc_no_relief":true}""").Plan!;

        plan.Steps[0].Text.ShouldContain("Book an appointment");
    }

    [Fact]
    public void Given_an_urgent_result_When_assessed_Then_there_is_no_home_care_plan()
    {
        Assess(40, """{"fever":true}""").Plan.ShouldBeNull();
    }

    [Fact]
    public void Given_every_plan_step_When_the_text_file_is_read_Then_each_step_has_text_and_no_text_is_orphaned()
    {
        ClinicalText.StepIds.ShouldBe(PlanBuilder.Steps.Select(s => s.Id), ignoreOrder: true);
    }
}
