using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Clinical.Triage;

namespace BackCare.Clinical.Tests.Contract;

/// <summary>
/// The contract's "Reading a narrative" through the library call: who wrote it, what was left unasked, and no
/// disposition from words the engine could not read. The command line and the API are tested for the same
/// answers in Cli/AssessNarrativeTests and BackCare.Web.Tests/Api/NarrativeApiTests.
/// </summary>
public class NarrativeContractTests
{
    private const string Readable = "I lifted a box yesterday and my lower back hurts, pain 6 out of 10.";
    private static readonly Assessor Engine = new(NarrativeReader.Default);

    /// <summary>One narrative per kind the engine cannot read, with the message that follows "narrative: ".</summary>
    public static TheoryData<string, string> Unreadable()
    {
        var data = new TheoryData<string, string>();
        foreach (var (narrative, language) in new[]
        {
            ("me duele mucho la espalda y no puedo orinar", "Spanish"),
            ("estou com muita dor nas costas e nao consigo fazer xixi", "Portuguese"),
            ("j'ai tres mal au dos depuis hier et je ne peux pas uriner", "French"),
            ("ich habe seit gestern starke rueckenschmerzen und kann nicht pinkeln", "German"),
            ("bardzo boli mnie kregoslup i nie moge sikac", "Polish"),
            ("ho molto mal di schiena e non riesco a fare pipi", "Italian"),
            ("ik heb veel rugpijn en ik kan niet plassen", "Dutch"),
            ("dunden beri belim cok agriyor ve idrar yapamiyorum", "Turkish"),
            ("sobrang sakit ng likod ko at hindi ako makaihi", "Tagalog"),
            ("toi bi dau lung va khong di tieu duoc", "Vietnamese"),
            ("मेरी कमर में बहुत दर्द है और पेशाब नहीं हो रहा", "Hindi"),
            ("我腰很痛，尿不出来", "Chinese"),
            ("腰がすごく痛くて、おしっこが出ない", "Japanese"),
            ("허리가 너무 아프고 소변이 안 나와요", "Korean"),
            ("عندي ألم شديد في الظهر وما اقدر اتبول", "Arabic"),
            ("сильно болит спина и не могу помочиться", "Russian"),
            ("πονάει πολύ η μέση μου και δεν μπορώ να ουρήσω", "Greek"),
        })
        {
            data.Add(narrative, $"written in {language}, which BackCare cannot read yet; answer the questions instead");
        }

        const string cannotRead = "BackCare could not read anything about back pain in it; answer the questions instead";
        data.Add("asdfghjkl qwerty", cannotRead);
        data.Add("xkq zrtp wmvb fjdksl", cannotRead);
        data.Add("😭😭😭🔥", cannotRead);
        data.Add("12345 678 90", cannotRead);
        data.Add("!!! ??? ...", cannotRead);
        return data;
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Given_a_narrative_the_engine_cannot_read_When_evaluated_Then_it_is_an_error_naming_narrative_and_never_a_disposition(string narrative, string message)
    {
        var outcome = Engine.Evaluate(new AssessmentCase("u", 40, Sex.Female, narrative, findings: null));

        outcome.Result.ShouldBeNull();
        outcome.Id.ShouldBe("u");
        outcome.Error.ShouldBe(new FieldError("narrative", message));
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Given_an_unreadable_narrative_and_findings_When_evaluated_Then_the_findings_are_assessed_and_nothing_is_read(string narrative, string message)
    {
        var outcome = Engine.Evaluate(new AssessmentCase("f", 40, Sex.Female, narrative, new FindingSet { OnsetDays = 1 }));

        outcome.Error.ShouldBeNull(message);
        outcome.Result!.Read.ShouldBeNull();
    }

    [Fact]
    public void Given_the_same_narrative_When_checked_by_the_pages_Then_NarrativeCheck_gives_the_assessors_words()
    {
        const string narrative = "me duele mucho la espalda";

        var problem = NarrativeCheck.Problem(narrative, NarrativeReader.Default.Read(narrative));

        problem.ShouldBe(Engine.Evaluate(new AssessmentCase("p", 40, null, narrative, findings: null)).Error!.Message);
        NarrativeCheck.Problem(Readable, NarrativeReader.Default.Read(Readable)).ShouldBeNull();
    }

    [Theory]
    [InlineData(NarrativeLimits.MaxLength, true)]
    [InlineData(NarrativeLimits.MaxLength + 1, false)]
    public void Given_a_narrative_at_or_over_10000_characters_When_evaluated_Then_only_the_longer_one_is_an_error(int length, bool assessed)
    {
        var narrative = Readable + new string(' ', length - Readable.Length);

        var outcome = Engine.Evaluate(new AssessmentCase("l", 40, null, narrative, findings: null));

        (outcome.Result is not null).ShouldBe(assessed);
        if (!assessed)
        {
            outcome.Error!.Field.ShouldBe("narrative");
            outcome.Error.Message.ShouldContain("longer than 10,000 characters");
        }
    }

    [Theory]
    [InlineData(NarrativeWriter.Self, "self")]
    [InlineData(NarrativeWriter.Other, "other")]
    [InlineData(null, "self")]
    public void Given_a_writer_given_or_not_When_assessed_Then_read_names_the_writer(NarrativeWriter? writer, string expected)
    {
        var result = Engine.Assess(new AssessmentCase("w", 40, null, Readable, findings: null, writer));

        result.Read!.Writer.WireName().ShouldBe(expected);
    }

    public static TheoryData<string, string[], string[]> UnaskedRows => new()
    {
        { "I lifted a box yesterday, no fever, legs fine", ["fever", "leg_paralysis"], ["bladder_dysfunction", "bowel_incontinence", "saddle_numbness", "chest_pain"] },
        { "My back hurts and I have a fever", ["fever"], ["bladder_dysfunction", "bowel_incontinence", "leg_weakness", "cancer_history", "cannot_walk"] },
        { "Back spasm since yesterday. No fever, no chest pain, bladder and bowels normal, no numbness between my legs.", ["fever", "chest_pain", "bladder_dysfunction", "bowel_incontinence", "saddle_numbness"], ["leg_weakness", "tearing_pain"] },
    };

    [Theory]
    [MemberData(nameof(UnaskedRows))]
    public void Given_a_narrative_When_assessed_Then_read_lists_the_serious_findings_it_left_unasked_in_the_contracts_order(string narrative, string[] answered, string[] unasked)
    {
        var result = Engine.Assess(new AssessmentCase("q", 40, null, narrative, findings: null));

        var codes = result.Read!.Unasked.Select(c => c.Key()).ToList();
        codes.ShouldBe(UnaskedFindings.CanRaiseAlone.Where(c => !result.Findings!.IsAnswered(c)).Select(c => c.Key()));
        codes.ShouldBe(codes.OrderBy(k => FindingCatalog.All.ToList().FindIndex(d => d.Key == k)));
        codes.ShouldNotContain(k => answered.Contains(k));
        unasked.ShouldAllBe(k => codes.Contains(k));
    }

    [Fact]
    public void Given_a_narrative_about_only_a_fever_When_assessed_Then_every_other_serious_finding_is_unasked()
    {
        var result = Engine.Assess(new AssessmentCase("q", 40, null, "My back hurts and I have a fever", findings: null));

        result.Read!.Unasked.ShouldBe(UnaskedFindings.CanRaiseAlone.Where(c => c != FindingCode.Fever));
        result.Disposition.ShouldBe(Disposition.Urgent);
    }

    [Fact]
    public void Given_a_case_with_findings_When_assessed_Then_there_is_no_read_object()
    {
        var result = Engine.Assess(new AssessmentCase("f", 40, null, "I can't pee", new FindingSet { OnsetDays = 2 }));

        result.Read.ShouldBeNull();
        ResultWriter.ToJson(result).ShouldNotContain("\"read\"");
    }

    [Fact]
    public void Given_a_result_from_a_narrative_When_written_Then_read_comes_last_with_writer_and_unasked()
    {
        var result = Engine.Assess(new AssessmentCase("r", 40, null, "My back hurts and I have a fever", findings: null, NarrativeWriter.Other));

        var json = ResultWriter.ToJson(result);

        var unasked = string.Join(",", result.Read!.Unasked.Select(c => $"\"{c.Key()}\""));
        json.ShouldEndWith("\"read\":{\"writer\":\"other\",\"unasked\":[" + unasked + "]}}");
    }
}
