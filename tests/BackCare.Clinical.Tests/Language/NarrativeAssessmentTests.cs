using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

/// <summary>
/// Whole narratives in the style of the public vignettes, written for these tests, assessed through the
/// contract's library call with no structured findings: the reader's reading must lead to the disposition a
/// clinician reading the same words would give. Many carry denials, history, other people or doubt.
/// </summary>
public class NarrativeAssessmentTests
{
    private static readonly Assessor Assessor = new(NarrativeReader.Default);

    public static TheoryData<int, string, string, string> Narratives => new()
    {
        { 45, "male", "I bent over to pick up my dog's bowl this morning and my back locked. Pain 7 out of 10. No numbness, no tingling, bladder and bowels normal, no fever.", "self_care" },
        { 33, "female", "Lower back spasm since yesterday after a spin class. It's about a 6. My legs feel fine and I'm peeing normally.", "self_care" },
        { 52, "male", "My back has been hurting for 4 days. Today I noticed I can't feel the toilet paper when I wipe and I nearly wet myself.", "emergency" },
        { 41, "female", "Since last night both my legs have been tingling and my right leg feels weak. Back pain started 3 days ago after gardening.", "emergency" },
        { 60, "male", "I had bowel cancer five years ago. Now my back hurts and my left leg has gone numb.", "emergency" },
        { 35, "male", "I use needles to inject speed. My back hurts a lot and I've had chills and sweats for two days.", "emergency" },
        { 29, "female", "My back hurts and I have a temperature of 38.7. I had an epidural for my baby's birth six weeks ago.", "emergency" },
        { 55, "male", "Sudden crushing pain in my chest going into my back, and I'm short of breath.", "emergency" },
        { 70, "male", "I have a pulsating lump in my tummy and a deep ache in my back since this afternoon.", "emergency" },
        { 38, "male", "I fell off the roof yesterday and now I can't move my legs.", "emergency" },
        { 48, "female", "My back pain is getting worse and my right foot is getting weaker every day, I keep catching my toes.", "emergency" },
        { 44, "female", "I think maybe I've leaked a little urine since the pain started two days ago, I'm not sure.", "emergency" },
        { 36, "male", "Back went while lifting weights at the gym 2 days ago. Pain 8/10. No weakness, no numbness, no problems with my waterworks. I can walk but slowly.", "self_care" },
        { 27, "female", "I've had low back pain for 3 days after moving house. Ibuprofen helps a bit. I'm not pregnant. Pain about a 5.", "self_care" },
        { 39, "male", "Back pain for two weeks, not getting any better. Paracetamol and ibuprofen haven't touched it. No leg symptoms.", "routine" },
        { 47, "female", "My lower back has ached for 6 weeks. It's no better and no worse. Nothing else.", "routine" },
        { 31, "male", "Pain shooting down the back of my right leg to my foot for 10 days, not improving. No weakness.", "routine" },
        { 58, "female", "Back pain that started for no reason a week ago. Never had back trouble before. Pain 5.", "routine" },
        { 22, "male", "I'm a fast bowler at cricket. Lower back pain for a month, worse when I arch backwards.", "routine" },
        { 34, "female", "My back has been stiff for 6 months, worst in the mornings for about an hour, it eases when I go for a walk and it wakes me at night.", "routine" },
        { 42, "male", "Back pain for 5 days and I feel sick and have been vomiting.", "urgent" },
        { 50, "female", "Pain in my back and side for a day, it burns when I pee and I'm going all the time.", "urgent" },
        { 66, "female", "I'm on prednisolone for my lungs for the last two years. I twisted getting out of bed yesterday and my mid back really hurts.", "urgent" },
        { 75, "female", "I tripped over the rug yesterday and landed on my bottom. Now my lower back is very sore.", "urgent" },
        { 54, "male", "I had a melanoma removed 10 years ago, all clear since. I've had back pain for 3 weeks. My legs are fine.", "urgent" },
        { 46, "male", "I was knocked off my motorbike this morning. My back hurts but I can walk and my legs work.", "urgent" },
        { 61, "female", "New back pain for a month. I've lost weight without trying and the pain is constant and getting worse.", "urgent" },
        { 40, "male", "My back hurts and my legs feel a bit weak when I walk, both of them.", "emergency" },
        { 37, "female", "I can't stand or walk because of the back pain since this morning. No numbness.", "urgent" },
        { 43, "male", "I have a fever and I've had back pain for three days. No other symptoms.", "urgent" },
        { 30, "female", "Back spasm after sneezing two days ago. It's a 7. My mother had breast cancer but I've never had it.", "self_care" },
        { 49, "male", "My dad had a stroke and my brother has bad kidneys. I hurt my back digging in the garden yesterday. Pain 6.", "self_care" },
        { 26, "female", "If my legs go numb should I worry? Right now I just have a sore lower back since lifting a box on Monday, pain 4.", "self_care" },
        { 57, "male", "Twisted my back playing golf 3 days ago. Pain 6. I take clopidogrel after a stent. Getting a bit better.", "self_care" },
        { 63, "female", "I had sciatica 8 years ago. This time the pain is just in my lower back, started yesterday after lifting my grandson. No pain in my legs.", "self_care" },
        { 35, "male", "I hurt my back at work lifting a pallet 4 days ago. It's slowly easing. I drink about 6 pints every night.", "self_care" },
        { 28, "female", "I'm 30 weeks pregnant and my back seized up this morning when I bent down. No bleeding, no fever, no leaking.", "self_care" },
        { 45, "female", "Back pain for 3 days after lifting. I have asthma and ibuprofen makes it worse. Pain 6.", "self_care" },
        { 53, "male", "Pulled my back lifting the lawnmower 2 days ago. I have a stomach ulcer. Pain about 7. No other problems.", "self_care" },
        { 32, "male", "My back has been killing me for 2 days since I slept funny. It's about an 8 and I can't get comfortable. Legs are fine, no bladder issues.", "self_care" },
        { 44, "female", "Three weeks of lower back pain, no better. I can't put my socks on by myself.", "routine" },
        { 51, "male", "Back pain for 9 days, constant but not getting worse. No weakness. Ibuprofen helps.", "routine" },
        { 24, "female", "Third time my back has gone this year, this one after hoovering two days ago. Pain 5, already a bit better.", "self_care" },
        { 38, "male", "My back hurts after a long drive yesterday. My wife says I've been stumbling when I walk.", "urgent" },
        { 67, "male", "Lower back pain for two days, started while shovelling snow. I'm on warfarin. Pain 7.", "self_care" },
        { 19, "male", "Back pain after rugby training 3 days ago. Pain 6. No numbness or weakness in my legs.", "self_care" },
    };

    [Theory]
    [MemberData(nameof(Narratives))]
    public void Given_only_a_narrative_When_assessed_Then_the_disposition_is_the_one_its_words_call_for(int age, string sex, string narrative, string expected)
    {
        FindingCatalog.TryParseChoice<Sex>(FindingCatalog.SexValues, sex, out var personSex).ShouldBeTrue();
        var result = Assessor.Assess(new AssessmentCase("n", age, personSex, narrative, findings: null));

        result.Disposition.WireName().ShouldBe(expected, narrative);
        result.Reasons.ShouldNotBeEmpty();
    }

    [Fact]
    public void Given_a_case_with_only_a_narrative_When_assessed_Then_the_findings_come_from_the_reader()
    {
        var result = Assessor.Assess(new AssessmentCase("n1", 52, Sex.Female, "Since this morning I've been leaking urine.", findings: null));

        result.Disposition.ShouldBe(Disposition.Emergency);
        result.RedFlags.ShouldContain(FindingCode.BladderDysfunction);
        result.Findings![FindingCode.BladderDysfunction].ShouldBeTrue();
    }

    [Fact]
    public void Given_a_case_with_findings_and_a_narrative_When_assessed_Then_the_findings_win()
    {
        var findings = new FindingSet { OnsetDays = 1, Trigger = PainTrigger.Lifting };
        var result = Assessor.Assess(new AssessmentCase("n2", 34, Sex.Male, "I've been leaking urine.", findings));

        result.Disposition.ShouldBe(Disposition.SelfCare);
    }

    [Theory]
    [InlineData("I lifted a box yesterday and hurt my back. I think maybe I have a bit of a fever.", "I lifted a box yesterday and hurt my back. No fever.")]
    [InlineData("My back went yesterday lifting. I'm not sure if it's numb down there.", "My back went yesterday lifting. It's not numb down there.")]
    [InlineData("Back pain since yesterday after lifting. Maybe my leg is a bit weak, I can't tell.", "Back pain since yesterday after lifting. My leg isn't weak.")]
    public void Given_a_red_flag_the_person_is_unsure_of_When_assessed_Then_the_result_is_more_urgent_than_when_they_deny_it(string unsure, string denied)
    {
        var hedged = Assessor.Assess(new AssessmentCase("u", 40, Sex.Female, unsure, findings: null));
        var clear = Assessor.Assess(new AssessmentCase("d", 40, Sex.Female, denied, findings: null));

        ((int)hedged.Disposition).ShouldBeGreaterThan((int)clear.Disposition);
        hedged.RedFlags.ShouldNotBeEmpty();
    }

    [Fact]
    public void Given_random_text_When_read_Then_the_reader_never_throws()
    {
        var random = new Random(20261122);
        string[] words = ["no", "not", "pain", "back", "leg", "legs", "numb", "for", "3", "days", "ago", "since", "the", "past", "in",
            "last", "years", "a", "few", "of", "10", "/", "out", "temperature", "38.5", ",", ".", "if", "my", "mum", "had", "cancer",
            "wet", "myself", "can't", "walk", "-", "'s", "!", "?", "two", "weeks", "pregnant", "about", "over", "an", "hour"];
        for (var n = 0; n < 2000; n++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(0, 25)).Select(_ => words[random.Next(words.Length)]));
            Should.NotThrow(() => NarrativeReader.Default.Read(text), text);
        }
    }
}
