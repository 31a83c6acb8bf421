using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

/// <summary>
/// What decision 0008 adds to the reader, one mechanism per table: whose words and whose symptoms, spelling as
/// people type it, text that is not plain ASCII, and text of any length read in one pass.
/// </summary>
public class ReadingAsPeopleWriteTests
{
    public static TheoryData<string, string> Writers => new()
    {
        { "Writing for my mum, she's 81. Since this morning she can't pass urine.", "other" },
        { "My husband (58) can't feel his legs properly since last night.", "other" },
        { "Dad 66, back pain 2 days, now cant pee at all", "other" },
        { "I'm her husband. She's 55 and her back has been bad for a week.", "other" },
        { "She hasn't been able to keep anything down since last night. Back pain four days.", "other" },
        { "My wife says I've been stumbling. My back hurts after a long drive.", "self" },
        { "My mum had breast cancer and I have back pain.", "self" },
        { "Lifted my nephew and felt a twinge in my lower back. Pain 4.", "self" },
        { "Slept 11 hours on a friend's sofa bed, woke up with lower back ache, 4/10.", "self" },
        { "I look after my dad who has Parkinson's. I'm 46. My back has been sore for two days since I caught him.", "self" },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public void Given_a_narrative_without_a_writer_When_read_Then_the_writer_is_worked_out_from_the_words(string text, string writer) =>
        NarrativeReader.Default.Read(text).Writer.WireName().ShouldBe(writer, text);

    [Theory]
    [InlineData("My brother had back surgery after he lost bladder control. I've never had anything like that, my back just aches.")]
    [InlineData("My mum had breast cancer. I have had back pain for three days.")]
    public void Given_someone_else_mentioned_in_passing_When_read_Then_their_findings_are_not_the_patients(string text)
    {
        var findings = NarrativeReader.Default.Read(text).Findings;
        findings[FindingCode.BladderDysfunction].ShouldBeFalse();
        findings[FindingCode.CancerHistory].ShouldBeFalse();
    }

    [Theory]
    [InlineData("Writing for my dad. He can't pass urine since last night.", "other", true)]
    [InlineData("He can't pass urine since last night.", "other", true)]
    [InlineData("He can't pass urine since last night. I'm fine myself.", "self", false)]
    public void Given_a_writer_When_a_statement_about_he_is_read_Then_it_is_the_patients_only_when_someone_writes_for_him(
        string text, string writer, bool bladder)
    {
        NarrativeWriterNames.TryParse(writer, out var given).ShouldBeTrue();
        NarrativeReader.Default.Read(text, given).Findings[FindingCode.BladderDysfunction].ShouldBe(bladder, text);
    }

    public static TheoryData<string, string> Spellings => new()
    {
        { "I have numbess in my left leg", "leg_numbness" },
        { "cant controll my blader since this morning", "bladder_dysfunction" },
        { "siatica down my leg to my foot", "sciatica" },
        { "temprature of 39 and back pain", "fever" },
        { "my legs feel paralized", "leg_paralysis" },
        { "been vomitting all night", "nausea_vomiting" },
        { "back went 2day liftin a sofa, pins n needles down my right leg", "leg_numbness" },
        { "Ah cannae feel masel when ah go fur a wee", "bladder_dysfunction" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Given_a_misspelling_or_a_texting_form_of_a_word_that_matters_When_read_Then_the_finding_is_read(string text, string key)
    {
        FindingCatalog.TryGet(key, out var definition).ShouldBeTrue();
        NarrativeReader.Default.Read(text).Findings[definition!.Code].ShouldBeTrue(text);
    }

    [Theory]
    [InlineData("There were fewer people at the gym. My back hurts.", "fever")]
    [InlineData("I was wearing heels when my back went.", "tearing_pain")]
    [InlineData("The nurse said I was afebrile. Back pain 2 days.", "fever")]
    [InlineData("I put my dog's bowl down and my back locked.", "bowel_incontinence")]
    public void Given_a_real_word_near_a_clinical_one_When_read_Then_it_is_not_corrected_into_a_finding(string text, string key)
    {
        FindingCatalog.TryGet(key, out var definition).ShouldBeTrue();
        NarrativeReader.Default.Read(text).Findings[definition!.Code].ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("ｉ ｃａｎ'ｔ ｐｅｅ since this morning", "bladder_dysfunction")]
    [InlineData("I can\u200Bt pee since this morning", "bladder_dysfunction")]
    [InlineData("I can\u2019t feel my bum when I wipe", "saddle_numbness")]
    [InlineData("numb\u00ADness in both legs", "bilateral_leg_symptoms")]
    [InlineData("I had cáncer de mama in 2019, now my back hurts", "cancer_history")]
    [InlineData("FIÈVRE since last night and my back is killing me", "fever")]
    [InlineData("since anoche I cannot orinar, only some drops", "bladder_dysfunction")]
    public void Given_full_width_letters_invisible_characters_accents_or_mixed_in_words_When_read_Then_they_read_as_plain_English(string text, string key)
    {
        FindingCatalog.TryGet(key, out var definition).ShouldBeTrue();
        var reading = NarrativeReader.Default.Read(text);
        reading.Findings[definition!.Code].ShouldBeTrue(text);

        // The evidence still points into the text as it was written.
        var evidence = reading.For(definition.Code)!;
        text.Substring(evidence.Start, evidence.Length).ShouldBe(evidence.Words);
    }

    [Theory]
    [InlineData("3wks of back pain", 21.0)]
    [InlineData("48 hours of this now", 2.0)]
    [InlineData("a week since I twisted it lifting a toolbox", 7.0)]
    [InlineData("Three and a half weeks since I lifted the Christmas tree.", 24.5)]
    [InlineData("It's no better after nine days.", 9.0)]
    public void Given_a_time_said_as_people_say_it_When_read_Then_it_is_the_onset(string text, double days) =>
        NarrativeReader.Default.Read(text).Findings.OnsetDays.ShouldBe(days, text);

    [Fact]
    public void Given_ten_thousand_characters_of_run_on_text_When_read_Then_findings_at_the_end_are_read_like_those_at_the_start()
    {
        // A clause of thousands of words (no full stops) is read in windows around each phrase, not as a whole.
        var filler = string.Concat(Enumerable.Repeat("and my back hurts and i did the shopping and walked the dog ", 200));
        var text = (filler + "and now i cant pee at all")[^NarrativeLimits.MaxLength..];
        text.Length.ShouldBe(NarrativeLimits.MaxLength);

        NarrativeReader.Default.Read(text).Findings[FindingCode.BladderDysfunction].ShouldBeTrue();
    }
}
