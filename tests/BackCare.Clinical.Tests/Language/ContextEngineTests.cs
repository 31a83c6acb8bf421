using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

public class ContextEngineTests
{
    private static readonly ContextEngine Engine = ContextEngine.Default;

    [Theory]
    // Cues before the target, clinical and lay.
    [InlineData("No numbness or weakness.", "weakness", true)]
    [InlineData("I don't have a fever.", "fever", true)]
    [InlineData("I dont have a fever", "fever", true)]
    [InlineData("I don\u2019t have a fever", "fever", true)]
    [InlineData("I have never had cancer.", "cancer", true)]
    [InlineData("I haven't lost weight.", "lost weight", true)]
    [InlineData("No problems peeing.", "peeing", true)]
    [InlineData("The pain is not getting worse.", "worse", true)]
    [InlineData("Abdomen soft, without guarding or rebound.", "rebound", true)]
    [InlineData("Chest x-ray negative for pneumonia.", "pneumonia", true)]
    [InlineData("There is no evidence of fracture.", "fracture", true)]
    [InlineData("Lungs clear, no wheezes.", "wheezes", true)]
    [InlineData("GI ROS is -ve for change in bowel habit.", "change in bowel habit", true)]
    [InlineData("Low suspicion for cauda equina syndrome.", "cauda equina syndrome", true)]
    // Lists: the cue governs every item.
    [InlineData("Patient denies fever, chills or weight loss.", "weight loss", true)]
    [InlineData("Denies any chest pain, shortness of breath, nausea, vomiting or dysuria.", "dysuria", true)]
    [InlineData("No change in vision, diplopia or change in hearing.", "change in hearing", true)]
    // Cues after the target.
    [InlineData("Urine culture was negative.", "Urine culture", true)]
    [InlineData("Fracture was ruled out.", "Fracture", true)]
    [InlineData("Focal deficits are not present.", "Focal deficits", true)]
    [InlineData("His nausea and vomiting resolved.", "nausea", true)]
    [InlineData("Pain-free today.", "Pain", true)]
    // Scope ends at a contrast, a new clause or the end of the sentence.
    [InlineData("No fever but my leg is numb.", "numb", false)]
    [InlineData("No fever, however she has back pain.", "back pain", false)]
    [InlineData("Denies chills although he reports night sweats.", "night sweats", false)]
    [InlineData("No pain anywhere except the lower back.", "lower back", false)]
    [InlineData("I don't have a fever and I have numbness.", "numbness", false)]
    [InlineData("No bleeding, the patient remained stable.", "stable", false)]
    [InlineData("Showed no biliary dilatation and positive for gallstones.", "gallstones", false)]
    [InlineData("Not an option secondary to her known hemorrhage.", "hemorrhage", false)]
    [InlineData("Tolerates diet and walks without difficulty and bears weight.", "bears weight", false)]
    // Pseudo-negations look like a denial and are not one.
    [InlineData("There is not only pain but also numbness.", "pain", false)]
    [InlineData("No increase in weakness.", "weakness", false)]
    [InlineData("No significant change in the disc bulge.", "disc bulge", false)]
    [InlineData("Painkillers don't help the pain.", "pain", false)]
    [InlineData("No improvement in the leg pain.", "leg pain", false)]
    [InlineData("The pain is not getting better.", "pain", false)]
    [InlineData("She has no specific diagnosis for her abdominal pain.", "abdominal pain", false)]
    [InlineData("We do not know the cause of her pancreatitis.", "pancreatitis", false)]
    [InlineData("Gram negative rods in the urine.", "rods", false)]
    [InlineData("There is evidence of an infarct with negative deflections.", "infarct", false)]
    // A hedge is not a denial.
    [InlineData("Cannot rule out a fracture.", "fracture", false)]
    [InlineData("Fracture cannot be excluded.", "Fracture", false)]
    // Inability is a finding, not its absence.
    [InlineData("I can't pee.", "pee", false)]
    [InlineData("I am not able to control my bladder.", "control my bladder", false)]
    [InlineData("I have not been able to pee since yesterday.", "pee", false)]
    [InlineData("I've never felt pain like this.", "pain", false)]
    [InlineData("No fever, my leg is numb.", "leg is numb", false)]
    [InlineData("My back pain is bad.", "back pain", false)]
    public void Given_a_sentence_When_judged_Then_negation_is_read_from_the_words(string sentence, string target, bool negated)
    {
        Engine.Judge(sentence, target).Negated.ShouldBe(negated);
    }

    [Theory]
    [InlineData("History of cerebrovascular accident.", "cerebrovascular accident", Temporality.Historical)]
    [InlineData("Past medical history is significant for diabetes, asthma and gout.", "gout", Temporality.Historical)]
    [InlineData("He had a previous fracture of the wrist.", "fracture", Temporality.Historical)]
    [InlineData("I had a spinal injection three weeks ago.", "spinal injection", Temporality.Historical)]
    [InlineData("Back surgery years ago.", "Back surgery", Temporality.Historical)]
    [InlineData("It made her nauseated the last time she had it.", "nauseated", Temporality.Historical)]
    [InlineData("The patient is known to have chronic kidney disease.", "kidney disease", Temporality.Historical)]
    [InlineData("No history of seizure.", "seizure", Temporality.Historical)]
    [InlineData("I used to have sciatica.", "sciatica", Temporality.Historical)]
    [InlineData("I had sciatica when I was younger.", "sciatica", Temporality.Historical)]
    [InlineData("Slipped disc last year.", "Slipped disc", Temporality.Historical)]
    [InlineData("My back started hurting 2 days ago.", "back", Temporality.Recent)]
    [InlineData("I hurt my back a week ago.", "hurt my back", Temporality.Recent)]
    [InlineData("Female with a two-day history of fever and body aches.", "body aches", Temporality.Recent)]
    [InlineData("CLINICAL HISTORY: Lower back pain.", "Lower back pain", Temporality.Recent)]
    [InlineData("History of present illness: sudden back pain after lifting.", "back pain", Temporality.Recent)]
    [InlineData("History of diabetes who presents with back pain.", "back pain", Temporality.Recent)]
    [InlineData("Her leg is mottled as previously noted.", "leg is mottled", Temporality.Recent)]
    [InlineData("If I get a fever I will ring.", "fever", Temporality.Hypothetical)]
    [InlineData("Call if you develop numbness in the saddle area.", "numbness", Temporality.Hypothetical)]
    [InlineData("Return to the emergency department if he develops nausea, vomiting or fevers.", "fevers", Temporality.Hypothetical)]
    [InlineData("Should you notice weakness, come back.", "weakness", Temporality.Hypothetical)]
    [InlineData("She felt as if she was going to pass out.", "pass out", Temporality.Hypothetical)]
    [InlineData("Awake, alert and oriented.", "oriented", Temporality.Recent)]
    [InlineData("I have a fever.", "fever", Temporality.Recent)]
    public void Given_a_sentence_When_judged_Then_its_time_is_read_from_the_words(string sentence, string target, Temporality temporality)
    {
        Engine.Judge(sentence, target).Temporality.ShouldBe(temporality);
    }

    [Theory]
    [InlineData("My mother had cancer.", "cancer", Experiencer.Other)]
    [InlineData("Family history of colon cancer.", "colon cancer", Experiencer.Other)]
    [InlineData("FH is positive for a sister with colon polyps.", "colon polyps", Experiencer.Other)]
    [InlineData("Breast cancer in his mother.", "Breast cancer", Experiencer.Other)]
    [InlineData("His dad has back problems too.", "back problems", Experiencer.Other)]
    [InlineData("My mother says I have a fever.", "fever", Experiencer.Patient)]
    [InlineData("His wife reports he fell.", "fell", Experiencer.Patient)]
    [InlineData("I have back pain.", "back pain", Experiencer.Patient)]
    public void Given_a_sentence_When_judged_Then_whose_finding_it_is_is_read_from_the_words(string sentence, string target, Experiencer experiencer)
    {
        Engine.Judge(sentence, target).Experiencer.ShouldBe(experiencer);
    }

    [Theory]
    [InlineData("I think maybe my leg is weak.", "leg is weak", true)]
    [InlineData("Possible compression fracture.", "compression fracture", true)]
    [InlineData("Rule out pneumonia.", "pneumonia", true)]
    [InlineData("Fracture?", "Fracture", true)]
    [InlineData("Findings may be related to an old rib fracture.", "rib fracture", true)]
    [InlineData("A disc prolapse is likely.", "disc prolapse", true)]
    [InlineData("I'm not sure if my bladder is normal.", "bladder", true)]
    [InlineData("My leg is weak.", "leg is weak", false)]
    [InlineData("No fever.", "fever", false)]
    public void Given_a_sentence_When_judged_Then_a_hedge_marks_it_uncertain(string sentence, string target, bool uncertain)
    {
        var judgement = Engine.Judge(sentence, target);

        judgement.Uncertain.ShouldBe(uncertain);
        if (uncertain)
        {
            judgement.Negated.ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("Patient denies chest   pain.", "chest pain", true)]
    [InlineData("PATIENT DENIES CHEST PAIN.", "chest pain", true)]
    [InlineData("Chest pain. Denies fever.", "CHEST PAIN", false)]
    [InlineData("ALLERGIES: He has no known allergies.", "allergies", true)]
    [InlineData("He has a history of PE's in the past, but was not in keeping with a PE.", "PE", true)]
    public void Given_a_target_in_other_case_or_spacing_When_judged_Then_the_mention_is_found(string sentence, string target, bool negated)
    {
        Engine.Judge(sentence, target).Negated.ShouldBe(negated);
    }

    [Theory]
    [InlineData("Denies fever.", "headache", true)]
    [InlineData("Fever since Tuesday.", "headache", false)]
    public void Given_a_target_not_in_the_sentence_When_judged_Then_the_whole_sentence_is_judged(string sentence, string target, bool negated)
    {
        Engine.Judge(sentence, target).Negated.ShouldBe(negated);
    }

    [Theory]
    [InlineData("No fever but back pain.", 3, 5, true)]
    [InlineData("No fever but back pain.", 13, 9, false)]
    public void Given_a_target_span_When_judged_Then_that_span_is_judged(string sentence, int start, int length, bool negated)
    {
        Engine.Judge(sentence, start, length).Negated.ShouldBe(negated);
    }

    [Fact]
    public void Given_a_span_outside_the_sentence_When_judged_Then_it_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Engine.Judge("No fever.", 5, 10));
    }

    [Fact]
    public void Given_a_long_sentence_When_judged_Then_the_cue_is_still_read()
    {
        var sentence = string.Concat(Enumerable.Repeat("The wound looks clean and dry today. ", 20)) + "He denies fever.";

        Engine.Judge(sentence, "fever").Negated.ShouldBeTrue();
    }
}
