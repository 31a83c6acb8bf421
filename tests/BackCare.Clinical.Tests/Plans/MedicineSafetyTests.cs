using BackCare.Clinical.Contract;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Plans;

public class MedicineSafetyTests
{
    // Each row: a finding (or age) that makes a class unsafe, the class, and the reason that must explain it.
    [Theory]
    [InlineData(40, "pregnant", "nsaid", "avoid-nsaid-pregnancy")]
    [InlineData(40, "pregnant", "topical_nsaid", "avoid-nsaid-pregnancy")]
    [InlineData(40, "kidney_disease", "nsaid", "avoid-nsaid-kidney")]
    [InlineData(40, "stomach_ulcer_or_bleeding", "nsaid", "avoid-nsaid-ulcer")]
    [InlineData(40, "blood_thinners", "nsaid", "avoid-nsaid-blood-thinners")]
    [InlineData(40, "nsaid_allergy_or_asthma", "nsaid", "avoid-nsaid-allergy-asthma")]
    [InlineData(40, "nsaid_allergy_or_asthma", "topical_nsaid", "avoid-nsaid-allergy-asthma")]
    [InlineData(40, "heart_disease", "nsaid", "avoid-nsaid-heart")]
    [InlineData(40, "liver_disease", "acetaminophen", "avoid-acetaminophen-liver")]
    [InlineData(40, "heavy_alcohol", "acetaminophen", "avoid-acetaminophen-alcohol")]
    [InlineData(40, "pregnant", "muscle_relaxant", "avoid-muscle-relaxant-pregnancy")]
    [InlineData(40, "heavy_alcohol", "muscle_relaxant", "avoid-muscle-relaxant-alcohol")]
    [InlineData(40, "liver_disease", "muscle_relaxant", "avoid-muscle-relaxant-liver")]
    [InlineData(65, null, "muscle_relaxant", "avoid-muscle-relaxant-older")]
    [InlineData(17, null, "muscle_relaxant", "avoid-muscle-relaxant-young")]
    public void Given_a_finding_that_makes_a_medicine_unsafe_When_planned_Then_the_class_is_avoided_with_its_reason(
        int age, string? finding, string medicationClass, string reason)
    {
        foreach (var disposition in new[] { "{}", """{"weight_loss":true}""" })
        {
            var findings = finding is null ? disposition : disposition.Replace("{", $"{{\"{finding}\":true,", StringComparison.Ordinal).Replace(",}", "}", StringComparison.Ordinal);

            var result = Assess(age, findings);

            var plan = result.Plan.ShouldNotBeNull();
            plan.AvoidClasses.Select(c => c.WireName()).ShouldContain(medicationClass);
            plan.MedicationClasses.Select(c => c.WireName()).ShouldNotContain(medicationClass);
            result.RuleIds().ShouldContain(reason);
        }
    }

    [Theory]
    [InlineData(40, "{}")]
    [InlineData(64, "{}")]
    [InlineData(18, """{"weight_loss":true}""")]
    public void Given_no_contraindication_When_planned_Then_nothing_is_avoided(int age, string findings)
    {
        var result = Assess(age, findings);

        result.Plan!.AvoidClasses.ShouldBeEmpty();
        result.RuleIds().ShouldNotContain(r => r.StartsWith("avoid-", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_no_contraindication_When_home_care_is_planned_Then_an_nsaid_is_first_and_acetaminophen_is_not_offered_alone()
    {
        var plan = Assess(40, "{}").Plan!;

        plan.MedicationClasses.ShouldBe([MedicationClass.Nsaid, MedicationClass.TopicalNsaid]);
    }

    [Fact]
    public void Given_nsaids_are_unsafe_When_planned_Then_acetaminophen_is_offered_instead()
    {
        var plan = Assess(40, """{"blood_thinners":true}""").Plan!;

        plan.MedicationClasses.ShouldContain(MedicationClass.Acetaminophen);
        plan.MedicationClasses.ShouldNotContain(MedicationClass.Nsaid);
    }

    [Fact]
    public void Given_a_routine_result_When_planned_Then_a_muscle_relaxant_is_offered_to_discuss_with_the_doctor()
    {
        var plan = Assess(40, """{"weight_loss":true}""").Plan!;

        plan.MedicationClasses.ShouldContain(MedicationClass.MuscleRelaxant);
        plan.Steps.ShouldContain(s => s.Source == "CASHIN-2021");
    }

    [Fact]
    public void Given_both_nsaids_and_acetaminophen_are_unsafe_When_planned_Then_the_plan_says_to_ask_a_pharmacist()
    {
        var result = Assess(40, """{"kidney_disease":true,"liver_disease":true,"nsaid_allergy_or_asthma":true}""");

        result.Plan!.MedicationClasses.ShouldBeEmpty();
        result.Plan.Steps.ShouldContain(s => s.Text.Contains("pharmacist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public void Given_age_around_65_When_planned_Then_nsaids_carry_a_caution_from_65(int age, bool caution)
    {
        Assess(age, "{}").RuleIds().Contains("caution-nsaid-over-65").ShouldBe(caution);
    }
}
