using BackCare.Data.Assessments;
using BackCare.Data.Diary;
using BackCare.Data.Risk;
using BackCare.Web.Today;

namespace BackCare.Web.Tests.Recovery;

public sealed class PersonalPlanTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new int[0], 0, RiskScreenDue.First)]
    [InlineData(new[] { 0 }, 13, RiskScreenDue.No)]
    [InlineData(new[] { 0 }, 14, RiskScreenDue.Again)]
    [InlineData(new[] { 0 }, 40, RiskScreenDue.Again)]
    [InlineData(new[] { 0, 14 }, 40, RiskScreenDue.No)]
    public void Given_risk_screens_done_on_some_days_When_asked_on_a_later_day_Then_the_screen_is_due_first_and_once_more_after_two_weeks(
        int[] screenDays, int today, RiskScreenDue expected)
    {
        var screens = screenDays.Select(day => Stamped(new RiskScreen(Guid.NewGuid(), "{}", 2, 1, RiskGroup.Low), Start.AddDays(day))).ToList();

        PersonalPlan.ScreenDue(screens, Start.AddDays(today).AddHours(1)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData(AbilityLevel.Normal, AbilityLevel.Normal, AbilityLevel.Normal, AbilityLevel.Normal, 8)]
    [InlineData(AbilityLevel.Limited, AbilityLevel.NotAtAll, null, AbilityLevel.Normal, 3)]
    [InlineData(AbilityLevel.NotAtAll, AbilityLevel.NotAtAll, AbilityLevel.NotAtAll, AbilityLevel.NotAtAll, 0)]
    public void Given_the_four_abilities_When_scored_Then_normal_counts_two_limited_one_and_none_answered_gives_no_score(
        AbilityLevel? walk, AbilityLevel? sit, AbilityLevel? sleep, AbilityLevel? work, int? expected)
    {
        PersonalPlan.FunctionOf(Entry(Start, 5, new DiaryAbilities(walk, sit, sleep, work))).ShouldBe(expected);
    }

    [Fact]
    public void Given_entries_over_days_When_made_a_trend_Then_each_day_since_onset_keeps_its_newest_entry_in_day_order()
    {
        var first = Stamped(new SavedAssessment(Guid.NewGuid(), """{"id":"a","age":40,"findings":{"onset_days":2,"pain_score":8}}""", "{}", "self_care", 40), Start);
        var plan = PersonalPlan.For(first, null, Start.AddDays(5));
        var abilities = new DiaryAbilities(AbilityLevel.Limited, AbilityLevel.Normal, null, null);

        var trend = plan.Trend([
            Entry(Start.AddDays(3).AddHours(2), 4, abilities),
            Entry(Start.AddHours(1), 7, abilities),
            Entry(Start.AddHours(5), 6, DiaryAbilities.Unknown),
            Entry(Start.AddDays(1).AddHours(1), 5, abilities),
        ]);

        trend.ShouldBe([new TrendDay(2, 6, null), new TrendDay(3, 5, 3), new TrendDay(5, 4, 3)]);
        plan.PlanDay.ShouldBe(5);
        plan.DaysSinceOnset.ShouldBe(7);
    }

    private static DiaryEntry Entry(DateTime at, int pain, DiaryAbilities abilities) =>
        Stamped(new DiaryEntry(Guid.NewGuid(), new DiaryInput(pain, 0, false, false, false, false, null, null, null, "[]", abilities), new DiaryReassessment("self_care", null, false)), at);

    /// <summary>Sets the creation time as the save interceptor would.</summary>
    private static T Stamped<T>(T record, DateTime at)
        where T : class
    {
        typeof(T).GetProperty("CreatedUtc")!.SetValue(record, at);
        return record;
    }
}
