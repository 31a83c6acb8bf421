using System.Text.Json.Nodes;
using BackCare.Interop.CdsHooks;
using BackCare.Interop.Fhir;
using static BackCare.Interop.Tests.TestData;

namespace BackCare.Interop.Tests.CdsHooks;

public class CdsTriageTests
{
    private static readonly CdsTriage Triage = new(
        new CdsOptions("https://clinic.example/clinician/patients/{patientId}/book", new Uri("https://clinic.example/")),
        new FixedClock(Monday.AddDays(2)));

    [Theory]
    [InlineData("emergency", "critical", "EMERGENCY", "Numb around bottom or genitals")]
    [InlineData("urgent", "warning", "urgent", "Fever")]
    [InlineData("self_care", "info", "without red flags", null)]
    public void Given_a_prefetched_assessment_When_the_hook_is_called_Then_the_card_indicator_follows_the_disposition(
        string disposition, string indicator, string summaryWord, string? redFlagLabel)
    {
        var assessment = disposition switch
        {
            "emergency" => CaudaEquina(),
            "urgent" => Fever(),
            _ => HomeCare(),
        };

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(assessment)])));

        card["indicator"]!.GetValue<string>().ShouldBe(indicator);
        var summary = card["summary"]!.GetValue<string>();
        summary.ShouldContain(summaryWord);
        summary.Length.ShouldBeLessThan(140);
        var detail = card["detail"]!.GetValue<string>();
        foreach (var reason in assessment.Result.Reasons)
        {
            detail.ShouldContain($"{reason.Text} (source: {reason.Source})");
        }

        if (redFlagLabel is not null)
        {
            summary.ShouldContain(redFlagLabel);
            detail.ShouldContain(redFlagLabel);
        }

        card["source"]!["label"]!.GetValue<string>().ShouldBe("BackCare");
        card["source"]!["url"]!.GetValue<string>().ShouldBe("https://clinic.example/");
        Guid.TryParse(card["uuid"]!.GetValue<string>(), out _).ShouldBeTrue();
        var link = card["links"]!.AsArray().ShouldHaveSingleItem()!;
        link["url"]!.GetValue<string>().ShouldBe("https://clinic.example/clinician/patients/p-1/book");
        link["type"]!.GetValue<string>().ShouldBe("absolute");
        link["label"]!.GetValue<string>().ShouldContain("Book");
    }

    [Fact]
    public void Given_a_routine_assessment_When_the_hook_is_called_Then_the_card_is_info()
    {
        var routine = Assessment("a-r", "p-1", Monday, 40, """{"onset_days":5,"trigger":"posture","pain_score":4,"course":"unchanged","weight_loss":true}""");
        routine.Result.Disposition.ShouldBe(Clinical.Contract.Disposition.Routine);

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(routine)])));

        card["indicator"]!.GetValue<string>().ShouldBe("info");
        card["summary"]!.GetValue<string>().ShouldContain("routine");
    }

    [Fact]
    public void Given_no_prefetch_When_the_hook_is_called_Then_the_answer_is_an_empty_list_of_cards()
    {
        NoCards(Triage.Answer(Request(prefetch: false)));
    }

    [Fact]
    public void Given_only_another_questionnaires_answers_When_the_hook_is_called_Then_no_assessment_is_found()
    {
        var other = Mapper.QuestionnaireResponse(CaudaEquina());
        other["questionnaire"] = "https://ehr.example/Questionnaire/phq-9";

        NoCards(Triage.Answer(Request(questionnaireResponses: [other])));
    }

    [Fact]
    public void Given_two_assessments_When_the_hook_is_called_Then_the_newest_one_counts()
    {
        var older = CaudaEquina(id: "a-old") with { At = Monday.AddDays(-10) };
        var newer = HomeCare(id: "a-new") with { At = Monday };

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(newer), Mapper.QuestionnaireResponse(older)])));

        card["indicator"]!.GetValue<string>().ShouldBe("info");
        card["detail"]!.GetValue<string>().ShouldContain("2026-11-16 09:30 UTC");
    }

    [Fact]
    public void Given_another_patients_assessment_in_the_prefetch_When_the_hook_is_called_Then_it_is_not_used()
    {
        var someoneElse = Mapper.QuestionnaireResponse(CaudaEquina(patientId: "p-2"));

        NoCards(Triage.Answer(Request(questionnaireResponses: [someoneElse])));
    }

    [Fact]
    public void Given_a_pain_score_newer_than_the_assessment_When_the_hook_is_called_Then_it_replaces_the_assessments_score()
    {
        var assessment = HomeCare();
        var observations = new[]
        {
            Mapper.PainObservation(Pain("o-old", Monday.AddDays(-1), 2)),
            Mapper.PainObservation(Pain("o-new", Monday.AddDays(1), 9)),
        };

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(assessment)], observations: observations)));

        card["detail"]!.GetValue<string>().ShouldContain("Latest pain score: **9/10**, reported 2026-11-17 09:30 UTC");
    }

    [Fact]
    public void Given_only_pain_scores_older_than_the_assessment_When_the_hook_is_called_Then_the_assessments_score_stands()
    {
        var observations = new[] { Mapper.PainObservation(Pain("o-old", Monday.AddDays(-1), 2)) };

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(HomeCare())], observations: observations)));

        card["detail"]!.GetValue<string>().ShouldNotContain("Latest pain score");
    }

    [Fact]
    public void Given_a_known_red_flag_whose_answer_cannot_be_read_When_the_hook_is_called_Then_the_card_is_a_warning_that_names_it()
    {
        var response = Mapper.QuestionnaireResponse(HomeCare());
        response["item"]!.AsArray().Add(JsonNode.Parse("""{"linkId":"saddle_numbness","answer":[{"valueString":"a bit"}]}"""));

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [response])));

        card["indicator"]!.GetValue<string>().ShouldBe("warning");
        card["detail"]!.GetValue<string>().ShouldContain("(saddle_numbness): must be answered with valueBoolean");
    }

    [Fact]
    public void Given_an_unknown_extra_question_When_the_hook_is_called_Then_it_is_ignored_and_the_card_stays_info()
    {
        var response = Mapper.QuestionnaireResponse(HomeCare());
        response["item"]!.AsArray().Add(JsonNode.Parse("""{"linkId":"favourite-colour","answer":[{"valueString":"blue"}]}"""));

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [response])));

        card["indicator"]!.GetValue<string>().ShouldBe("info");
    }

    [Fact]
    public void Given_an_assessment_without_age_and_a_patient_with_a_birth_date_When_the_hook_is_called_Then_the_age_comes_from_the_birth_date()
    {
        // At 72 a small fall is an urgent reason (older-fall); the age is only in the Patient resource.
        var response = Mapper.QuestionnaireResponse(Assessment("a-f", "p-1", Monday, 40, """{"onset_days":1,"trigger":"minor_fall","pain_score":5}"""));
        RemoveItem(response, "age");
        var patient = Mapper.Patient(Patient());
        patient["birthDate"] = "1954-01-20";

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [response], patient: patient)));

        card["indicator"]!.GetValue<string>().ShouldBe("warning");
        card["detail"]!.GetValue<string>().ShouldNotContain("age was missing");
    }

    [Fact]
    public void Given_an_assessment_with_no_age_anywhere_When_the_hook_is_called_Then_the_most_urgent_answer_over_all_ages_is_shown()
    {
        var response = Mapper.QuestionnaireResponse(Assessment("a-f", "p-1", Monday, 40, """{"onset_days":1,"trigger":"minor_fall","pain_score":5}"""));
        RemoveItem(response, "age");

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [response])));

        card["indicator"]!.GetValue<string>().ShouldBe("warning");
        card["detail"]!.GetValue<string>().ShouldContain("age was missing");
    }

    [Fact]
    public void Given_many_red_flags_When_the_summary_is_made_Then_it_stays_under_140_characters_and_counts_the_rest()
    {
        var many = Assessment("a-m", "p-1", Monday, 60,
            """{"bladder_dysfunction":true,"bowel_incontinence":true,"saddle_numbness":true,"sexual_dysfunction":true,"leg_paralysis":true,"leg_weakness_progressive":true,"chest_pain":true,"tearing_pain":true}""");

        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(many)])));

        var summary = card["summary"]!.GetValue<string>();
        summary.Length.ShouldBeLessThan(140);
        summary.ShouldContain("more)");
        card["indicator"]!.GetValue<string>().ShouldBe("critical");
    }

    [Fact]
    public void Given_an_emergency_When_the_card_is_made_Then_the_booking_link_is_for_after_emergency_care()
    {
        var card = OnlyCard(Triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(CaudaEquina())])));

        card["links"]![0]!["label"]!.GetValue<string>().ShouldContain("after emergency care");
    }

    [Theory]
    [InlineData("emergency", "emergency")]
    [InlineData("urgent", "urgent")]
    [InlineData("self_care", "self_care")]
    public void Given_a_booking_template_with_the_disposition_When_the_card_is_made_Then_the_link_carries_the_disposition_code(string kind, string code)
    {
        var triage = new CdsTriage(new CdsOptions("https://clinic.example/book?disposition={disposition}&patient={patientId}"));
        var assessment = kind switch { "emergency" => CaudaEquina(), "urgent" => Fever(), _ => HomeCare() };

        var card = OnlyCard(triage.Answer(Request(questionnaireResponses: [Mapper.QuestionnaireResponse(assessment)])));

        card["links"]![0]!["url"]!.GetValue<string>().ShouldBe($"https://clinic.example/book?disposition={code}&patient=p-1");
    }

    [Theory]
    [InlineData("https://clinic.example/book")]
    [InlineData("/patients/{patientId}/book")]
    public void Given_a_booking_template_without_an_absolute_URL_and_patientId_When_the_service_is_made_Then_it_is_refused(string template)
    {
        Should.Throw<ArgumentException>(() => new CdsTriage(new CdsOptions(template)));
    }

    private static void NoCards(JsonObject response)
    {
        response.Select(p => p.Key).ShouldBe(["cards"]);
        response["cards"]!.AsArray().ShouldBeEmpty();
    }

    private static JsonObject OnlyCard(JsonObject response)
    {
        response.Select(p => p.Key).ShouldBe(["cards"]);
        var card = response["cards"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        card.Select(p => p.Key).ShouldBeSubsetOf(["uuid", "summary", "detail", "indicator", "source", "suggestions", "selectionBehavior", "overrideReasons", "links"]);
        card["indicator"]!.GetValue<string>().ShouldBeOneOf("info", "warning", "critical");
        return card;
    }

    private static void RemoveItem(JsonObject response, string linkId)
    {
        var items = response["item"]!.AsArray();
        items.Remove(items.Single(i => i!["linkId"]!.GetValue<string>() == linkId));
    }

    /// <summary>A patient-view request as an EHR sends it, read through the same reader the endpoint uses.</summary>
    private static CdsHookRequest Request(
        IEnumerable<JsonObject>? questionnaireResponses = null,
        IEnumerable<JsonObject>? observations = null,
        JsonObject? patient = null,
        bool prefetch = true)
    {
        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["fhirServer"] = "https://ehr.example/fhir",
            ["context"] = new JsonObject { ["userId"] = "Practitioner/dr-1", ["patientId"] = "p-1" },
        };
        if (prefetch)
        {
            body["prefetch"] = new JsonObject
            {
                ["patient"] = patient ?? Mapper.Patient(Patient()),
                ["observations"] = Mapper.SearchSet(observations ?? []),
                ["questionnaireResponses"] = Mapper.SearchSet(questionnaireResponses ?? []),
            };
        }

        var read = CdsHookRequestReader.Read(body.ToJsonString());
        read.IsValid.ShouldBeTrue(read.ErrorText);
        return read.Request!;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
