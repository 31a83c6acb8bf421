using BackCare.Cli;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;

namespace BackCare.Clinical.Tests.Cli;

public class InterviewSessionTests
{
    private static (int Exit, string Transcript) Interview(Func<string, string> answer, int maxQuestions = 200)
    {
        // Answers each question as the person would, by reading the question just printed.
        var output = new StringWriter();
        var input = new ScriptedReader(output, answer, maxQuestions);
        var exit = new InterviewSession(input, output).Run();
        return (exit, output.ToString());
    }

    [Fact]
    public void Given_a_simple_strain_When_the_person_answers_no_to_every_red_flag_Then_they_get_home_care_and_a_plan()
    {
        var (exit, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "34",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "m",
            _ when question.Contains("What set it off", StringComparison.Ordinal) => "1",
            _ when question.Contains("How many days ago", StringComparison.Ordinal) => "1",
            _ when question.Contains("getting better, staying the same", StringComparison.Ordinal) => "2",
            _ when question.Contains("0 (none) to 10", StringComparison.Ordinal) => "6",
            _ when question.Contains("low down, in the middle", StringComparison.Ordinal) => "1",
            _ when question.Contains("How many times before", StringComparison.Ordinal) => "0",
            _ when question.Contains("how many days have you already", StringComparison.Ordinal) => "1",
            _ => "n",
        });

        exit.ShouldBe(0);
        transcript.ShouldContain("You can care for this at home");
        transcript.ShouldContain("Your plan:");
        transcript.ShouldContain("ibuprofen");
        transcript.ShouldNotContain(Option(FindingCode.Pregnant));
        transcript.ShouldContain(Option(FindingCode.KidneyDisease), customMessage: "the medicine-safety page is asked for home care");
    }

    [Fact]
    public void Given_a_simple_strain_When_answered_Then_it_takes_at_most_thirteen_questions_after_age_and_sex()
    {
        var (_, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "34",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "m",
            _ when question.Contains("In your own words", StringComparison.Ordinal) => "",
            _ when question.Contains("What set it off", StringComparison.Ordinal) => "1",
            _ when question.Contains("How many days ago", StringComparison.Ordinal) => "1",
            _ when question.Contains("getting better, staying the same", StringComparison.Ordinal) => "2",
            _ when question.Contains("0 (none) to 10", StringComparison.Ordinal) => "6",
            _ when question.Contains("low down, in the middle", StringComparison.Ordinal) => "1",
            _ when question.Contains("How many times before", StringComparison.Ordinal) => "0",
            _ when question.Contains("how many days have you already", StringComparison.Ordinal) => "1",
            _ => "0",
        });

        transcript.ShouldContain("You can care for this at home");
        var prompted = transcript.Split("> ").Length - 1;
        prompted.ShouldBeLessThanOrEqualTo(3 + 13, "the free-text start, age, sex and 13 interview pages");
    }

    [Theory]
    [InlineData("1 3")]
    [InlineData("3,1")]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("none")]
    public void Given_the_health_history_list_When_numbers_or_none_are_typed_Then_the_answer_is_taken_and_the_interview_moves_on(string typed)
    {
        var (_, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "40",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "m",
            _ when question.Contains(InterviewText.GroupQuestion("health_history"), StringComparison.Ordinal) => typed,
            _ when question.Contains("What set it off", StringComparison.Ordinal) => "q",
            _ => "0",
        });

        var list = transcript[transcript.IndexOf(InterviewText.GroupQuestion("health_history"), StringComparison.Ordinal)..];
        list.ShouldContain("1. " + Option(FindingCode.CancerHistory));
        list.ShouldContain("2. " + Option(FindingCode.IvDrugUse));
        list.ShouldContain("3. " + Option(FindingCode.Immunosuppressed));
        list.ShouldContain("0. None of these");
        list.ShouldContain("What set it off");
        transcript.ShouldNotContain("Please type numbers from 1 to");
    }

    [Theory]
    [InlineData("")]
    [InlineData("9")]
    [InlineData("1 x")]
    [InlineData("yes")]
    public void Given_a_list_answer_that_is_not_understood_When_typed_Then_the_list_is_asked_again(string typed)
    {
        var tries = 0;
        var (_, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "40",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "m",
            _ when question.Contains(InterviewText.GroupQuestion("nerve_warning_signs"), StringComparison.Ordinal) => tries++ == 0 ? typed : "q",
            _ => "",
        });

        tries.ShouldBe(2);
        transcript.ShouldContain("Please type numbers from 1 to 8 for the ones that apply, or 0 if none of them do.");
        transcript.ShouldContain("Stopped.");
    }

    [Fact]
    public void Given_new_bladder_trouble_When_answered_Then_the_interview_stops_at_once_with_emergency_advice()
    {
        var (exit, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "52",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "f",
            _ when question.Contains(Option(FindingCode.BladderDysfunction), StringComparison.Ordinal) => "1",
            _ => "n",
        });

        exit.ShouldBe(0);
        transcript.ShouldContain("EMERGENCY");
        transcript.ShouldNotContain(InterviewText.GroupQuestion("body_warning_signs"), customMessage: "nothing more is asked after an emergency");
    }

    [Fact]
    public void Given_an_answer_that_is_not_understood_When_given_Then_the_question_is_asked_again()
    {
        var asked = 0;
        var (_, transcript) = Interview(question =>
        {
            if (question.Contains("How old", StringComparison.Ordinal))
            {
                return asked++ switch { 0 => "two hundred", 1 => "150", _ => "q" };
            }

            return question.Contains("In your own words", StringComparison.Ordinal) ? "" : "q";
        });

        transcript.ShouldContain("Please type a whole number from 0 to 120.");
        asked.ShouldBe(3);
    }

    [Fact]
    public void Given_the_person_quits_When_asked_Then_nothing_is_assessed_and_it_says_nothing_was_saved()
    {
        var (exit, transcript) = Interview(_ => "q");

        exit.ShouldBe(1);
        transcript.ShouldContain("Nothing was saved");
    }

    [Fact]
    public void Given_every_red_flag_When_a_non_emergency_result_is_given_Then_each_red_flag_question_was_asked()
    {
        var (_, transcript) = Interview(question => question switch
        {
            _ when question.Contains("How old", StringComparison.Ordinal) => "40",
            _ when question.Contains("female, male", StringComparison.Ordinal) => "",
            _ when question.Contains("What set it off", StringComparison.Ordinal) => "2",
            _ when question.Contains("How many", StringComparison.OrdinalIgnoreCase) => "3",
            _ when question.Contains("getting better", StringComparison.Ordinal) => "1",
            _ when question.Contains("0 (none) to 10", StringComparison.Ordinal) => "5",
            _ when question.Contains("low down", StringComparison.Ordinal) => "1",
            _ => "n",
        });

        foreach (var code in new[] { "bladder_dysfunction", "bowel_incontinence", "saddle_numbness", "sexual_dysfunction", "leg_paralysis",
                     "leg_weakness", "bilateral_leg_symptoms", "unsteady_walking", "chest_pain", "tearing_pain", "pulsatile_abdominal_mass",
                     "fever", "cancer_history", "iv_drug_use", "immunosuppressed", "recent_infection_or_procedure", "osteoporosis",
                     "long_term_steroids", "cannot_walk", "urinary_symptoms", "nausea_vomiting", "weight_loss", "night_pain",
                     "constant_progressive_pain", "leg_numbness", "sciatica" })
        {
            FindingCatalog.TryGet(code, out var definition).ShouldBeTrue();
            transcript.ShouldContain(Option(definition.Code));
        }

        transcript.ShouldContain(Option(FindingCode.Pregnant));
    }

    private static string Option(FindingCode code) => InterviewFlow.Questions.Single(q => q.Code == code).OptionText;

    /// <summary>A reader that answers each prompt by looking at the question most recently written.</summary>
    private sealed class ScriptedReader(StringWriter output, Func<string, string> answer, int maxQuestions) : TextReader
    {
        private int _consumed;
        private int _questions;

        public override string? ReadLine()
        {
            if (++_questions > maxQuestions)
            {
                return null;
            }

            var text = output.ToString();
            var fresh = text[_consumed..];
            _consumed = text.Length;
            return answer(fresh);
        }
    }
}
