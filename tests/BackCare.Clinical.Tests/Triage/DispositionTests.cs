using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Triage;

public class DispositionTests
{
    [Fact]
    public void Given_an_emergency_and_a_routine_flag_together_When_assessed_Then_the_emergency_wins_and_both_are_named()
    {
        var result = Assess(45, """{"weight_loss":true,"saddle_numbness":true,"pain_score":5}""");

        result.Disposition.ShouldBe(Disposition.Emergency);
        result.RedFlags.ShouldBe([FindingCode.SaddleNumbness, FindingCode.WeightLoss], ignoreOrder: true);
        result.RuleIds().ShouldContain("cauda-equina-saddle");
        result.RuleIds().ShouldContain("weight-loss");
        result.Plan.ShouldBeNull();
    }

    [Fact]
    public void Given_no_red_flag_When_assessed_Then_it_is_home_care_with_a_plan_and_no_red_flags()
    {
        var result = Assess(34, """{"onset_days":1,"trigger":"lifting","pain_score":7,"course":"unchanged"}""");

        result.Disposition.ShouldBe(Disposition.SelfCare);
        result.RedFlags.ShouldBeEmpty();
        result.RuleIds().First().ShouldBe(TriageRules.NoRedFlagsRuleId);
        result.Plan.ShouldNotBeNull();
    }

    [Fact]
    public void Given_a_flag_answered_no_When_assessed_Then_it_is_not_named_as_a_red_flag()
    {
        var result = Assess(60, """{"osteoporosis":true,"long_term_steroids":false,"trigger":"lifting"}""");

        result.RedFlags.ShouldBe([FindingCode.Trigger, FindingCode.Osteoporosis], ignoreOrder: true);
    }

    [Theory]
    [InlineData("self_care")]
    [InlineData("routine")]
    [InlineData("urgent")]
    [InlineData("emergency")]
    public void Given_any_disposition_When_assessed_Then_the_result_carries_safety_net_advice(string disposition)
    {
        var findings = disposition switch
        {
            "routine" => """{"weight_loss":true}""",
            "urgent" => """{"fever":true}""",
            "emergency" => """{"chest_pain":true}""",
            _ => "{}",
        };

        var result = Assess(40, findings);

        result.Disposition.WireName().ShouldBe(disposition);
        result.Reasons[^1].Rule.ShouldBe(TriageRules.SafetyNetRuleId);
        result.Reasons[^1].Text.ShouldNotBeNullOrWhiteSpace();
    }

    // Saying yes to any true/false finding can only make the result as urgent or more: no red flag
    // may ever calm the engine down. Checked over many random cases.
    [Fact]
    public void Given_random_cases_When_any_finding_is_added_Then_the_disposition_never_falls()
    {
        var random = new Random(20261122);
        var booleans = FindingCatalog.All.Where(d => d.IsBoolean).Select(d => d.Code).ToArray();
        for (var n = 0; n < 2000; n++)
        {
            var findings = RandomFindings(random, booleans);
            var age = random.Next(0, 121);
            var before = Assessor.Assess(age, findings);
            CheckInvariants(before, findings);
            foreach (var code in booleans)
            {
                if (findings[code])
                {
                    continue;
                }

                var after = Assessor.Assess(age, findings.Copy().Set(code, true));
                ((int)after.Disposition).ShouldBeGreaterThanOrEqualTo((int)before.Disposition, $"adding {code.Key()} at age {age}");
            }
        }
    }

    private static void CheckInvariants(AssessmentResult result, FindingSet findings)
    {
        result.Reasons.ShouldNotBeEmpty();
        (result.Plan is not null).ShouldBe(result.Disposition <= Disposition.Routine);
        foreach (var flag in result.RedFlags)
        {
            (FindingCatalog.Get(flag).IsBoolean ? findings[flag] : findings.IsAnswered(flag)).ShouldBeTrue();
        }

        if (result.Plan is { } plan)
        {
            plan.MedicationClasses.Intersect(plan.AvoidClasses).ShouldBeEmpty();
            plan.Steps.Select(s => s.Day).ShouldBeInOrder();
        }
    }

    private static FindingSet RandomFindings(Random random, FindingCode[] booleans)
    {
        var findings = new FindingSet();
        foreach (var code in booleans)
        {
            if (random.Next(12) == 0)
            {
                findings.Set(code, true);
            }
        }

        if (random.Next(2) == 0)
        {
            findings.OnsetDays = random.Next(0, 200);
        }

        if (random.Next(2) == 0)
        {
            findings.Trigger = (PainTrigger)random.Next(0, 9);
        }

        if (random.Next(2) == 0)
        {
            findings.Course = (PainCourse)random.Next(0, 3);
        }

        if (random.Next(2) == 0)
        {
            findings.PainScore = random.Next(0, 11);
        }

        return findings;
    }

    public static TheoryData<string> PublicVignetteIds() =>
        new(ReadVignettes().Select(v => v.GetProperty("id").GetString()!));

    [Theory]
    [MemberData(nameof(PublicVignetteIds))]
    public void Given_a_public_vignette_When_assessed_from_its_findings_Then_the_disposition_is_the_expected_one(string id)
    {
        var vignette = ReadVignettes().Single(v => v.GetProperty("id").GetString() == id);
        var expect = vignette.GetProperty("expect");
        var caseJson = JsonSerializer.Serialize(new
        {
            id,
            age = vignette.GetProperty("age").GetInt32(),
            findings = vignette.GetProperty("findings"),
        });

        var read = CaseReader.Read(caseJson);
        var result = new Assessor(narrativeReader: null).Assess(read.Case!);

        result.Disposition.WireName().ShouldBe(expect.GetProperty("disposition").GetString());
        if (expect.TryGetProperty("avoid_classes", out var avoid))
        {
            foreach (var medicationClass in avoid.EnumerateArray())
            {
                result.Plan!.AvoidClasses.Select(c => c.WireName()).ShouldContain(medicationClass.GetString());
            }
        }
    }

    private static List<JsonElement> ReadVignettes() =>
        File.ReadLines(Path.Combine(SharedFolder(), "vignettes", "public.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
}
