using System.Net;
using System.Text.Json.Nodes;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Interop.Tests.Fhir;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Interop;

/// <summary>
/// The FHIR API through the real host on a real SQLite file: a person with one saved emergency assessment and one
/// diary entry reads their own record; a stranger reads nothing of it. Every resource and every error the server
/// answered in these tests is checked by the official FHIR R4 JSON schema at the end (one validator run).
/// </summary>
public sealed class FhirApiTests(FhirApiTests.Host host) : IClassFixture<FhirApiTests.Host>
{
    private const string PainCode = "72514-3";

    public sealed class Host : IAsyncLifetime, IDisposable
    {
        public BackCareFactory Factory { get; } = BackCareFactory.With(new() { ["Interop:PublicBaseUrl"] = "https://backcare.clinic.example" });

        public Person Owner { get; private set; } = null!;

        public Guid AssessmentId { get; private set; }

        public Guid DiaryId { get; private set; }

        public Person Stranger { get; private set; } = null!;

        /// <summary>The owner's video visit at the demo clinic, booked.</summary>
        public Guid VideoVisitId { get; private set; }

        /// <summary>The owner's visit in person at the demo clinic, cancelled.</summary>
        public Guid CancelledVisitId { get; private set; }

        public Guid DemoClinicId { get; private set; }

        /// <summary>Every FHIR answer the tests received, by name, for the schema check.</summary>
        public Dictionary<string, JsonObject> Answers { get; } = [];

        public async Task InitializeAsync()
        {
            (Owner, AssessmentId, DiaryId) = await Patients.WithRecord(Factory.CreateClient());
            (Stranger, _, _) = await Patients.WithRecord(Factory.CreateClient());
            DemoClinicId = (await Booking.Booking.DemoClinic(Owner.Client)).GetProperty("id").GetGuid();
            VideoVisitId = await BookAsync(await Booking.Booking.AnyFreeSlot(Owner.Client, "telemedicine"));
            CancelledVisitId = await BookAsync(await Booking.Booking.AnyFreeSlot(Owner.Client, "in_person"));
            using var cancelled = await Owner.Client.DeleteAsync($"/api/appointments/{CancelledVisitId}");
            cancelled.IsSuccessStatusCode.ShouldBeTrue();
        }

        private async Task<Guid> BookAsync(string slotId)
        {
            using var booked = await Booking.Booking.Book(Owner.Client, slotId);
            booked.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (await Booking.Booking.Json(booked)).GetProperty("id").GetGuid();
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            Owner.Dispose();
            Stranger.Dispose();
            Factory.Dispose();
        }

        /// <summary>GETs a FHIR path and checks the FHIR media type; the answer is kept for the schema check.</summary>
        public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> Get(HttpClient client, string path, string name)
        {
            var response = await client.GetAsync(path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
            var body = await Patients.Json(response);
            lock (Answers)
            {
                Answers[name] = body;
            }

            return (response.StatusCode, body, response);
        }
    }

    private Guid Me => host.Owner.Id;

    [Fact]
    public async Task Given_anyone_When_reading_the_metadata_Then_a_CapabilityStatement_lists_the_five_resources_and_their_searches()
    {
        using var anonymous = host.Factory.CreateClient();

        var (status, body, _) = await host.Get(anonymous, "/fhir/metadata", "metadata");

        status.ShouldBe(HttpStatusCode.OK);
        body["resourceType"]!.GetValue<string>().ShouldBe("CapabilityStatement");
        body["fhirVersion"]!.GetValue<string>().ShouldBe("4.0.1");
        body["implementation"]!["url"]!.GetValue<string>().ShouldBe("https://backcare.clinic.example/fhir");
        var resources = body["rest"]![0]!["resource"]!.AsArray().ToDictionary(r => r!["type"]!.GetValue<string>());
        resources.Keys.ShouldBe(["Patient", "Observation", "QuestionnaireResponse", "CarePlan", "Appointment"], ignoreOrder: true);
        resources["Observation"]!["searchParam"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["_id", "patient", "code"]);
    }

    [Fact]
    public async Task Given_a_signed_in_person_When_reading_their_own_Patient_Then_their_name_and_sex_from_the_assessment()
    {
        var (status, body, _) = await host.Get(host.Owner.Client, $"/fhir/Patient/{Me}", "patient");

        status.ShouldBe(HttpStatusCode.OK);
        body["resourceType"]!.GetValue<string>().ShouldBe("Patient");
        body["id"]!.GetValue<string>().ShouldBe(Me.ToString());
        body["name"]![0]!["text"]!.GetValue<string>().ShouldBe("Robin Example");
        body["gender"]!.GetValue<string>().ShouldBe("female");
    }

    [Fact]
    public async Task Given_an_assessment_and_a_diary_entry_When_searching_Observations_by_patient_Then_both_pain_scores_with_the_LOINC_code()
    {
        var (status, bundle, _) = await host.Get(host.Owner.Client, $"/fhir/Observation?patient=Patient/{Me}", "observation-search");

        status.ShouldBe(HttpStatusCode.OK);
        bundle["type"]!.GetValue<string>().ShouldBe("searchset");
        bundle["total"]!.GetValue<int>().ShouldBe(2);
        var observations = Resources(bundle);
        observations.Select(o => o["id"]!.GetValue<string>()).ShouldBe([$"diary-{host.DiaryId}", $"assessment-{host.AssessmentId}"], ignoreOrder: true);
        observations.Select(o => o["valueInteger"]!.GetValue<int>()).ShouldBe([4, 6], ignoreOrder: true);
        observations.ShouldAllBe(o => o["code"]!["coding"]![0]!["code"]!.GetValue<string>() == PainCode);
        observations.ShouldAllBe(o => o["subject"]!["reference"]!.GetValue<string>() == $"Patient/{Me}");
    }

    [Theory]
    [InlineData("code=http://loinc.org|72514-3", 2)]
    [InlineData("code=72514-3", 2)]
    [InlineData("code=http://loinc.org|8480-6", 0)]
    public async Task Given_the_CDS_prefetch_search_When_Observations_are_searched_by_code_Then_only_pain_scores_match(string code, int count)
    {
        var (status, bundle, _) = await host.Get(host.Owner.Client, $"/fhir/Observation?patient={Me}&{code}", "observation-by-code-" + count);

        status.ShouldBe(HttpStatusCode.OK);
        bundle["total"]!.GetValue<int>().ShouldBe(count);
    }

    [Theory]
    [InlineData("QuestionnaireResponse")]
    [InlineData("CarePlan")]
    public async Task Given_a_saved_assessment_When_searching_and_reading_by_id_Then_the_same_resource_comes_back(string type)
    {
        var (status, bundle, _) = await host.Get(host.Owner.Client, $"/fhir/{type}?patient={Me}", $"{type}-search");
        var (readStatus, resource, _) = await host.Get(host.Owner.Client, $"/fhir/{type}/{host.AssessmentId}", $"{type}-read");

        status.ShouldBe(HttpStatusCode.OK);
        readStatus.ShouldBe(HttpStatusCode.OK);
        var found = Resources(bundle).ShouldHaveSingleItem();
        found["id"]!.GetValue<string>().ShouldBe(host.AssessmentId.ToString());
        resource.ToJsonString().ShouldBe(found.ToJsonString());
        if (type == "CarePlan")
        {
            resource["description"]!.GetValue<string>().ShouldStartWith("Emergency");
        }
        else
        {
            resource["item"]!.AsArray().ShouldContain(i => i!["linkId"]!.GetValue<string>() == "saddle_numbness");
        }
    }

    [Fact]
    public async Task Given_a_diary_entry_When_its_Observation_is_read_by_id_Then_its_pain_score()
    {
        var (status, body, _) = await host.Get(host.Owner.Client, $"/fhir/Observation/diary-{host.DiaryId}", "observation-read");

        status.ShouldBe(HttpStatusCode.OK);
        body["valueInteger"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task Given_a_person_with_visits_When_searching_Appointments_Then_each_visit_with_its_status_times_participants_and_service_type()
    {
        var (status, bundle, _) = await host.Get(host.Owner.Client, $"/fhir/Appointment?patient={Me}", "appointment-search");

        status.ShouldBe(HttpStatusCode.OK);
        bundle["total"]!.GetValue<int>().ShouldBe(2);
        var visits = Resources(bundle).ToDictionary(r => r["id"]!.GetValue<string>());
        var video = visits[host.VideoVisitId.ToString()];
        video["status"]!.GetValue<string>().ShouldBe("booked");
        video["serviceType"]![0]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("telemedicine");
        DateTimeOffset.Parse(video["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.Parse(video["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        video["participant"]![0]!["actor"]!["reference"]!.GetValue<string>().ShouldBe($"Patient/{Me}");
        video["participant"]!.AsArray().Count.ShouldBe(3, "the patient, the clinician and the clinic");
        var cancelled = visits[host.CancelledVisitId.ToString()];
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["serviceType"]![0]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("in-person");

        var (readStatus, read, _) = await host.Get(host.Owner.Client, $"/fhir/Appointment/{host.VideoVisitId}", "appointment-read");
        readStatus.ShouldBe(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(video.ToJsonString());
    }

    [Fact]
    public async Task Given_a_clinician_of_the_persons_clinic_When_reading_their_FHIR_resources_Then_they_are_served_and_each_read_is_audited_with_the_clinician_as_actor()
    {
        var (clinician, clinicianId) = await ClinicianAsync(host.DemoClinicId);
        using var _c = clinician;
        var me = Me.ToString();

        var answers = new List<(HttpStatusCode Status, JsonObject Body)>();
        foreach (var (path, name) in new[]
        {
            ($"/fhir/Patient/{me}", "clinician-patient"), ($"/fhir/Observation?patient={me}", "clinician-observation-search"),
            ($"/fhir/QuestionnaireResponse/{host.AssessmentId}", "clinician-questionnaire-read"), ($"/fhir/Appointment?patient={me}", "clinician-appointment-search"),
            ($"/fhir/Appointment/{host.VideoVisitId}", "clinician-appointment-read"), ($"/fhir/Patient/{me}/$everything", "clinician-everything"),
        })
        {
            var (status, body, _) = await host.Get(clinician, path, name);
            answers.Add((status, body));
        }

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        answers[3].Body["total"]!.GetValue<int>().ShouldBe(2);
        Resources(answers[5].Body).Count(r => r["resourceType"]!.GetValue<string>() == "Appointment").ShouldBe(2);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var reads = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == clinicianId && e.SubjectId == Me && e.Action == AuditAction.Read)
            .Select(e => e.ResourceType).ToListAsync();
        reads.ShouldBe(
            ["Fhir.Patient", "Fhir.Observation", "Fhir.QuestionnaireResponse", "Fhir.Appointment", "Fhir.Appointment", "Fhir.Patient.$everything"],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Given_a_clinician_of_another_clinic_When_reading_the_persons_FHIR_resources_Then_every_one_is_not_found_and_nothing_is_audited()
    {
        Guid otherClinic;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinic = new BackCare.Data.Clinics.Clinic("Hillside Back Clinic", "2 Hill Road", "+1 555 0199", "America/Chicago");
            db.Clinics.Add(clinic);
            await db.SaveChangesAsync();
            otherClinic = clinic.Id;
        }

        var (clinician, clinicianId) = await ClinicianAsync(otherClinic);
        using var _c = clinician;
        var me = Me.ToString();

        foreach (var path in new[]
        {
            $"/fhir/Patient/{me}", $"/fhir/Observation?patient={me}", $"/fhir/Observation/diary-{host.DiaryId}", $"/fhir/CarePlan/{host.AssessmentId}",
            $"/fhir/Appointment?patient={me}", $"/fhir/Appointment/{host.VideoVisitId}", $"/fhir/Patient/{me}/$everything",
        })
        {
            using var response = await clinician.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Robin Example");
        }

        await using var read = host.Factory.Services.CreateAsyncScope();
        (await read.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents.AsNoTracking()
            .CountAsync(e => e.ActorId == clinicianId && e.SubjectId == Me)).ShouldBe(0);
    }

    /// <summary>A clinician of the clinic, signed in through the API with two steps, as a FHIR client would be.</summary>
    private async Task<(HttpClient Client, Guid AccountId)> ClinicianAsync(Guid clinicId)
    {
        var email = Accounts.Accounts.NewEmail();
        Guid accountId;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<BackCare.Data.Accounts.AccountService>()
                .RegisterClinicianAsync(email, Accounts.Accounts.Password, "Dr. Ada Moss", clinicId);
            accountId = outcome.Account!.Id;
        }

        return (await Accounts.TwoStepSignIn.SignedInClientAsync(host.Factory, email), accountId);
    }

    /// <summary>A read of the Patient loads only the account and the newest assessment; it must be the Patient of the whole file.</summary>
    [Fact]
    public async Task Given_a_newer_assessment_with_another_age_and_sex_When_reading_the_Patient_Then_the_newest_speaks_and_it_is_the_Patient_of_everything()
    {
        using var person = await Patients.NewPerson(host.Factory.CreateClient());
        using (var older = await BackCare.Web.Tests.Accounts.Accounts.PostCase(person.Client, Patients.EmergencyCase))
        {
            older.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var newer = await BackCare.Web.Tests.Accounts.Accounts.PostCase(
            person.Client, """{"id":"n","age":61,"sex":"male","findings":{"pain_score":3,"onset_days":10}}"""))
        {
            newer.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (status, patient, _) = await host.Get(person.Client, $"/fhir/Patient/{person.Id}", "patient-newest");
        var (_, everything, _) = await host.Get(person.Client, $"/fhir/Patient/{person.Id}/$everything", "everything-newest");
        var (upperStatus, _, _) = await host.Get(person.Client, $"/fhir/Patient/{person.Id.ToString().ToUpperInvariant()}", "patient-upper-case");

        status.ShouldBe(HttpStatusCode.OK);
        patient["gender"]!.GetValue<string>().ShouldBe("male");
        patient.ToJsonString().ShouldBe(Resources(everything).First(r => r["resourceType"]!.GetValue<string>() == "Patient").ToJsonString());
        upperStatus.ShouldBe(HttpStatusCode.NotFound, "a resource id is matched as written, as before");
    }

    [Fact]
    public async Task Given_a_person_When_asking_for_everything_Then_a_searchset_of_the_patient_pain_scores_answers_and_plan()
    {
        var (status, bundle, _) = await host.Get(host.Owner.Client, $"/fhir/Patient/{Me}/$everything", "everything");

        status.ShouldBe(HttpStatusCode.OK);
        bundle["resourceType"]!.GetValue<string>().ShouldBe("Bundle");
        bundle["type"]!.GetValue<string>().ShouldBe("searchset");
        Resources(bundle).Select(r => $"{r["resourceType"]}/{r["id"]}").ShouldBe(
        [
            $"Patient/{Me}", $"Observation/diary-{host.DiaryId}", $"Observation/assessment-{host.AssessmentId}",
            $"QuestionnaireResponse/{host.AssessmentId}", $"CarePlan/{host.AssessmentId}",
            $"Appointment/{host.VideoVisitId}", $"Appointment/{host.CancelledVisitId}",
        ], ignoreOrder: true);
        bundle["entry"]![0]!["fullUrl"]!.GetValue<string>().ShouldBe($"https://backcare.clinic.example/fhir/Patient/{Me}");
    }

    [Fact]
    public async Task Given_a_patient_search_by_id_When_a_person_searches_Then_only_they_can_be_found()
    {
        var (_, own, _) = await host.Get(host.Owner.Client, $"/fhir/Patient?_id={Me}", "patient-search");
        var (_, other, _) = await host.Get(host.Owner.Client, $"/fhir/Patient?_id={host.Stranger.Id}", "patient-search-other");
        var (_, all, _) = await host.Get(host.Owner.Client, "/fhir/Patient", "patient-search-all");

        Resources(own).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(Me.ToString());
        other["total"]!.GetValue<int>().ShouldBe(0);
        Resources(all).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(Me.ToString());
    }

    [Theory]
    [InlineData("/fhir/Patient/{other}")]
    [InlineData("/fhir/Patient/{other}/$everything")]
    [InlineData("/fhir/Observation?patient={other}")]
    [InlineData("/fhir/QuestionnaireResponse?patient=Patient/{other}")]
    [InlineData("/fhir/QuestionnaireResponse/{otherAssessment}")]
    [InlineData("/fhir/CarePlan/{otherAssessment}")]
    [InlineData("/fhir/Patient/0190a3c4-0000-7000-8000-000000000000")]
    [InlineData("/fhir/Observation/diary-0190a3c4-0000-7000-8000-000000000000")]
    public async Task Given_another_persons_record_or_none_at_all_When_read_Then_the_same_404_OperationOutcome_and_nothing_of_theirs(string template)
    {
        var (strangerRecord, strangerAssessment) = await StrangerAssessment();
        var path = template.Replace("{other}", strangerRecord.ToString(), StringComparison.Ordinal)
            .Replace("{otherAssessment}", strangerAssessment.ToString(), StringComparison.Ordinal);

        var (status, body, _) = await host.Get(host.Owner.Client, path, "not-found-" + template);

        status.ShouldBe(HttpStatusCode.NotFound);
        body["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");
        body["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
        body.ToJsonString().ShouldNotContain("Robin");
        body.ToJsonString().ShouldNotContain("saddle");
    }

    [Theory]
    [InlineData("/fhir/Observation?patient={me}&date=ge2026-01-01", "date")]
    [InlineData("/fhir/Observation?patient=Patient/not%20an%20id", "patient")]
    [InlineData("/fhir/Patient?name=Robin", "name")]
    [InlineData("/fhir/CarePlan?patient={me}&patient={me}", "patient")]
    public async Task Given_a_search_parameter_BackCare_cannot_honour_When_searching_Then_400_OperationOutcome_names_it(string template, string parameter)
    {
        var (status, body, _) = await host.Get(host.Owner.Client, template.Replace("{me}", Me.ToString(), StringComparison.Ordinal), "bad-search-" + parameter);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");
        body["issue"]![0]!["diagnostics"]!.GetValue<string>().ShouldContain(parameter);
    }

    [Fact]
    public async Task Given_lenient_handling_When_searching_with_an_unknown_parameter_Then_it_is_ignored_and_left_out_of_the_self_link()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={Me}&_count=1");
        request.Headers.Add("Prefer", "handling=lenient");

        using var response = await host.Owner.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bundle = await Patients.Json(response);
        bundle["total"]!.GetValue<int>().ShouldBe(2);
        bundle["link"]![0]!["url"]!.GetValue<string>().ShouldBe($"https://backcare.clinic.example/fhir/Observation?patient={Me}");
    }

    [Theory]
    [InlineData("/fhir/Patient/{me}")]
    [InlineData("/fhir/Observation?patient={me}")]
    [InlineData("/fhir/Patient/{me}/$everything")]
    public async Task Given_no_token_When_reading_a_record_Then_401_OperationOutcome_asking_to_sign_in(string template)
    {
        using var anonymous = host.Factory.CreateClient();

        var (status, body, response) = await host.Get(anonymous, template.Replace("{me}", Me.ToString(), StringComparison.Ordinal), "unauthorized");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        body["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("login");
    }

    [Theory]
    [InlineData("POST", "/fhir/Patient", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/fhir/Patient/{me}", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/fhir/Medication?patient={me}", HttpStatusCode.NotFound)]
    [InlineData("GET", "/fhir/Patient/{me}?_format=xml", HttpStatusCode.NotAcceptable)]
    public async Task Given_something_a_read_only_JSON_server_does_not_do_When_asked_Then_an_OperationOutcome_with_the_fitting_status(
        string method, string template, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), template.Replace("{me}", Me.ToString(), StringComparison.Ordinal));

        using var response = await host.Owner.Client.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        (await Patients.Json(response))["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");
    }

    [Fact]
    public async Task Given_FHIR_reads_When_they_are_done_Then_each_is_audited_with_the_reader_as_actor_and_the_patient_as_subject()
    {
        using var reader = await Patients.NewPerson(host.Factory.CreateClient());
        var id = reader.Id;
        using var stranger = await host.Owner.Client.GetAsync($"/fhir/Patient/{id}");

        using var patient = await reader.Client.GetAsync($"/fhir/Patient/{id}");
        using var search = await reader.Client.GetAsync($"/fhir/Observation?patient={id}");
        using var everything = await reader.Client.GetAsync($"/fhir/Patient/{id}/$everything");

        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        patient.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var reads = await db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == id && e.Action == AuditAction.Read).ToListAsync();
        reads.Select(e => e.ResourceType).ShouldBe(["Fhir.Patient", "Fhir.Observation", "Fhir.Patient.$everything"], ignoreOrder: true);
        reads.ShouldAllBe(e => e.ActorId == id);
        reads.Single(e => e.ResourceType == "Fhir.Patient").ResourceId.ShouldBe(id.ToString());
    }

    /// <summary>Runs last in this class's fixture: the schema check of every answer the other tests collected.</summary>
    [Fact]
    public async Task Given_every_kind_of_FHIR_answer_When_checked_by_the_FHIR_R4_schema_Then_all_are_valid()
    {
        // Ask for each kind here too, so this test stands on its own whatever order the tests run in.
        var me = Me.ToString();
        foreach (var (path, name) in new[]
        {
            ("/fhir/metadata", "metadata"), ($"/fhir/Patient/{me}", "patient"), ($"/fhir/Patient?_id={me}", "patient-search"),
            ($"/fhir/Observation?patient={me}", "observation-search"), ($"/fhir/Observation/diary-{host.DiaryId}", "observation-read"),
            ($"/fhir/QuestionnaireResponse?patient={me}", "QuestionnaireResponse-search"), ($"/fhir/CarePlan?patient={me}", "CarePlan-search"),
            ($"/fhir/QuestionnaireResponse/{host.AssessmentId}", "QuestionnaireResponse-read"), ($"/fhir/CarePlan/{host.AssessmentId}", "CarePlan-read"),
            ($"/fhir/Appointment?patient={me}", "appointment-search"), ($"/fhir/Appointment/{host.VideoVisitId}", "appointment-read"),
            ($"/fhir/Patient/{me}/$everything", "everything"),
            ($"/fhir/Patient/{host.Stranger.Id}", "not-found"), ($"/fhir/Observation?patient={me}&date=ge2026", "bad-search"),
        })
        {
            await host.Get(host.Owner.Client, path, name);
        }

        Dictionary<string, JsonObject> answers;
        lock (host.Answers)
        {
            answers = host.Answers.ToDictionary(p => FileName(p.Key), p => p.Value);
        }

        var run = FhirValidator.Validate(answers);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain($"{answers.Count} of {answers.Count} resources valid");
        answers.Values.Select(a => a["resourceType"]!.GetValue<string>()).Distinct().ShouldBe(
            ["CapabilityStatement", "Patient", "Bundle", "Observation", "QuestionnaireResponse", "CarePlan", "Appointment", "OperationOutcome"], ignoreOrder: true);
    }

    private async Task<(Guid Patient, Guid Assessment)> StrangerAssessment()
    {
        using var list = await host.Stranger.Client.GetAsync("/api/assessments");
        var first = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray()[0]!;
        return (host.Stranger.Id, Guid.Parse(first["id"]!.GetValue<string>()));
    }

    private static List<JsonObject> Resources(JsonObject bundle) =>
        bundle["entry"] is JsonArray entries ? [.. entries.Select(e => e!["resource"]!.AsObject())] : [];

    private static string FileName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
}
