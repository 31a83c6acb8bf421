using System.Text.Json.Nodes;
using BackCare.Interop.CdsHooks;

namespace BackCare.Interop.Tests.CdsHooks;

public class CdsDiscoveryTests
{
    [Fact]
    public void Given_the_discovery_endpoint_When_asked_Then_it_lists_one_patient_view_service_with_the_required_fields()
    {
        var services = CdsDiscovery.Services()["services"]!.AsArray();

        var service = services.ShouldHaveSingleItem()!.AsObject();
        service["hook"]!.GetValue<string>().ShouldBe("patient-view");
        service["id"]!.GetValue<string>().ShouldBe("backcare-back-pain-triage");
        service["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        service["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("patient", "Patient/{{context.patientId}}")]
    [InlineData("observations", "Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3")]
    [InlineData("questionnaireResponses", "QuestionnaireResponse?patient={{context.patientId}}")]
    public void Given_the_discovery_endpoint_When_asked_Then_each_prefetch_template_asks_for_the_patients_own_data(string key, string template)
    {
        var prefetch = CdsDiscovery.Services()["services"]![0]!["prefetch"]!.AsObject();

        prefetch[key]!.GetValue<string>().ShouldBe(template);
        prefetch.Count.ShouldBe(3);
    }

    [Fact]
    public void Given_the_discovery_document_When_serialised_Then_it_has_only_fields_the_specification_names()
    {
        var service = JsonNode.Parse(CdsDiscovery.Services().ToJsonString())!["services"]![0]!.AsObject();

        service.Select(p => p.Key).ShouldBeSubsetOf(["hook", "title", "description", "id", "prefetch", "usageRequirements"]);
    }
}
