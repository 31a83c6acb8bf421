using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Recovery;
using BackCare.Clinical.Risk;

namespace BackCare.Clinical.Tests.Recovery;

public class RecoveryReviewTests
{
    private static RecoveryBaseline Start(int pain = 7, RiskGroup? risk = null) =>
        new(40, new FindingSet { OnsetDays = 1, Trigger = PainTrigger.Lifting, PainScore = pain }, pain, risk);

    [Theory]
    [InlineData(7, 5, Progress.Improving)]
    [InlineData(7, 6, Progress.Stalled)]
    [InlineData(6, 4, Progress.Improving)]
    [InlineData(3, 2, Progress.Improving)]
    [InlineData(7, 7, Progress.Stalled)]
    [InlineData(7, 8, Progress.Stalled)]
    [InlineData(7, 9, Progress.Worse)]
    [InlineData(0, 0, Progress.Stalled)]
    public void Given_pain_at_the_start_and_now_When_judged_Then_progress_follows_a_noticeable_change(int start, int now, Progress progress)
    {
        RecoveryReview.JudgeProgress(start, now).ShouldBe(progress);
    }

    [Theory]
    [InlineData(Progress.Stalled, 6, null, StepUp.KeepGoing)]
    [InlineData(Progress.Stalled, 7, null, StepUp.PhysicalTherapyOrDoctor)]
    [InlineData(Progress.Stalled, 27, null, StepUp.PhysicalTherapyOrDoctor)]
    [InlineData(Progress.Stalled, 28, null, StepUp.Specialist)]
    [InlineData(Progress.Worse, 3, null, StepUp.DoctorSoon)]
    [InlineData(Progress.Worse, 30, null, StepUp.Specialist)]
    [InlineData(Progress.Improving, 30, null, StepUp.KeepGoing)]
    [InlineData(Progress.Stalled, 2, RiskGroup.Medium, StepUp.PhysicalTherapyOrDoctor)]
    [InlineData(Progress.Improving, 2, RiskGroup.High, StepUp.PhysicalTherapyOrDoctor)]
    [InlineData(Progress.Improving, 2, RiskGroup.Low, StepUp.KeepGoing)]
    public void Given_progress_days_and_risk_When_the_next_step_is_chosen_Then_care_steps_up_as_the_brief_says(
        Progress progress, double days, RiskGroup? risk, StepUp step)
    {
        RecoveryReview.ChooseStep(progress, days, risk).ShouldBe(step);
    }

    [Fact]
    public void Given_a_diary_entry_with_new_bladder_trouble_When_reviewed_Then_it_is_an_emergency_naming_the_new_flag()
    {
        var entry = new DiaryCheck(3, 6, 2, new FindingSet().Set(FindingCode.BladderDysfunction, true));

        var review = RecoveryReview.Review(Start(), entry);

        review.Reassessment.Disposition.ShouldBe(Disposition.Emergency);
        review.NeedsUrgentCare.ShouldBeTrue();
        review.NewRedFlags.ShouldBe([FindingCode.BladderDysfunction]);
        review.Reasons[0].Rule.ShouldBe("new-red-flag");
    }

    [Fact]
    public void Given_a_week_of_unchanged_pain_When_reviewed_Then_the_plan_steps_up_to_a_physical_therapist_or_doctor()
    {
        var review = RecoveryReview.Review(Start(), new DiaryCheck(8, 7, 1, new FindingSet()));

        review.Progress.ShouldBe(Progress.Stalled);
        review.StepUp.ShouldBe(StepUp.PhysicalTherapyOrDoctor);
        review.Reassessment.Disposition.ShouldBe(Disposition.Routine);
        review.NewRedFlags.ShouldBeEmpty();
        review.Reasons.ShouldContain(r => r.Rule == "step-physical-therapy" && r.Source == "ACP-2017");
    }

    [Fact]
    public void Given_pain_falling_When_reviewed_Then_home_care_continues()
    {
        var review = RecoveryReview.Review(Start(), new DiaryCheck(4, 3, 0, new FindingSet()));

        review.Progress.ShouldBe(Progress.Improving);
        review.StepUp.ShouldBe(StepUp.KeepGoing);
        review.Reassessment.Disposition.ShouldBe(Disposition.SelfCare);
    }

    [Fact]
    public void Given_a_flag_the_person_already_had_When_reviewed_Then_it_is_not_called_new()
    {
        var baseline = new RecoveryBaseline(40, new FindingSet { OnsetDays = 2 }.Set(FindingCode.Sciatica, true), 6);

        var review = RecoveryReview.Review(baseline, new DiaryCheck(9, 6, 1, new FindingSet().Set(FindingCode.Sciatica, true)));

        review.NewRedFlags.ShouldBeEmpty();
        review.Reassessment.RuleIds().ShouldContain("sciatica-not-settling");
    }
}
