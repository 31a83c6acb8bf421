using System.Text.Json.Nodes;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Interop.CdsHooks;
using BackCare.Interop.Fhir;
using BenchmarkDotNet.Attributes;

namespace BackCare.Benchmarks;

/// <summary>
/// One CDS Hooks patient-view call as the endpoint will make it: the request body read, the newest
/// assessment rebuilt from its QuestionnaireResponse, the engine run and the card written out.
/// The prefetch holds three assessments and five pain scores, about what a month of use leaves.
/// </summary>
[MemoryDiagnoser]
public class CdsHookBenchmarks
{
    private readonly CdsTriage _triage = new(new CdsOptions("https://clinic.example/book/{patientId}"));
    private string _emergencyBody = null!;
    private string _homeCareBody = null!;
    private CdsHookRequest _emergencyRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        var mapper = new FhirMapper(new Uri("https://clinic.example/fhir"));
        var monday = new DateTimeOffset(2026, 11, 16, 9, 30, 0, TimeSpan.Zero);
        AssessmentRecord Assessment(string id, int daysAgo, string findings)
        {
            var read = CaseReader.Read($$"""{"id":"{{id}}","age":52,"sex":"female","findings":{{findings}}}""");
            return new AssessmentRecord(id, "p-1", monday.AddDays(-daysAgo), read.Case!, new Assessor(null).Assess(read.Case!));
        }

        var older = new[]
        {
            Assessment("a-1", 20, """{"onset_days":2,"trigger":"lifting","pain_score":7,"pain_region":"lower","course":"unchanged"}"""),
            Assessment("a-2", 10, """{"onset_days":12,"trigger":"lifting","pain_score":5,"pain_region":"lower","course":"improving","kidney_disease":true}"""),
        };
        var emergency = Assessment("a-3", 0, """{"onset_days":3,"trigger":"unknown","pain_score":6,"bladder_dysfunction":true,"saddle_numbness":true,"sciatica":true}""");
        var homeCare = Assessment("a-3", 0, """{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower","course":"unchanged","blood_thinners":true}""");
        var pains = Enumerable.Range(0, 5).Select(i => mapper.PainObservation(new PainRecord($"o-{i}", "p-1", monday.AddDays(i - 3), 6 - i))).ToList();

        string Body(AssessmentRecord newest) => new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            ["context"] = new JsonObject { ["userId"] = "Practitioner/dr-1", ["patientId"] = "p-1" },
            ["prefetch"] = new JsonObject
            {
                ["patient"] = mapper.Patient(new PatientRecord("p-1", "Ana Example", null, 52, "female")),
                ["observations"] = mapper.SearchSet(pains.Select(p => (JsonObject)p.DeepClone())),
                ["questionnaireResponses"] = mapper.SearchSet([.. older.Select(mapper.QuestionnaireResponse), mapper.QuestionnaireResponse(newest)]),
            },
        }.ToJsonString();

        _emergencyBody = Body(emergency);
        _homeCareBody = Body(homeCare);
        _emergencyRequest = CdsHookRequestReader.Read(_emergencyBody).Request!;
    }

    [Benchmark(Baseline = true)]
    public string EmergencyBodyToCard() => _triage.Answer(CdsHookRequestReader.Read(_emergencyBody).Request!).ToJsonString();

    [Benchmark]
    public string HomeCareBodyToCard() => _triage.Answer(CdsHookRequestReader.Read(_homeCareBody).Request!).ToJsonString();

    [Benchmark]
    public JsonObject EmergencyParsedRequestToCard() => _triage.Answer(_emergencyRequest);
}
