using BackCare.Clinical.Findings;
using BackCare.Web.Check;

namespace BackCare.Web.Tests.Check;

public sealed class CheckStateTests
{
    [Fact]
    public void Given_answers_of_every_kind_When_written_and_read_back_Then_they_are_the_same()
    {
        var state = new CheckState { Age = 67, SexAnswered = true, Sex = Sex.Female };
        state.Findings.Set(FindingCode.Fever, false).Set(FindingCode.Osteoporosis, true);
        state.Findings.OnsetDays = 1.5;
        state.Findings.PainScore = 8;
        state.Findings.PreviousEpisodes = 2;
        state.Findings.Trigger = PainTrigger.MinorFall;
        state.Findings.PainRegion = BackRegion.Middle;

        var bytes = state.ToBytes();
        var read = CheckState.FromBytes(bytes).ShouldNotBeNull();

        bytes.Length.ShouldBeLessThan(80);
        read.Age.ShouldBe(67);
        read.SexAnswered.ShouldBeTrue();
        read.Sex.ShouldBe(Sex.Female);
        read.Findings.AnsweredCodes().ShouldBe(state.Findings.AnsweredCodes());
        foreach (var code in state.Findings.AnsweredCodes())
        {
            read.Findings.ValueOf(code).ShouldBe(state.Findings.ValueOf(code));
        }
    }

    [Fact]
    public void Given_sex_left_unsaid_When_read_back_Then_it_is_answered_without_a_sex()
    {
        var read = CheckState.FromBytes(new CheckState { Age = 30, SexAnswered = true }.ToBytes()).ShouldNotBeNull();

        read.SexAnswered.ShouldBeTrue();
        read.Sex.ShouldBeNull();
        read.NextKey().ShouldBe("nerve_warning_signs");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 9, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 77 })]
    public void Given_bytes_that_are_not_a_state_When_read_Then_there_is_no_state(byte[] bytes)
    {
        CheckState.FromBytes(bytes).ShouldBeNull();
    }

    [Fact]
    public void Given_leg_weakness_changed_to_no_When_tidied_Then_the_follow_up_answer_is_dropped()
    {
        var state = new CheckState { Age = 40, SexAnswered = true };
        state.Findings.Set(FindingCode.LegWeakness, false).Set(FindingCode.LegWeaknessProgressive, false);

        state.DropAnswersThatNoLongerApply();

        state.Findings.IsAnswered(FindingCode.LegWeaknessProgressive).ShouldBeFalse();
        state.Findings.IsAnswered(FindingCode.LegWeakness).ShouldBeTrue();
    }

    [Theory]
    [InlineData(FindingCode.BladderDysfunction, true, null)]
    [InlineData(FindingCode.ChestPain, true, null)]
    [InlineData(FindingCode.Fever, false, CheckState.AgeKey)]
    [InlineData(FindingCode.Sciatica, false, CheckState.AgeKey)]
    public void Given_findings_from_a_description_and_no_age_When_the_next_page_is_sought_Then_only_an_emergency_skips_age_and_sex(
        FindingCode sign, bool emergency, string? next)
    {
        var state = new CheckState();
        state.Findings.Set(sign, true);

        state.IsEmergency.ShouldBe(emergency);
        state.NextKey().ShouldBe(next);
        CheckLinks.After(state, "t").ShouldStartWith(emergency ? "/check/result" : "/check/question/age");
    }
}
