using BackCare.Cli;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Cli;

/// <summary>The interview's free-text start: read, shown back, corrected, and only what is left is asked.</summary>
public class InterviewNarrativeTests
{
    /// <summary>How a finding is asked: its own question, or its option in a tick-all-that-apply group.</summary>
    private static string Question(FindingCode code) =>
        InterviewFlow.Steps.Single(s => s.Questions.Any(q => q.Code == code)) is { IsGroup: true } step
            ? step.Questions.Single(q => q.Code == code).OptionText
            : FindingCatalog.Get(code).Question;

    private static (int Exit, string Transcript, List<string> Asked) Interview(string narrative, Func<string, string> answer)
    {
        var output = new StringWriter();
        var asked = new List<string>();
        var input = new ScriptedReader(output, prompt =>
        {
            asked.Add(prompt);
            if (prompt.Contains("In your own words", StringComparison.Ordinal))
            {
                return narrative;
            }

            return answer(prompt);
        });
        var exit = new InterviewSession(input, output).Run();
        return (exit, output.ToString(), asked);
    }

    private static string Routine(string prompt) => prompt switch
    {
        _ when prompt.Contains("How old", StringComparison.Ordinal) => "34",
        _ when prompt.Contains("female, male", StringComparison.Ordinal) => "m",
        _ when prompt.Contains("Is that right?", StringComparison.Ordinal) => "y",
        _ when prompt.Contains("What set it off", StringComparison.Ordinal) => "1",
        _ when prompt.Contains("How many days ago", StringComparison.Ordinal) => "1",
        _ when prompt.Contains("getting better, staying the same", StringComparison.Ordinal) => "2",
        _ when prompt.Contains("0 (none) to 10", StringComparison.Ordinal) => "6",
        _ when prompt.Contains("low down, in the middle", StringComparison.Ordinal) => "1",
        _ when prompt.Contains("How many times before", StringComparison.Ordinal) => "0",
        _ when prompt.Contains("how many days have you already", StringComparison.Ordinal) => "1",
        _ => "n",
    };

    [Fact]
    public void Given_a_free_text_start_When_read_Then_what_was_understood_is_shown_with_the_words_it_came_from()
    {
        var (exit, transcript, _) = Interview("I lifted a sofa yesterday and my lower back went. About 7 out of 10. No numbness, no bladder problems, no fever.", Routine);

        exit.ShouldBe(0);
        transcript.ShouldContain("Here is what we understood:");
        transcript.ShouldContain("Fever or chills: no   [from \"no fever\"]");
        transcript.ShouldContain("What set it off: Lifting something   [from \"lifted\"]");
        transcript.ShouldContain("Worst pain in the last day (0 to 10): 7");
        transcript.ShouldContain("Days since the pain started: 1");
    }

    [Fact]
    public void Given_a_free_text_start_When_the_interview_goes_on_Then_only_the_red_flag_questions_the_text_did_not_answer_are_asked()
    {
        var (_, transcript, asked) = Interview("I lifted a sofa yesterday and my lower back went. About 7 out of 10. No numbness, no bladder problems, no fever.", Routine);

        var questions = string.Join("\n", asked);
        questions.ShouldNotContain(Question(FindingCode.BladderDysfunction));
        questions.ShouldNotContain(Question(FindingCode.Fever));
        questions.ShouldNotContain(Question(FindingCode.Trigger));
        questions.ShouldNotContain(Question(FindingCode.OnsetDays));
        questions.ShouldNotContain(Question(FindingCode.PainScore));
        questions.ShouldContain(Question(FindingCode.BowelIncontinence));
        questions.ShouldContain(Question(FindingCode.SaddleNumbness));
        questions.ShouldContain(Question(FindingCode.CancerHistory));
        transcript.ShouldContain("You can care for this at home");
    }

    [Fact]
    public void Given_a_misread_finding_When_the_person_corrects_it_Then_their_answer_replaces_it_and_the_result_follows_it()
    {
        var corrected = false;
        var (_, transcript, asked) = Interview("I lifted a box yesterday and I have a fever.", prompt =>
        {
            if (prompt.Contains("Is that right?", StringComparison.Ordinal))
            {
                if (corrected)
                {
                    return "";
                }

                corrected = true;
                var line = prompt.Split('\n').First(l => l.Contains("Fever or chills: yes", StringComparison.Ordinal));
                return line.Trim().Split('.')[0];
            }

            return Routine(prompt);
        });

        corrected.ShouldBeTrue();
        asked.Count(prompt => prompt.Contains(FindingCatalog.Get(FindingCode.Fever).Question, StringComparison.Ordinal)).ShouldBe(1);
        asked.ShouldNotContain(prompt => prompt.Contains(Question(FindingCode.Fever), StringComparison.Ordinal), "the corrected answer is not asked again");
        transcript.ShouldContain("Fever or chills: no   [your answer]");
        transcript.ShouldContain("You can care for this at home");
    }

    [Theory]
    [InlineData("Since this morning I've been leaking urine and it's numb down there.")]
    [InlineData("since this morning I can't feel when I need to pee and my bum is numb")]
    public void Given_an_emergency_sign_in_the_text_When_read_Then_the_emergency_is_printed_at_once_before_age_sex_or_anything_else(string narrative)
    {
        var (exit, transcript, asked) = Interview(narrative, Routine);

        exit.ShouldBe(0);
        asked.Count.ShouldBe(1, "only the free-text start is asked");
        transcript.ShouldContain("EMERGENCY: call your emergency number");
        transcript.ShouldNotContain("How old are you?");
        transcript.ShouldNotContain("female, male");
        transcript.ShouldNotContain("Is that right?");
        transcript.ShouldContain("What raised our concern:");
        transcript.ShouldNotContain("Your plan:");
    }

    [Fact]
    public void Given_a_text_that_leaves_red_flags_unasked_When_the_interview_goes_on_Then_every_unasked_question_comes_before_the_result_and_before_the_other_questions()
    {
        const string narrative = "I hurt my back lifting a box yesterday, it's about a 6";
        var reading = NarrativeReader.Default.Read(narrative);
        reading.Unasked.ShouldContain(FindingCode.BladderDysfunction);
        reading.Unasked.ShouldContain(FindingCode.Fever);

        var (exit, transcript, asked) = Interview(narrative, Routine);

        exit.ShouldBe(0);
        var result = transcript.IndexOf("You can care for this at home", StringComparison.Ordinal);
        result.ShouldBeGreaterThan(0);
        var firstOtherQuestion = transcript.IndexOf(FindingCatalog.Get(FindingCode.Course).Question, StringComparison.Ordinal);
        firstOtherQuestion.ShouldBeGreaterThan(0);
        foreach (var code in reading.Unasked.Where(AskedWhateverTheAnswers))
        {
            var question = transcript.IndexOf(Question(code), StringComparison.Ordinal);
            question.ShouldBeGreaterThan(0, $"{code.Key()} was left unasked by the words, so it is asked");
            question.ShouldBeLessThan(firstOtherQuestion, $"{code.Key()} is asked before how the pain is going");
            question.ShouldBeLessThan(result, $"{code.Key()} is asked before the result");
        }

        asked.ShouldNotContain(prompt => prompt.Contains(FindingCatalog.Get(FindingCode.PainScore).Question, StringComparison.Ordinal));
    }

    /// <summary>False for a follow-up such as "is the weakness getting worse", asked only after a yes.</summary>
    private static bool AskedWhateverTheAnswers(FindingCode code) =>
        InterviewFlow.Questions.Single(q => q.Code == code).AskWhen(34, Sex.Male, new FindingSet());

    [Fact]
    public void Given_a_red_flag_the_person_was_unsure_of_When_the_interview_goes_on_Then_it_is_asked_rather_than_assumed()
    {
        var (_, transcript, asked) = Interview("I lifted a box yesterday. Maybe I have a bit of a fever, I'm not sure.", Routine);

        transcript.ShouldContain("you did not sound sure, so we will ask");
        asked.ShouldContain(prompt => prompt.Contains(Question(FindingCode.Fever), StringComparison.Ordinal));
        transcript.ShouldContain("You can care for this at home");
    }

    [Fact]
    public void Given_an_empty_free_text_start_When_the_person_presses_enter_Then_every_question_is_asked_as_before()
    {
        var (_, _, asked) = Interview("", Routine);

        asked.ShouldContain(prompt => prompt.Contains(Question(FindingCode.BladderDysfunction), StringComparison.Ordinal));
        asked.ShouldContain(prompt => prompt.Contains(Question(FindingCode.Fever), StringComparison.Ordinal));
        asked.ShouldNotContain(prompt => prompt.Contains("Here is what we understood", StringComparison.Ordinal));
    }

    /// <summary>Answers each prompt by looking at what was written since the last answer.</summary>
    private sealed class ScriptedReader(StringWriter output, Func<string, string> answer) : TextReader
    {
        private int _consumed;
        private int _answers;

        public override string? ReadLine()
        {
            if (++_answers > 200)
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
