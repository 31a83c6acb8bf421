using System.Text.Json.Nodes;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Interop.Fhir;
using static BackCare.Interop.Tests.TestData;

namespace BackCare.Interop.Tests.Fhir;

public class QuestionnaireRoundTripTests
{
    /// <summary>Every finding code with every kind of value it can take: both answers, each choice, a number.</summary>
    public static TheoryData<string, string> EveryFindingValue()
    {
        var data = new TheoryData<string, string>();
        foreach (var definition in FindingCatalog.All)
        {
            switch (definition.Kind)
            {
                case FindingKind.Boolean:
                    data.Add(definition.Key, "true");
                    data.Add(definition.Key, "false");
                    break;
                case FindingKind.Choice:
                    foreach (var choice in definition.Choices!)
                    {
                        data.Add(definition.Key, $"\"{choice}\"");
                    }

                    break;
                case FindingKind.WholeNumber:
                    data.Add(definition.Key, "0");
                    data.Add(definition.Key, definition.Key == "pain_score" ? "10" : "4");
                    break;
                case FindingKind.Number:
                    data.Add(definition.Key, "0");
                    data.Add(definition.Key, "2.5");
                    break;
            }
        }

        return data;
    }

    [Fact]
    public void Given_the_finding_catalog_When_the_round_trip_table_is_built_Then_it_covers_every_code()
    {
        var covered = EveryFindingValue().Select(row => (string)row[0]).ToHashSet();

        covered.ShouldBe(FindingCatalog.All.Select(d => d.Key).ToHashSet(), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(EveryFindingValue))]
    public void Given_a_finding_When_written_as_a_QuestionnaireResponse_and_read_back_Then_it_has_the_same_value(string code, string valueJson)
    {
        var assessment = Assessment("a-1", "p-1", Monday, 40, $$"""{"{{code}}":{{valueJson}}}""");
        var expected = assessment.Case.Findings!;

        var answers = QuestionnaireResponseReader.Read(Roundtrip(Mapper.QuestionnaireResponse(assessment)));

        answers.Errors.ShouldBeEmpty();
        answers.Ignored.ShouldBeEmpty();
        var finding = FindingCatalog.TryGet(code, out var definition) ? definition.Code : throw new InvalidOperationException(code);
        answers.Findings.IsAnswered(finding).ShouldBeTrue();
        answers.Findings.ValueOf(finding).ShouldBe(expected.ValueOf(finding));
        answers.Findings.AnsweredCodes().ShouldBe([finding]);
    }

    [Fact]
    public void Given_a_full_case_When_round_tripped_Then_age_sex_narrative_and_every_finding_survive_and_the_engine_agrees()
    {
        var assessment = Assessment("a-1", "p-1", Monday, 67,
            """{"onset_days":12.5,"trigger":"minor_fall","course":"worsening","pain_score":8,"pain_region":"middle","previous_episodes":2,"self_care_days":3,"osteoporosis":true,"long_term_steroids":false,"night_pain":true,"blood_thinners":true}""",
            sex: "other", narrative: "I slipped on the stairs.");

        var answers = QuestionnaireResponseReader.Read(Roundtrip(Mapper.QuestionnaireResponse(assessment)));

        answers.Age.ShouldBe(67);
        answers.Sex.ShouldBe(Sex.Other);
        answers.Narrative.ShouldBe("I slipped on the stairs.");
        var original = assessment.Case.Findings!;
        answers.Findings.AnsweredCodes().ShouldBe(original.AnsweredCodes());
        foreach (var code in original.AnsweredCodes())
        {
            answers.Findings.ValueOf(code).ShouldBe(original.ValueOf(code), code.Key());
        }

        var again = Clinical.Assessor.Assess(answers.Age!.Value, answers.Findings);
        again.Disposition.ShouldBe(assessment.Result.Disposition);
        again.RedFlags.ShouldBe(assessment.Result.RedFlags);
    }

    [Fact]
    public void Given_a_QuestionnaireResponse_When_mapped_Then_each_item_has_the_finding_code_as_linkId_and_its_question_as_text()
    {
        var response = Mapper.QuestionnaireResponse(HomeCare());

        response["questionnaire"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/Questionnaire/backcare-assessment");
        response["status"]!.GetValue<string>().ShouldBe("completed");
        response["authored"]!.GetValue<string>().ShouldBe("2026-11-16T09:30:00Z");
        var items = response["item"]!.AsArray().Cast<JsonObject>().ToDictionary(i => i["linkId"]!.GetValue<string>());
        items["pain_score"]["text"]!.GetValue<string>().ShouldBe(FindingCatalog.Get(FindingCode.PainScore).Question);
        items["pain_score"]["answer"]![0]!["valueInteger"]!.GetValue<int>().ShouldBe(7);
        items["onset_days"]["answer"]![0]!["valueDecimal"]!.GetValue<double>().ShouldBe(1);
        var trigger = items["trigger"]["answer"]![0]!["valueCoding"]!;
        trigger["system"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/CodeSystem/trigger");
        trigger["code"]!.GetValue<string>().ShouldBe("lifting");
        trigger["display"]!.GetValue<string>().ShouldBe("Lifting something");
        items["kidney_disease"]["answer"]![0]!["valueBoolean"]!.GetValue<bool>().ShouldBeTrue();
        items["sex"]["answer"]![0]!["valueCoding"]!["code"]!.GetValue<string>().ShouldBe("male");
        items["age"]["answer"]![0]!["valueInteger"]!.GetValue<int>().ShouldBe(34);
    }

    [Fact]
    public void Given_the_assessment_questionnaire_When_made_Then_it_has_an_item_of_the_right_type_for_age_sex_narrative_and_every_finding()
    {
        var questionnaire = Mapper.AssessmentQuestionnaire();

        questionnaire["url"]!.GetValue<string>().ShouldBe(Mapper.QuestionnaireUrl);
        var items = questionnaire["item"]!.AsArray().Cast<JsonObject>().ToDictionary(i => i["linkId"]!.GetValue<string>());
        items.Keys.ShouldBe(["age", "sex", "narrative", .. FindingCatalog.All.Select(d => d.Key)]);
        foreach (var definition in FindingCatalog.All)
        {
            items[definition.Key]["type"]!.GetValue<string>().ShouldBe(definition.Kind switch
            {
                FindingKind.Boolean => "boolean",
                FindingKind.WholeNumber => "integer",
                FindingKind.Number => "decimal",
                _ => "choice",
            });
        }

        items["trigger"]["answerOption"]!.AsArray().Select(o => o!["valueCoding"]!["code"]!.GetValue<string>())
            .ShouldBe(FindingCatalog.TriggerValues);
    }

    [Fact]
    public void Given_a_narrative_only_case_When_mapped_Then_the_findings_the_engine_read_are_the_items()
    {
        var assessmentCase = Case("""{"id":"n","age":30,"narrative":"My back hurts after lifting."}""");
        var read = new Clinical.Contract.AssessmentResult(null, Disposition.SelfCare, [], [], null)
        {
            Findings = new FindingSet { PainScore = 5 }.Set(FindingCode.Sciatica, false),
        };

        var response = Mapper.QuestionnaireResponse(new AssessmentRecord("a-n", "p-1", Monday, assessmentCase, read));

        var linkIds = response["item"]!.AsArray().Select(i => i!["linkId"]!.GetValue<string>()).ToList();
        linkIds.ShouldBe(["age", "narrative", "pain_score", "sciatica"]);
    }

    [Fact]
    public void Given_an_item_BackCare_does_not_know_When_read_Then_it_is_listed_as_ignored_and_the_rest_is_read()
    {
        var response = Mapper.QuestionnaireResponse(CaudaEquina());
        response["item"]!.AsArray().Add(new JsonObject
        {
            ["linkId"] = "ehr-smoking-status",
            ["answer"] = new JsonArray(new JsonObject { ["valueString"] = "never" }),
        });

        var answers = QuestionnaireResponseReader.Read(Roundtrip(response));

        answers.Ignored.ShouldBe(["ehr-smoking-status"]);
        answers.Errors.ShouldBeEmpty();
        answers.Findings[FindingCode.SaddleNumbness].ShouldBeTrue();
    }

    [Fact]
    public void Given_items_nested_in_a_group_When_read_Then_they_are_found()
    {
        var response = JsonNode.Parse("""
            {"resourceType":"QuestionnaireResponse","status":"completed","item":[
              {"linkId":"nerves","item":[{"linkId":"bowel_incontinence","answer":[{"valueBoolean":true}]}]},
              {"linkId":"age","answer":[{"valueInteger":50,"item":[{"linkId":"leg_weakness","answer":[{"valueBoolean":true}]}]}]}]}
            """)!.AsObject();

        var answers = QuestionnaireResponseReader.Read(response);

        answers.Findings[FindingCode.BowelIncontinence].ShouldBeTrue();
        answers.Findings[FindingCode.LegWeakness].ShouldBeTrue();
        answers.Age.ShouldBe(50);
    }

    [Theory]
    [InlineData("saddle_numbness", """{"valueString":"yes"}""", "must be answered with valueBoolean")]
    [InlineData("saddle_numbness", """{"valueInteger":1}""", "must be answered with valueBoolean")]
    [InlineData("pain_score", """{"valueInteger":11}""", "must be answered with valueInteger")]
    [InlineData("pain_score", """{"valueDecimal":6.5}""", "must be answered with valueInteger")]
    [InlineData("onset_days", """{"valueDecimal":-1}""", "must be answered with valueDecimal")]
    [InlineData("previous_episodes", """{"valueInteger":3000000000}""", "must be answered with valueInteger")]
    [InlineData("previous_episodes", """{"valueInteger":"3"}""", "must be answered with valueInteger")]
    [InlineData("trigger", """{"valueCoding":{"code":"skiing"}}""", "must be answered with valueCoding")]
    [InlineData("trigger", """{"valueCoding":{"system":"http://snomed.info/sct","code":"lifting"}}""", "must be answered with valueCoding")]
    [InlineData("age", """{"valueInteger":130}""", "the age must be valueInteger")]
    public void Given_a_BackCare_question_with_an_answer_it_cannot_read_When_read_Then_the_error_names_the_item(string linkId, string answerJson, string message)
    {
        var response = JsonNode.Parse($$"""
            {"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"{{linkId}}","answer":[{{answerJson}}]}]}
            """)!.AsObject();

        var answers = QuestionnaireResponseReader.Read(response);

        var error = answers.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe($"item[0]({linkId})");
        error.Message.ShouldContain(message);
        answers.Ignored.ShouldBeEmpty();
    }

    /// <summary>Writes and parses again, so reading works on JSON as it arrives over the wire.</summary>
    internal static JsonObject Roundtrip(JsonObject resource) => JsonNode.Parse(resource.ToJsonString())!.AsObject();
}
