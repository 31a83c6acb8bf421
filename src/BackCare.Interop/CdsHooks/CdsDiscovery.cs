using System.Text.Json.Nodes;
using BackCare.Interop.Fhir;

namespace BackCare.Interop.CdsHooks;

/// <summary>What <c>GET /cds-services</c> answers: BackCare's one service, on the patient-view hook.</summary>
public static class CdsDiscovery
{
    public const string ServiceId = "backcare-back-pain-triage";

    public const string PatientPrefetchKey = "patient";

    public const string ObservationsPrefetchKey = "observations";

    public const string QuestionnaireResponsesPrefetchKey = "questionnaireResponses";

    /// <summary>The prefetch templates: the patient, their pain scores (by LOINC code) and their questionnaire answers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Prefetch = new Dictionary<string, string>
    {
        [PatientPrefetchKey] = "Patient/{{context.patientId}}",
        [ObservationsPrefetchKey] = $"Observation?patient={{{{context.patientId}}}}&code={FhirMapper.LoincSystem}|{FhirMapper.PainSeverityCode}",
        [QuestionnaireResponsesPrefetchKey] = "QuestionnaireResponse?patient={{context.patientId}}",
    };

    public static JsonObject Services()
    {
        var prefetch = new JsonObject();
        foreach (var (key, template) in Prefetch)
        {
            prefetch[key] = template;
        }

        return new JsonObject
        {
            ["services"] = FhirJson.Array(new JsonObject
            {
                ["hook"] = CdsHookRequestReader.PatientViewHook,
                ["title"] = InteropText.Get("cds.service_title"),
                ["description"] = InteropText.Get("cds.service_description"),
                ["id"] = ServiceId,
                ["prefetch"] = prefetch,
            }),
        };
    }
}
