using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

/// <summary>
/// A message that names several people is about the one whose age and sex the case gives (the contract: the case's
/// age and sex are the patient's). What is said of the others is theirs, and a mismatch never turns a carer's message
/// about someone else's back into the writer's own.
/// </summary>
public class PatientOfTheCaseTests
{
    private const string FatherAndSon =
        "Asking for me and my lad. He's 17, does weights, sore low back two days, and he says he can't feel his bum on the saddle. "
        + "Me, 45, ten days of back pain and my right foot slaps when I walk.";

    private const string HusbandAndWife =
        "Moving day. I did my back in carrying boxes (I'm 70, a muscle thing). My wife is 68 and has osteoporosis, "
        + "she slipped on the ramp and has sharp pain in the middle of her back.";

    public static TheoryData<string, int, Sex, string, string, string> Cases => new()
    {
        { FatherAndSon, 45, Sex.Male, "self", "leg_weakness=true", "saddle_numbness" },
        { FatherAndSon, 17, Sex.Male, "other", "saddle_numbness=true", "leg_weakness" },
        { HusbandAndWife, 68, Sex.Female, "other", "osteoporosis=true", "" },
        { HusbandAndWife, 70, Sex.Male, "self", "", "osteoporosis" },
        {
            "I'm writing about my daughter Kerry (31) really, she has pain down the back of her leg. P.S. my own back has "
            + "been playing up since Monday too, and I wet the bed last night and never felt it coming.",
            58, Sex.Female, "self", "bladder_dysfunction=true", ""
        },
        {
            "My girlfriend pulled her back at yoga and now karma, my back hurts too and I've had a fever since this morning.",
            34, Sex.Male, "self", "fever=true", ""
        },
        {
            "57 yo woman. Sudden ripping pain from my chest through to my back, like something tore.",
            57, Sex.Female, "self", "tearing_pain=true", ""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_message_naming_several_people_When_read_with_the_cases_age_and_sex_Then_it_is_about_that_person(
        string text, int age, Sex sex, string writer, string must, string mustNot)
    {
        var reading = NarrativeReader.Default.Read(text, patient: new NarrativePatient(age, sex));

        reading.Writer.WireName().ShouldBe(writer);
        foreach (var pair in must.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            reading.Findings.ValueOf(Code(parts[0]))?.ToString()?.ToLowerInvariant().ShouldBe(parts[1], pair);
        }

        foreach (var key in mustNot.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            reading.Findings.IsAnswered(Code(key)).ShouldBeFalse(key);
        }
    }

    [Fact]
    public void Given_a_carer_writing_only_of_their_fathers_back_When_the_case_gives_the_carers_own_age_Then_the_father_is_still_the_patient()
    {
        // The form's age may be the writer's by mistake: a mismatch alone never drops what is said of the person written for.
        var reading = NarrativeReader.Default.Read(
            "Writing for my dad (80), his back is bad and he hasn't been able to pee since this morning.",
            patient: new NarrativePatient(50, Sex.Female));

        reading.Writer.ShouldBe(NarrativeWriter.Other);
        reading.Findings.ValueOf(FindingCode.BladderDysfunction).ShouldBe(true);
    }

    [Fact]
    public void Given_a_message_naming_several_people_When_read_without_the_cases_age_Then_the_words_alone_decide_and_the_age_can_change_it()
    {
        var withAge = NarrativeReader.Default.Read(FatherAndSon, patient: new NarrativePatient(45, Sex.Male));
        var without = NarrativeReader.Default.Read(FatherAndSon);

        // Alone, the words make the lad the patient: he is named first, with his age. The father's own age says otherwise.
        without.Writer.ShouldBe(NarrativeWriter.Other);
        without.Findings.ValueOf(FindingCode.SaddleNumbness).ShouldBe(true);
        withAge.Writer.ShouldBe(NarrativeWriter.Self);
        withAge.Findings.IsAnswered(FindingCode.SaddleNumbness).ShouldBeFalse();
    }

    [Fact]
    public void Given_a_case_with_two_people_When_assessed_through_the_contract_Then_the_cases_age_chooses_whose_signs_count()
    {
        var assessor = new Assessor(NarrativeReader.Default);

        assessor.Assess(new AssessmentCase("son", 17, Sex.Male, FatherAndSon, null)).Disposition.ShouldBe(Disposition.Emergency);
        assessor.Assess(new AssessmentCase("father", 45, Sex.Male, FatherAndSon, null)).Read!.Writer.ShouldBe(NarrativeWriter.Self);
    }

    private static FindingCode Code(string key)
    {
        FindingCatalog.TryGet(key, out var definition).ShouldBeTrue(key);
        return definition.Code;
    }
}
