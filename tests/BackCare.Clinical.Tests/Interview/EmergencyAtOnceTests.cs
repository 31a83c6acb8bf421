using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Tests.Interview;

/// <summary>An emergency in a person's own words is shown at once, before their age is known.</summary>
public class EmergencyAtOnceTests
{
    private static FindingSet Yes(params FindingCode[] codes)
    {
        var findings = new FindingSet();
        foreach (var code in codes)
        {
            findings.Set(code, true);
        }

        return findings;
    }

    [Theory]
    [InlineData(BladderDysfunction, "cauda-equina-bladder")]
    [InlineData(SaddleNumbness, "cauda-equina-saddle")]
    [InlineData(LegParalysis, "leg-paralysis")]
    [InlineData(ChestPain, "chest-pain")]
    [InlineData(TearingPain, "tearing-pain")]
    public void Given_an_emergency_sign_and_no_age_When_checked_Then_the_emergency_comes_with_its_own_reasons_and_no_plan(FindingCode sign, string rule)
    {
        var result = EmergencyAtOnce.From(Yes(sign)).ShouldNotBeNull();

        result.Disposition.ShouldBe(Disposition.Emergency);
        result.RedFlags.ShouldBe([sign]);
        result.Reasons.Select(r => r.Rule).ShouldBe([rule, TriageRules.SafetyNetRuleId]);
        result.Plan.ShouldBeNull();
    }

    [Fact]
    public void Given_a_major_injury_and_cannot_walk_When_checked_Then_it_is_an_emergency_at_once()
    {
        var findings = Yes(CannotWalk);
        FindingReader.TrySetChoice(Trigger, "major_trauma", findings).ShouldBeTrue();

        EmergencyAtOnce.From(findings).ShouldNotBeNull().Reasons.Select(r => r.Rule).ShouldContain("major-trauma-with-nerve-signs");
    }

    [Fact]
    public void Given_an_emergency_with_a_reason_that_depends_on_age_When_checked_Then_only_the_emergency_reasons_are_given()
    {
        var findings = Yes(BowelIncontinence);
        FindingReader.TrySetChoice(Trigger, "minor_fall", findings).ShouldBeTrue();

        var result = EmergencyAtOnce.From(findings).ShouldNotBeNull();

        result.Reasons.Select(r => r.Rule).ShouldBe(["cauda-equina-bowel", TriageRules.SafetyNetRuleId], "a fall is urgent only at 70 or over, an age not yet asked");
        result.RedFlags.ShouldBe([BowelIncontinence]);
    }

    [Theory]
    [InlineData(Fever)]
    [InlineData(LegWeakness)]
    [InlineData(CancerHistory)]
    [InlineData(Sciatica)]
    public void Given_signs_that_are_not_an_emergency_When_checked_Then_there_is_nothing_to_show_at_once(FindingCode sign)
    {
        EmergencyAtOnce.From(Yes(sign)).ShouldBeNull();
        EmergencyAtOnce.From(new FindingSet()).ShouldBeNull();
    }

    [Fact]
    public void Given_every_emergency_rule_When_its_signs_are_present_Then_the_emergency_does_not_wait_for_the_age()
    {
        // One firing row per emergency rule; a rule that one day reads the age fails here and must be thought about.
        foreach (var rule in TriageRules.All.Where(r => r.Disposition == Disposition.Emergency))
        {
            var findings = new FindingSet();
            foreach (var code in rule.Flags.Where(c => FindingCatalog.Get(c).IsBoolean))
            {
                findings.Set(code, true);
            }

            if (rule.Flags.Contains(Trigger))
            {
                FindingReader.TrySetChoice(Trigger, "major_trauma", findings).ShouldBeTrue();
            }

            EmergencyAtOnce.From(findings).ShouldNotBeNull(rule.Id).Reasons.Select(r => r.Rule).ShouldContain(rule.Id);
        }
    }
}
