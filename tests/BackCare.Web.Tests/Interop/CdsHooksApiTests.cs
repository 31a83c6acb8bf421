using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Interop.Fhir;

namespace BackCare.Web.Tests.Interop;

/// <summary>CDS Hooks 2.0 through the real host: discovery, a patient-view call per indicator, and the errors.</summary>
public sealed class CdsHooksApiTests(CdsHooksApiTests.Host host) : IClassFixture<CdsHooksApiTests.Host>
{
    private const string PublicBaseUrl = "https://backcare.clinic.example";
    private const string AllowedOrigin = "https://ehr.example";
    private const string ServicePath = "/cds-services/backcare-back-pain-triage";

    // The EHR's own FHIR base: the prefetched resources are written as the EHR would serve them.
    private static readonly FhirMapper Ehr = new(new Uri("https://ehr.example/fhir"));
    private static readonly Assessor Engine = new(narrativeReader: null);

    public sealed class Host : IDisposable
    {
        public BackCareFactory Factory { get; } = BackCareFactory.With(new()
        {
            ["Interop:PublicBaseUrl"] = PublicBaseUrl,
            ["Interop:CdsAllowedOrigins:0"] = AllowedOrigin,
        });

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Given_the_discovery_endpoint_When_a_CDS_client_asks_Then_it_lists_the_patient_view_service_with_its_prefetch_templates()
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync("/cds-services");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var service = (await Patients.Json(response))["services"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        service["hook"]!.GetValue<string>().ShouldBe("patient-view");
        service["id"]!.GetValue<string>().ShouldBe("backcare-back-pain-triage");
        service["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        var prefetch = service["prefetch"]!.AsObject();
        prefetch["patient"]!.GetValue<string>().ShouldBe("Patient/{{context.patientId}}");
        prefetch["observations"]!.GetValue<string>().ShouldBe("Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3");
        prefetch["questionnaireResponses"]!.GetValue<string>().ShouldBe("QuestionnaireResponse?patient={{context.patientId}}");
    }

    [Theory]
    [InlineData("""{"pain_score":6,"onset_days":3,"bladder_dysfunction":true,"saddle_numbness":true}""", "critical", "emergency", "EMERGENCY")]
    [InlineData("""{"pain_score":5,"onset_days":2,"trigger":"none","fever":true}""", "warning", "urgent", "See today")]
    [InlineData("""{"pain_score":4,"onset_days":5,"trigger":"posture","course":"unchanged","weight_loss":true}""", "info", "routine", "routine")]
    [InlineData("""{"pain_score":7,"onset_days":1,"trigger":"lifting","pain_region":"lower","course":"unchanged"}""", "info", "self_care", "home care")]
    public async Task Given_a_prefetched_assessment_When_the_hook_is_called_Then_one_card_with_the_indicator_reasons_source_and_booking_link(
        string findings, string indicator, string disposition, string summaryWords)
    {
        var assessment = Assessment(findings);
        assessment.Result.Disposition.WireName().ShouldBe(disposition);
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, HookRequest(assessment));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var answer = await Patients.Json(response);
        answer.Select(p => p.Key).ShouldBe(["cards"]);
        var card = answer["cards"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        Guid.TryParse(card["uuid"]!.GetValue<string>(), out _).ShouldBeTrue();
        var summary = card["summary"]!.GetValue<string>();
        summary.Length.ShouldBeLessThan(140);
        summary.ShouldContain(summaryWords, Case.Insensitive);
        card["indicator"]!.GetValue<string>().ShouldBe(indicator);
        card["source"]!["label"]!.GetValue<string>().ShouldBe("BackCare");
        var detail = card["detail"]!.GetValue<string>();
        foreach (var reason in assessment.Result.Reasons)
        {
            detail.ShouldContain($"{reason.Text} (source: {reason.Source})");
        }

        var link = card["links"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        link["label"]!.GetValue<string>().ShouldContain("Book");
        link["type"]!.GetValue<string>().ShouldBe("absolute");
        link["url"]!.GetValue<string>().ShouldBe($"{PublicBaseUrl}/book?disposition={disposition}&patient=ehr-42");
    }

    [Fact]
    public async Task Given_a_client_that_found_no_questionnaire_responses_When_the_hook_is_called_Then_an_empty_list_of_cards()
    {
        var request = HookRequest(Assessment("""{"fever":true}"""));
        request["prefetch"]!["questionnaireResponses"] = null;
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"cards":[]}""");
    }

    [Fact]
    public async Task Given_a_client_that_did_not_prefetch_the_assessments_When_the_hook_is_called_Then_412_names_the_missing_key()
    {
        var request = HookRequest(Assessment("""{"fever":true}"""));
        request["prefetch"]!.AsObject().Remove("questionnaireResponses");
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, request);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Patients.Json(response))["detail"]!.GetValue<string>().ShouldContain("questionnaireResponses");
    }

    [Fact]
    public async Task Given_a_request_without_hookInstance_and_patientId_When_the_hook_is_called_Then_400_names_both_fields()
    {
        var request = HookRequest(Assessment("""{"fever":true}"""));
        request.Remove("hookInstance");
        request["context"]!.AsObject().Remove("patientId");
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await Patients.Json(response))["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["hookInstance", "context.patientId"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("not json at all", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"hook":"patient-view"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Given_a_body_that_is_not_a_JSON_hook_request_When_posted_Then_it_is_refused(string body, string mediaType, HttpStatusCode status)
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.PostAsync(ServicePath, new StringContent(body, Encoding.UTF8, mediaType));

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_an_unknown_service_id_When_called_Then_404()
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.PostAsync("/cds-services/no-such-service",
            new StringContent(HookRequest(Assessment("""{"fever":true}""")).ToJsonString(), Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_a_browser_CDS_client_on_an_allowed_origin_When_it_asks_before_posting_Then_CORS_allows_it()
    {
        using var client = host.Factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, ServicePath);
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");

        using var response = await client.SendAsync(preflight);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AllowedOrigin]);
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().ShouldContain("authorization");
    }

    [Fact]
    public async Task Given_a_page_on_another_origin_When_it_reads_discovery_Then_no_CORS_header_lets_the_browser_show_it()
    {
        using var client = host.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private static AssessmentRecord Assessment(string findingsJson)
    {
        var read = CaseReader.Read($$"""{"id":"x","age":40,"sex":"male","findings":{{findingsJson}}}""");
        read.IsValid.ShouldBeTrue(read.ErrorText);
        return new AssessmentRecord("qr-1", "ehr-42", DateTimeOffset.UtcNow.AddHours(-2), read.Case!, Engine.Assess(read.Case!));
    }

    /// <summary>A patient-view request as an EHR sends it, with every prefetch key filled.</summary>
    private static JsonObject HookRequest(AssessmentRecord assessment) => new()
    {
        ["hook"] = "patient-view",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject { ["userId"] = "Practitioner/dr-7", ["patientId"] = "ehr-42" },
        ["prefetch"] = new JsonObject
        {
            ["patient"] = Ehr.Patient(new PatientRecord("ehr-42", "Kim Example", null, null, "male")),
            ["observations"] = Ehr.SearchSet([]),
            ["questionnaireResponses"] = Ehr.SearchSet([Ehr.QuestionnaireResponse(assessment)]),
        },
    };

    private static Task<HttpResponseMessage> Post(HttpClient client, JsonObject request) =>
        client.PostAsync(ServicePath, new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
}
