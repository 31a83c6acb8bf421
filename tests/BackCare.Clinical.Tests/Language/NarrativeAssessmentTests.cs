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
        { 58, "female", "I've had back pain for two days. This morning I couldn't pee at all even though I needed to.", "emergency" },
        { 52, "male", "I have numbness in both legs and they feel weak since last night, along with my back pain.", "emergency" },
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
        { 41, "male", "Hurt my back shifting a fridge on Sunday, it's been 3 days. Pain is 8/10. Legs fine, waterworks fine, no temperature.", "self_care" },
        { 56, "female", "For the past day I haven't been able to feel when I need a wee and my bottom feels numb. Back pain for a week.", "emergency" },
        { 33, "male", "My back has been bad for 4 days. Today my legs went weak and wobbly on the stairs.", "emergency" },
        { 71, "female", "I have thin bones. I lost my footing getting off the bus this morning and jarred my back. Pain 7.", "urgent" },
        { 26, "female", "I inject drugs. Back pain 1 week, fever and shivering since yesterday.", "emergency" },
        { 47, "male", "Low back ache 5 days, temp of 38.3 last night. Bladder fine.", "urgent" },
        { 64, "female", "Treated for breast cancer in 2016. New pain in my mid back for 3 weeks that keeps me up at night, nothing helps at night. Legs OK.", "urgent" },
        { 28, "male", "Lower back pain for 7 months, stiff for an hour when I get up, better after exercise, worse with rest.", "routine" },
        { 15, "male", "I do gymnastics. My lower back has hurt for four weeks and arching back makes it worse.", "routine" },
        { 43, "female", "Tweaked my back bending over the bath 12 days ago. Naproxen isn't helping and it's the same as it was. Pain 5.", "routine" },
        { 59, "male", "Aching low back for 10 weeks. No better, no worse.", "routine" },
        { 30, "female", "I'm 20 weeks pregnant. Back went yesterday when I picked up my son. About a 5. No leaking, no numbness.", "self_care" },
        { 68, "male", "I take rivaroxaban. Twisted my back reaching for a box yesterday, pain 6, easing a bit.", "self_care" },
        { 52, "male", "Sudden ripping pain in my back going through to my chest ten minutes ago.", "emergency" },
        { 38, "female", "Since this morning sharp pain in my left side coming in waves down to my groin, I've been sick twice.", "urgent" },
        { 25, "male", "Coughed this morning and my back locked. Pain 9 out of 10 but I can still walk. No numbness or weakness, no bladder or bowel problems, no fever.", "routine" },
        { 50, "female", "Someone drove into the back of my car on the motorway yesterday. My back hurts, legs feel normal, I can walk.", "urgent" },
        { 62, "male", "Back pain for 2 weeks, now pain going down my left leg past the knee and my left foot is dragging more each day.", "emergency" },
        { 35, "male", "Back pain for 4 days with pain going down my right leg to my foot. No weakness or numbness. Getting a little better.", "self_care" },
        { 66, "female", "New back pain for a month. I've lost 5 kilos without meaning to and the pain is there at night no matter how I lie.", "urgent" },
        { 45, "male", "Back spasm after moving furniture yesterday. I've had a bleeding stomach ulcer in the past and I have heart failure. Pain 6.", "self_care" },
        { 37, "female", "Second time my back has gone this year. Started yesterday after a long car journey and it's already a bit better.", "self_care" },
        { 44, "male", "Back pain for 8 days at 9/10, not changing. I need help getting dressed and washing.", "routine" },
        { 77, "female", "I've been on prednisolone for 5 years for my lungs. Yesterday I bent down to pick something up and felt a sudden pain in my back, 8/10.", "urgent" },
        { 39, "female", "Put my back out vacuuming on Tuesday, three days ago. It's a 6. No pins and needles, no weakness, passing water normally.", "self_care" },
        { 48, "male", "My back's been sore for 5 days and now I can't pass urine at all.", "emergency" },
        { 54, "female", "Back pain 2 days, both thighs tingling and my legs keep giving way.", "emergency" },
        { 69, "male", "I have prostate cancer that has spread. My back has hurt for a week and my legs feel heavy and weak.", "emergency" },
        { 32, "male", "I had a kidney transplant and take tacrolimus. Back pain for 3 days and I've been shivery with a fever.", "emergency" },
        { 58, "female", "Low back pain for 6 days and I keep getting hot and cold. No urinary symptoms.", "urgent" },
        { 23, "female", "I dance ballet. My back has hurt for 6 weeks, especially when I bend backwards.", "routine" },
        { 36, "male", "Back went lifting a pallet 2 weeks ago, still the same, ibuprofen does nothing. Pain 6.", "routine" },
        { 42, "female", "I've got back pain and feel sick and have been vomiting since this morning. No diarrhoea.", "urgent" },
        { 29, "male", "Sneezed and my back went this morning. Pain 7. I don't have any bladder or bowel problems and I can feel everything down there.", "self_care" },
        { 73, "male", "I fell over in the garden yesterday and hurt my lower back. It's about 6.", "urgent" },
        { 47, "female", "My back has hurt for 2 days after gardening. My sister had spinal cancer. I feel fine otherwise. Pain 5.", "self_care" },
        { 40, "male", "My back twinged when I picked up a bag of cement yesterday. Pain is around 5/10. Haven't noticed any numbness or problems going to the toilet.", "self_care" },
        { 61, "female", "I woke up unable to feel my vagina or bottom properly and my back is agony.", "emergency" },
        { 34, "female", "Back pain since I fell off my horse two days ago. My legs are ok.", "urgent" },
        { 45, "male", "I had a steroid injection in my spine last month and now I've got a temperature of 38.6 and my back is worse.", "emergency" },
        { 52, "male", "Lower back pain for 3 days after lifting. I have had a heart attack and take aspirin every day and clopidogrel. Pain 6.", "self_care" },
        { 30, "female", "Back has been sore for a fortnight, not improving, pain 5. I'm breastfeeding.", "routine" },
        { 27, "male", "I'm not sure but I think my right leg might be a bit weak since yesterday. Back pain 3 days after football.", "urgent" },
        { 49, "female", "My back hurts. I don't have a fever. I'm not pregnant. I haven't lost any weight. I haven't had cancer.", "self_care" },
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
