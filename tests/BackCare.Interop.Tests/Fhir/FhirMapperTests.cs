using System.Text.Json.Nodes;
using BackCare.Interop.Fhir;
using static BackCare.Interop.Tests.TestData;

namespace BackCare.Interop.Tests.Fhir;

public class FhirMapperTests
{
    [Fact]
    public void Given_a_pain_score_When_mapped_Then_it_is_a_final_survey_Observation_with_LOINC_72514_3_and_an_integer()
    {
        var observation = Mapper.PainObservation(Pain("o-1", Monday, 6));

        observation["resourceType"]!.GetValue<string>().ShouldBe("Observation");
        observation["status"]!.GetValue<string>().ShouldBe("final");
        observation["category"]![0]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("survey");
        var coding = observation["code"]!["coding"]![0]!;
        coding["system"]!.GetValue<string>().ShouldBe("http://loinc.org");
        coding["code"]!.GetValue<string>().ShouldBe("72514-3");
        coding["display"]!.GetValue<string>().ShouldBe("Pain severity - 0-10 verbal numeric rating [Score] - Reported");
        observation["valueInteger"]!.GetValue<int>().ShouldBe(6);
        observation["subject"]!["reference"]!.GetValue<string>().ShouldBe("Patient/p-1");
        observation["effectiveDateTime"]!.GetValue<string>().ShouldBe("2026-11-16T09:30:00Z");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Given_a_pain_score_outside_0_to_10_When_mapped_Then_it_is_refused(int score)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Mapper.PainObservation(Pain("o-1", Monday, score)));
    }

    [Theory]
    [InlineData("female", "female")]
    [InlineData("male", "male")]
    [InlineData("other", "other")]
    [InlineData("prefer_not_to_say", "unknown")]
    public void Given_a_sex_When_the_patient_is_mapped_Then_the_FHIR_gender_is_the_table_value(string sex, string gender)
    {
        var patient = Mapper.Patient(Patient() with { Sex = sex });

        patient["gender"]!.GetValue<string>().ShouldBe(gender);
    }

    [Fact]
    public void Given_a_patient_When_mapped_Then_name_and_email_are_set_and_no_sex_means_no_gender()
    {
        var patient = Mapper.Patient(Patient() with { Sex = null });

        patient["id"]!.GetValue<string>().ShouldBe("p-1");
        patient["name"]![0]!["text"]!.GetValue<string>().ShouldBe("Ana Example");
        patient["telecom"]![0]!["system"]!.GetValue<string>().ShouldBe("email");
        patient["telecom"]![0]!["value"]!.GetValue<string>().ShouldBe("ana@example.org");
        patient.ContainsKey("gender").ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Given_an_id_FHIR_does_not_allow_When_mapped_Then_it_is_refused_naming_the_id(string id)
    {
        Should.Throw<ArgumentException>(() => Mapper.Patient(Patient(id))).Message.ShouldContain("not a valid FHIR id");
    }

    [Theory]
    [InlineData("booked", "booked")]
    [InlineData("Scheduled", "booked")]
    [InlineData("confirmed", "booked")]
    [InlineData("requested", "pending")]
    [InlineData("pending", "pending")]
    [InlineData("proposed", "proposed")]
    [InlineData("arrived", "arrived")]
    [InlineData("checked_in", "checked-in")]
    [InlineData("completed", "fulfilled")]
    [InlineData("fulfilled", "fulfilled")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("canceled", "cancelled")]
    [InlineData("no_show", "noshow")]
    [InlineData("entered_in_error", "entered-in-error")]
    [InlineData("waitlist", "waitlist")]
    public void Given_a_stored_appointment_status_When_mapped_Then_the_FHIR_status_is_the_table_value(string stored, string fhir)
    {
        Mapper.Appointment(Appointment(status: stored))["status"]!.GetValue<string>().ShouldBe(fhir);
    }

    [Fact]
    public void Given_an_appointment_status_not_in_the_table_When_mapped_Then_it_is_refused_rather_than_guessed()
    {
        Should.Throw<ArgumentException>(() => Mapper.Appointment(Appointment(status: "maybe"))).Message.ShouldContain("'maybe'");
    }

    [Theory]
    [InlineData("telemedicine", "VR", "Video visit (telemedicine)")]
    [InlineData("in_person", "AMB", "In-person visit")]
    public void Given_an_appointment_kind_When_mapped_Then_appointmentType_carries_the_contact_mode(string kind, string code, string text)
    {
        var type = Mapper.Appointment(Appointment(kind))["appointmentType"]!;

        type["coding"]![0]!["system"]!.GetValue<string>().ShouldBe("http://terminology.hl7.org/CodeSystem/v3-ActCode");
        type["coding"]![0]!["code"]!.GetValue<string>().ShouldBe(code);
        type["text"]!.GetValue<string>().ShouldBe(text);
    }

    [Theory]
    [InlineData("telemedicine", "telemedicine", "Video visit (telemedicine)")]
    [InlineData("in_person", "in-person", "In-person visit")]
    public void Given_an_appointment_kind_When_mapped_Then_serviceType_says_in_person_or_telemedicine(string kind, string code, string text)
    {
        var service = Mapper.Appointment(Appointment(kind))["serviceType"]!.AsArray().ShouldHaveSingleItem()!;

        service["coding"]![0]!["system"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/CodeSystem/visit-kind");
        service["coding"]![0]!["code"]!.GetValue<string>().ShouldBe(code);
        service["text"]!.GetValue<string>().ShouldBe(text);
    }

    [Fact]
    public void Given_a_video_visit_When_mapped_Then_the_join_link_is_in_the_BackCare_extension_and_the_participants_are_named()
    {
        var appointment = Mapper.Appointment(Appointment("telemedicine"));

        var extension = appointment["extension"]![0]!;
        extension["url"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/StructureDefinition/appointment-join-url");
        extension["valueUrl"]!.GetValue<string>().ShouldBe("https://video.example/room/42");
        var actors = appointment["participant"]!.AsArray().Select(p => p!["actor"]!).ToList();
        actors[0]!["reference"]!.GetValue<string>().ShouldBe("Patient/p-1");
        actors[1]!["display"]!.GetValue<string>().ShouldBe("Dr. Jo Spine");
        actors[2]!["display"]!.GetValue<string>().ShouldBe("Northside Spine Clinic");
        appointment["start"]!.GetValue<string>().ShouldBe("2026-11-19T09:30:00Z");
        appointment["minutesDuration"]!.GetValue<int>().ShouldBe(30);
        appointment["reasonCode"]![0]!["text"]!.GetValue<string>().ShouldBe("Back pain review");
    }

    [Fact]
    public void Given_an_in_person_visit_When_mapped_Then_it_has_no_join_link()
    {
        Mapper.Appointment(Appointment("in_person")).ContainsKey("extension").ShouldBeFalse();
    }

    [Fact]
    public void Given_a_home_care_assessment_When_the_care_plan_is_mapped_Then_each_step_is_an_activity_on_its_day_and_the_notes_carry_disposition_reasons_and_medicines()
    {
        var assessment = HomeCare();
        var plan = assessment.Result.Plan!;

        var carePlan = Mapper.CarePlan(assessment);

        carePlan["status"]!.GetValue<string>().ShouldBe("active");
        carePlan["intent"]!.GetValue<string>().ShouldBe("plan");
        carePlan["subject"]!["reference"]!.GetValue<string>().ShouldBe("Patient/p-1");
        var activities = carePlan["activity"]!.AsArray();
        activities.Count.ShouldBe(plan.Steps.Count);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var detail = activities[i]!["detail"]!;
            detail["description"]!.GetValue<string>().ShouldStartWith(plan.Steps[i].Text);
            detail["description"]!.GetValue<string>().ShouldContain($"source: {plan.Steps[i].Source}");
            detail["scheduledPeriod"]!["start"]!.GetValue<string>()
                .ShouldBe(FhirJson.DateTime(Monday.AddDays(plan.Steps[i].Day)));
        }

        var notes = carePlan["note"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ToList();
        notes[0].ShouldStartWith("Home care");
        foreach (var reason in assessment.Result.Reasons)
        {
            notes.ShouldContain($"{reason.Text} (source: {reason.Source})");
        }

        // Kidney disease rules NSAIDs out: the plan's avoided medicines are written down.
        notes.ShouldContain(n => n.StartsWith("Medicines to avoid:", StringComparison.Ordinal) && n.Contains("NSAID", StringComparison.Ordinal));
        notes.ShouldContain(n => n.StartsWith("Medicines that may help:", StringComparison.Ordinal));
        carePlan["period"]!["end"]!.GetValue<string>().ShouldBe(FhirJson.DateTime(Monday.AddDays(plan.ReviewAfterDays)));
    }

    [Fact]
    public void Given_an_emergency_assessment_When_the_care_plan_is_mapped_Then_it_has_no_activities_and_says_not_to_manage_at_home()
    {
        var carePlan = Mapper.CarePlan(CaudaEquina());

        carePlan.ContainsKey("activity").ShouldBeFalse();
        carePlan["description"]!.GetValue<string>().ShouldStartWith("Emergency");
        carePlan["note"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ShouldContain(n => n.StartsWith("No home plan", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_resources_When_a_searchset_is_made_Then_total_fullUrl_and_search_mode_match_are_set()
    {
        var bundle = Mapper.SearchSet([Mapper.PainObservation(Pain("o-1", Monday, 4)), Mapper.PainObservation(Pain("o-2", Monday, 5))],
            "https://clinic.example/fhir/Observation?patient=p-1");

        bundle["type"]!.GetValue<string>().ShouldBe("searchset");
        bundle["total"]!.GetValue<int>().ShouldBe(2);
        bundle["entry"]![1]!["fullUrl"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/Observation/o-2");
        bundle["entry"]![1]!["search"]!["mode"]!.GetValue<string>().ShouldBe("match");
        bundle["link"]![0]!["relation"]!.GetValue<string>().ShouldBe("self");
    }

    [Fact]
    public void Given_no_matches_When_a_searchset_is_made_Then_total_is_zero_and_there_is_no_entry()
    {
        var bundle = Mapper.SearchSet([]);

        bundle["total"]!.GetValue<int>().ShouldBe(0);
        bundle.ContainsKey("entry").ShouldBeFalse();
    }

    [Fact]
    public void Given_a_patient_with_records_When_everything_is_asked_Then_the_bundle_holds_the_patient_and_each_record_once()
    {
        var bundle = Mapper.Everything(Patient(), [Pain("o-1", Monday, 4)], [HomeCare(), Fever()], [Appointment()]);

        var types = bundle["entry"]!.AsArray().Select(e => e!["resource"]!["resourceType"]!.GetValue<string>()).ToList();
        types.ShouldBe(["Patient", "Observation", "QuestionnaireResponse", "QuestionnaireResponse", "CarePlan", "CarePlan", "Appointment"]);
        bundle["total"]!.GetValue<int>().ShouldBe(7);
        bundle["link"]![0]!["url"]!.GetValue<string>().ShouldBe("https://clinic.example/fhir/Patient/p-1/$everything");
    }

    [Fact]
    public void Given_the_server_When_its_capability_statement_is_made_Then_it_declares_R4_json_the_five_resources_and_Patient_everything()
    {
        var statement = Mapper.CapabilityStatement("1.2.3", Monday);

        statement["fhirVersion"]!.GetValue<string>().ShouldBe("4.0.1");
        statement["kind"]!.GetValue<string>().ShouldBe("instance");
        statement["format"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("json");
        var rest = statement["rest"]![0]!;
        rest["mode"]!.GetValue<string>().ShouldBe("server");
        var resources = rest["resource"]!.AsArray().Cast<JsonObject>().ToDictionary(r => r["type"]!.GetValue<string>());
        resources.Keys.ShouldBe(["Patient", "Observation", "QuestionnaireResponse", "CarePlan", "Appointment"], ignoreOrder: true);
        foreach (var (type, resource) in resources)
        {
            resource["interaction"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ShouldBe(["read", "search-type"]);
            var parameters = resource["searchParam"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
            parameters.ShouldContain("_id");
            if (type != "Patient")
            {
                parameters.ShouldContain("patient");
            }
        }

        resources["Patient"]["operation"]![0]!["name"]!.GetValue<string>().ShouldBe("everything");
    }

    [Fact]
    public void Given_an_error_When_an_OperationOutcome_is_made_Then_it_has_one_issue_with_severity_code_and_diagnostics()
    {
        var outcome = FhirMapper.OperationOutcome("not-found", "Patient/p-9 is not known.");

        var issue = outcome["issue"]![0]!;
        issue["severity"]!.GetValue<string>().ShouldBe("error");
        issue["code"]!.GetValue<string>().ShouldBe("not-found");
        issue["diagnostics"]!.GetValue<string>().ShouldBe("Patient/p-9 is not known.");
    }

    [Theory]
    [InlineData("2026", "2026-01-01T00:00:00Z")]
    [InlineData("2026-03", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-05", "2026-03-05T00:00:00Z")]
    [InlineData("2026-03-05T10:15:00+02:00", "2026-03-05T08:15:00Z")]
    [InlineData("2026-03-05T10:15:00.25Z", "2026-03-05T10:15:00.25Z")]
    public void Given_a_FHIR_date_or_dateTime_When_read_Then_it_is_the_moment_in_UTC(string text, string utc)
    {
        FhirJson.TryParseDateTime(text, out var at).ShouldBeTrue();
        FhirJson.DateTime(at).ShouldBe(utc);
    }

    [Theory]
    [InlineData("2026-03-05T10:15")]
    [InlineData("2026-03-05T10:15:00")]
    [InlineData("05/03/2026")]
    [InlineData("")]
    public void Given_a_dateTime_FHIR_does_not_allow_When_read_Then_it_is_refused(string text)
    {
        FhirJson.TryParseDateTime(text, out _).ShouldBeFalse();
    }
}
