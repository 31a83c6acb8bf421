using BackCare.Clinical.Risk;

namespace BackCare.Clinical.Tests.Risk;

public class StartBackTests
{
    // Items: leg, neck, walks, dressing, fear, worry, terrible, enjoyment, bothersome (0 not at all .. 4 extremely).
    [Theory]
    [InlineData(false, false, false, false, false, false, false, false, 0, 0, 0, RiskGroup.Low)]
    [InlineData(true, true, true, false, false, false, false, false, 2, 3, 0, RiskGroup.Low)]
    [InlineData(true, true, true, true, false, false, false, false, 0, 4, 0, RiskGroup.Medium)]
    [InlineData(true, true, true, false, false, false, false, false, 3, 4, 1, RiskGroup.Medium)]
    [InlineData(false, false, false, false, true, true, true, false, 0, 3, 3, RiskGroup.Low)]
    [InlineData(false, false, false, false, true, true, true, true, 0, 4, 4, RiskGroup.High)]
    [InlineData(false, false, false, false, true, true, true, false, 4, 4, 4, RiskGroup.High)]
    [InlineData(true, false, false, false, true, true, true, false, 2, 4, 3, RiskGroup.Medium)]
    [InlineData(true, true, true, true, true, true, true, true, 4, 9, 5, RiskGroup.High)]
    public void Given_screen_answers_When_scored_Then_the_published_rules_give_the_group(
        bool leg, bool neck, bool walks, bool dressing, bool fear, bool worry, bool terrible, bool enjoyment, int bothersome,
        int total, int subscale, RiskGroup group)
    {
        var score = StartBack.Score(new StartBackAnswers(leg, neck, walks, dressing, fear, worry, terrible, enjoyment, (Bothersomeness)bothersome));

        score.Total.ShouldBe(total);
        score.Subscale.ShouldBe(subscale);
        score.Group.ShouldBe(group);
        score.Advice.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Given_the_content_file_When_read_Then_there_are_nine_questions_and_five_bothersome_choices()
    {
        StartBack.Questions.Count.ShouldBe(9);
        StartBack.BothersomeChoices.Count.ShouldBe(5);
    }
}
