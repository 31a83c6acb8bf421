using BackCare.Interop.CdsHooks;

namespace BackCare.Interop.Tests.CdsHooks;

public class CdsHookRequestTests
{
    private const string Context = """{"userId":"Practitioner/dr-1","patientId":"p-1"}""";

    [Fact]
    public void Given_a_well_formed_patient_view_request_When_read_Then_every_field_is_taken()
    {
        var read = CdsHookRequestReader.Read("""
            {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
             "fhirServer":"https://ehr.example/fhir","fhirAuthorization":{"access_token":"x","token_type":"Bearer","expires_in":300,"scope":"patient/*.read","subject":"cds"},
             "context":{"userId":"PractitionerRole/r-7","patientId":"p-1","encounterId":"e-3"},
             "prefetch":{"patient":{"resourceType":"Patient","id":"p-1"},"observations":null}}
            """);

        read.IsValid.ShouldBeTrue(read.ErrorText);
        var request = read.Request!;
        request.Hook.ShouldBe("patient-view");
        request.HookInstance.ShouldBe("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        request.FhirServer.ShouldBe(new Uri("https://ehr.example/fhir"));
        request.UserId.ShouldBe("PractitionerRole/r-7");
        request.PatientId.ShouldBe("p-1");
        request.EncounterId.ShouldBe("e-3");
        request.PrefetchOf("patient")!["id"]!.GetValue<string>().ShouldBe("p-1");
        request.Prefetch.ContainsKey("observations").ShouldBeTrue();
        request.PrefetchOf("observations").ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"hookInstance":"h","context":{{C}}}""", "hook", "is required")]
    [InlineData("""{"hook":"order-select","hookInstance":"h","context":{{C}}}""", "hook", "only the patient-view hook")]
    [InlineData("""{"hook":7,"hookInstance":"h","context":{{C}}}""", "hook", "non-empty string")]
    [InlineData("""{"hook":"patient-view","context":{{C}}}""", "hookInstance", "is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"","context":{{C}}}""", "hookInstance", "non-empty string")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h"}""", "context", "is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":"p-1"}""", "context", "must be an object")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p-1"}}""", "context.userId", "is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"userId":"dr-1","patientId":"p-1"}}""", "context.userId", "Practitioner/123")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"userId":"Practitioner/dr-1"}}""", "context.patientId", "is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"userId":"Practitioner/dr-1","patientId":"Patient/p-1"}}""", "context.patientId", "must be a FHIR id")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"userId":"Practitioner/dr-1","patientId":"p-1","encounterId":5}}""", "context.encounterId", "must be a string")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","fhirServer":"not a url","context":{{C}}}""", "fhirServer", "absolute URL")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","fhirAuthorization":{"access_token":"x"},"context":{{C}}}""", "fhirAuthorization", "together with fhirServer")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{{C}},"prefetch":[]}""", "prefetch", "must be an object")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{{C}},"prefetch":{"observations":[1]}}""", "prefetch.observations", "FHIR resource")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{{C}},"prefetch":{"patient":{"id":"p-1"}}}""", "prefetch.patient", "resourceType")]
    [InlineData("""[1,2]""", "$", "JSON object")]
    [InlineData("""{"hook":""", "$", "not valid JSON")]
    public void Given_a_request_with_one_thing_wrong_When_read_Then_it_is_refused_with_an_error_naming_that_field(string json, string field, string message)
    {
        var read = CdsHookRequestReader.Read(json.Replace("{{C}}", Context, StringComparison.Ordinal));

        read.IsValid.ShouldBeFalse();
        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Given_a_request_with_several_things_wrong_When_read_Then_each_is_named()
    {
        var read = CdsHookRequestReader.Read("""{"hook":"patient-view","context":{"userId":"nobody"}}""");

        read.Errors.Select(e => e.Field).ShouldBe(["hookInstance", "context.userId", "context.patientId"], ignoreOrder: true);
    }
}
