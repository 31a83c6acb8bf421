using BackCare.Clinical.Contract;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Triage;

public class TriageRuleTests
{
    // Each row: a case in which the rule must fire, and the disposition it must give at least.
    [Theory]
    [InlineData("cauda-equina-bladder", 40, """{"bladder_dysfunction":true}""", "emergency")]
    [InlineData("cauda-equina-bowel", 40, """{"bowel_incontinence":true}""", "emergency")]
    [InlineData("cauda-equina-saddle", 40, """{"saddle_numbness":true}""", "emergency")]
    [InlineData("cauda-equina-sexual", 40, """{"sexual_dysfunction":true}""", "emergency")]
    [InlineData("cauda-equina-both-legs", 40, """{"bilateral_leg_symptoms":true,"leg_weakness":true}""", "emergency")]
    [InlineData("cauda-equina-both-legs", 40, """{"bilateral_leg_symptoms":true,"unsteady_walking":true}""", "emergency")]
    [InlineData("leg-paralysis", 40, """{"leg_paralysis":true}""", "emergency")]
    [InlineData("leg-weakness-progressive", 40, """{"leg_weakness":true,"leg_weakness_progressive":true}""", "emergency")]
    [InlineData("leg-weakness-progressive", 40, """{"leg_weakness_progressive":true}""", "emergency")]
    [InlineData("cancer-with-nerve-signs", 60, """{"cancer_history":true,"leg_numbness":true}""", "emergency")]
    [InlineData("cancer-with-nerve-signs", 60, """{"cancer_history":true,"sciatica":true}""", "emergency")]
    [InlineData("infection-with-risk", 30, """{"fever":true,"iv_drug_use":true}""", "emergency")]
    [InlineData("infection-with-risk", 30, """{"fever":true,"immunosuppressed":true}""", "emergency")]
    [InlineData("infection-with-risk", 30, """{"fever":true,"recent_infection_or_procedure":true}""", "emergency")]
    [InlineData("infection-with-nerve-signs", 30, """{"fever":true,"leg_numbness":true}""", "emergency")]
    [InlineData("major-trauma-with-nerve-signs", 30, """{"trigger":"major_trauma","leg_numbness":true}""", "emergency")]
    [InlineData("major-trauma-with-nerve-signs", 30, """{"trigger":"major_trauma","cannot_walk":true}""", "emergency")]
    [InlineData("chest-pain", 50, """{"chest_pain":true}""", "emergency")]
    [InlineData("tearing-pain", 50, """{"tearing_pain":true}""", "emergency")]
    [InlineData("pulsatile-abdominal-mass", 70, """{"pulsatile_abdominal_mass":true}""", "emergency")]
    [InlineData("leg-weakness", 40, """{"leg_weakness":true}""", "urgent")]
    [InlineData("both-legs", 40, """{"bilateral_leg_symptoms":true}""", "urgent")]
    [InlineData("unsteady-walking", 40, """{"unsteady_walking":true}""", "urgent")]
    [InlineData("cancer-history", 60, """{"cancer_history":true}""", "urgent")]
    [InlineData("fever", 30, """{"fever":true}""", "urgent")]
    [InlineData("kidney-infection", 30, """{"fever":true,"urinary_symptoms":true}""", "urgent")]
    [InlineData("urinary-symptoms", 30, """{"urinary_symptoms":true}""", "urgent")]
    [InlineData("nausea-vomiting", 30, """{"nausea_vomiting":true}""", "urgent")]
    [InlineData("major-trauma", 30, """{"trigger":"major_trauma"}""", "urgent")]
    [InlineData("fragile-bones-strain", 70, """{"osteoporosis":true,"trigger":"minor_fall"}""", "urgent")]
    [InlineData("fragile-bones-strain", 50, """{"long_term_steroids":true,"trigger":"cough_sneeze"}""", "urgent")]
    [InlineData("fragile-bones-strain", 50, """{"long_term_steroids":true,"trigger":"lifting"}""", "urgent")]
    [InlineData("fragile-bones-strain", 50, """{"osteoporosis":true}""", "urgent")]
    [InlineData("older-fall", 70, """{"trigger":"minor_fall"}""", "urgent")]
    [InlineData("cannot-walk", 30, """{"cannot_walk":true}""", "urgent")]
    [InlineData("cancer-signs-together", 40, """{"weight_loss":true,"night_pain":true}""", "urgent")]
    [InlineData("cancer-signs-together", 40, """{"constant_progressive_pain":true,"onset_days":29,"course":"unchanged"}""", "urgent")]
    [InlineData("weight-loss", 40, """{"weight_loss":true}""", "routine")]
    [InlineData("night-pain", 40, """{"night_pain":true}""", "routine")]
    [InlineData("constant-progressive-pain", 40, """{"constant_progressive_pain":true}""", "routine")]
    [InlineData("first-episode-over-50", 51, """{"trigger":"none"}""", "routine")]
    [InlineData("first-episode-over-50", 51, """{"trigger":"unknown","previous_episodes":0}""", "routine")]
    [InlineData("young-lasting-pain", 17, """{"onset_days":15,"trigger":"none","course":"improving"}""", "routine")]
    [InlineData("young-athlete-extension", 25, """{"worse_with_extension":true,"trigger":"sport"}""", "routine")]
    [InlineData("inflammatory-back-pain", 30, """{"onset_days":91,"morning_stiffness":true,"better_with_exercise":true}""", "routine")]
    [InlineData("inflammatory-back-pain", 45, """{"onset_days":100,"morning_stiffness":true,"sleep_disturbed":true}""", "routine")]
    [InlineData("infection-risk", 30, """{"iv_drug_use":true}""", "routine")]
    [InlineData("infection-risk", 30, """{"recent_infection_or_procedure":true}""", "routine")]
    [InlineData("fragile-bones-no-injury", 60, """{"long_term_steroids":true,"trigger":"none"}""", "routine")]
    [InlineData("leg-numbness", 40, """{"leg_numbness":true}""", "routine")]
    [InlineData("sciatica-not-settling", 40, """{"sciatica":true,"onset_days":7,"course":"unchanged"}""", "routine")]
    [InlineData("pain-after-fatty-meals", 40, """{"pain_after_fatty_meals":true}""", "routine")]
    [InlineData("abdominal-pain", 40, """{"abdominal_pain":true}""", "routine")]
    [InlineData("lasting-over-four-weeks", 40, """{"onset_days":29,"course":"unchanged"}""", "routine")]
    [InlineData("lasting-over-four-weeks", 40, """{"onset_days":29}""", "routine")]
    [InlineData("not-better-after-a-week", 40, """{"onset_days":7,"course":"unchanged"}""", "routine")]
    [InlineData("not-better-after-a-week", 40, """{"onset_days":3,"self_care_days":7,"course":"worsening"}""", "routine")]
    [InlineData("worsening", 40, """{"onset_days":1,"course":"worsening"}""", "routine")]
    [InlineData("otc-no-relief", 40, """{"otc_no_relief":true}""", "routine")]
    [InlineData("severe-pain", 40, """{"pain_score":9}""", "routine")]
    [InlineData("daily-activities-impaired", 40, """{"daily_activities_impaired":true}""", "routine")]
    public void Given_a_case_with_the_red_flag_When_assessed_Then_the_rule_fires_and_sets_the_disposition(
        string ruleId, int age, string findings, string disposition)
    {
        var result = Assess(age, findings);

        result.RuleIds().ShouldContain(ruleId);
        ContractNames.TryParseDisposition(disposition, out var expected).ShouldBeTrue();
        ((int)result.Disposition).ShouldBeGreaterThanOrEqualTo((int)expected);
        TriageRules.All.Single(r => r.Id == ruleId).Disposition.ShouldBe(expected);
    }

    // Each row: a case next to the rule's edge (or without the flag) in which it must not fire.
    [Theory]
    [InlineData("cauda-equina-bladder", 40, """{"bladder_dysfunction":false}""")]
    [InlineData("cauda-equina-bowel", 40, """{"bowel_incontinence":false}""")]
    [InlineData("cauda-equina-saddle", 40, """{"saddle_numbness":false}""")]
    [InlineData("cauda-equina-sexual", 40, """{"sexual_dysfunction":false}""")]
    [InlineData("cauda-equina-both-legs", 40, """{"bilateral_leg_symptoms":true}""")]
    [InlineData("cauda-equina-both-legs", 40, """{"leg_weakness":true}""")]
    [InlineData("leg-paralysis", 40, """{"leg_weakness":true}""")]
    [InlineData("leg-weakness-progressive", 40, """{"leg_weakness":true}""")]
    [InlineData("cancer-with-nerve-signs", 60, """{"cancer_history":true}""")]
    [InlineData("cancer-with-nerve-signs", 60, """{"leg_numbness":true}""")]
    [InlineData("infection-with-risk", 30, """{"fever":true}""")]
    [InlineData("infection-with-risk", 30, """{"iv_drug_use":true}""")]
    [InlineData("infection-with-nerve-signs", 30, """{"fever":true,"sciatica":true}""")]
    [InlineData("major-trauma-with-nerve-signs", 30, """{"trigger":"major_trauma"}""")]
    [InlineData("major-trauma-with-nerve-signs", 30, """{"trigger":"minor_fall","leg_numbness":true}""")]
    [InlineData("chest-pain", 50, """{"chest_pain":false}""")]
    [InlineData("tearing-pain", 50, """{}""")]
    [InlineData("pulsatile-abdominal-mass", 70, """{"abdominal_pain":true}""")]
    [InlineData("leg-weakness", 40, """{"leg_numbness":true}""")]
    [InlineData("both-legs", 40, """{"sciatica":true}""")]
    [InlineData("unsteady-walking", 40, """{"unsteady_walking":false}""")]
    [InlineData("nausea-vomiting", 40, """{"abdominal_pain":true}""")]
    [InlineData("constant-progressive-pain", 40, """{"night_pain":true}""")]
    [InlineData("cancer-history", 60, """{"cancer_history":false}""")]
    [InlineData("fever", 30, """{"fever":false}""")]
    [InlineData("kidney-infection", 30, """{"urinary_symptoms":true}""")]
    [InlineData("urinary-symptoms", 30, """{"abdominal_pain":true}""")]
    [InlineData("major-trauma", 30, """{"trigger":"minor_fall"}""")]
    [InlineData("fragile-bones-strain", 50, """{"osteoporosis":true,"trigger":"none"}""")]
    [InlineData("fragile-bones-strain", 70, """{"trigger":"lifting"}""")]
    [InlineData("older-fall", 69, """{"trigger":"minor_fall"}""")]
    [InlineData("older-fall", 80, """{"trigger":"lifting"}""")]
    [InlineData("cannot-walk", 30, """{"cannot_walk":false}""")]
    [InlineData("cancer-signs-together", 40, """{"weight_loss":true}""")]
    [InlineData("cancer-signs-together", 40, """{"night_pain":true,"onset_days":29,"course":"improving"}""")]
    [InlineData("weight-loss", 40, """{"weight_loss":false}""")]
    [InlineData("night-pain", 40, """{"sleep_disturbed":true}""")]
    [InlineData("first-episode-over-50", 50, """{"trigger":"none"}""")]
    [InlineData("first-episode-over-50", 51, """{"trigger":"lifting"}""")]
    [InlineData("first-episode-over-50", 51, """{"trigger":"none","previous_episodes":1}""")]
    [InlineData("young-lasting-pain", 17, """{"onset_days":14,"trigger":"none"}""")]
    [InlineData("young-lasting-pain", 18, """{"onset_days":15,"trigger":"none"}""")]
    [InlineData("young-lasting-pain", 17, """{"onset_days":15,"trigger":"sport"}""")]
    [InlineData("young-athlete-extension", 26, """{"worse_with_extension":true,"trigger":"sport"}""")]
    [InlineData("young-athlete-extension", 20, """{"trigger":"sport"}""")]
    [InlineData("inflammatory-back-pain", 30, """{"onset_days":90,"morning_stiffness":true,"better_with_exercise":true}""")]
    [InlineData("inflammatory-back-pain", 46, """{"onset_days":91,"morning_stiffness":true,"better_with_exercise":true}""")]
    [InlineData("inflammatory-back-pain", 30, """{"onset_days":200,"morning_stiffness":true}""")]
    [InlineData("infection-risk", 30, """{"iv_drug_use":true,"fever":true}""")]
    [InlineData("fragile-bones-no-injury", 60, """{"long_term_steroids":true,"trigger":"lifting"}""")]
    [InlineData("leg-numbness", 40, """{"sciatica":true}""")]
    [InlineData("sciatica-not-settling", 40, """{"sciatica":true,"onset_days":6,"course":"unchanged"}""")]
    [InlineData("sciatica-not-settling", 40, """{"sciatica":true,"onset_days":10,"course":"improving"}""")]
    [InlineData("pain-after-fatty-meals", 40, """{"abdominal_pain":false}""")]
    [InlineData("abdominal-pain", 40, """{"abdominal_pain":false}""")]
    [InlineData("lasting-over-four-weeks", 40, """{"onset_days":28,"course":"unchanged"}""")]
    [InlineData("lasting-over-four-weeks", 40, """{"onset_days":60,"course":"improving"}""")]
    [InlineData("not-better-after-a-week", 40, """{"onset_days":6,"course":"unchanged"}""")]
    [InlineData("not-better-after-a-week", 40, """{"onset_days":14,"course":"improving"}""")]
    [InlineData("worsening", 40, """{"course":"unchanged"}""")]
    [InlineData("otc-no-relief", 40, """{"otc_no_relief":false}""")]
    [InlineData("severe-pain", 40, """{"pain_score":8}""")]
    [InlineData("daily-activities-impaired", 40, """{"daily_activities_impaired":false}""")]
    public void Given_a_case_without_the_red_flag_When_assessed_Then_the_rule_does_not_fire(string ruleId, int age, string findings)
    {
        Assess(age, findings).RuleIds().ShouldNotContain(ruleId);
    }

    [Fact]
    public void Given_the_rule_table_When_read_Then_every_rule_has_a_unique_id_text_and_a_source_from_the_brief()
    {
        TriageRules.All.Select(r => r.Id).ShouldBeUnique();
        foreach (var rule in TriageRules.All)
        {
            rule.Text.ShouldNotBeNullOrWhiteSpace();
            ClinicalText.SourceKeys.ShouldContain(rule.Source);
        }
    }

    [Fact]
    public void Given_the_rule_tables_When_compared_with_the_text_file_Then_no_text_is_left_without_a_rule()
    {
        var ids = TriageRules.All.Select(r => r.Id)
            .Concat(BackCare.Clinical.Plans.MedicineSafety.Rules.Select(r => r.Id))
            .Append(TriageRules.NoRedFlagsRuleId)
            .Concat(["safety-net-self-care", "safety-net-routine", "safety-net-urgent", "safety-net-emergency"]);

        ClinicalText.RuleIds.ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public void Given_every_rule_in_the_table_When_the_row_tables_are_read_Then_each_rule_has_a_firing_and_a_silent_row()
    {
        var firing = TableRules(nameof(Given_a_case_with_the_red_flag_When_assessed_Then_the_rule_fires_and_sets_the_disposition));
        var silent = TableRules(nameof(Given_a_case_without_the_red_flag_When_assessed_Then_the_rule_does_not_fire));

        foreach (var rule in TriageRules.All)
        {
            firing.ShouldContain(rule.Id, $"no row shows {rule.Id} firing");
            silent.ShouldContain(rule.Id, $"no row shows {rule.Id} silent");
        }
    }

    private static HashSet<string> TableRules(string method) =>
        typeof(TriageRuleTests).GetMethod(method)!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .ToHashSet();
}
