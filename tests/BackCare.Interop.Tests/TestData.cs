using System.Text.Json.Nodes;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Interop.Fhir;

namespace BackCare.Interop.Tests;

/// <summary>Records as the storage layer would hand them over, built from the contract's own JSON.</summary>
internal static class TestData
{
    public static readonly Uri BaseUrl = new("https://clinic.example/fhir");

    public static readonly FhirMapper Mapper = new(BaseUrl);

    public static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 30, 0, TimeSpan.Zero);

    private static readonly Assessor Engine = new(narrativeReader: null);

    public static AssessmentCase Case(string caseJson)
    {
        var read = CaseReader.Read(caseJson);
        read.IsValid.ShouldBeTrue(read.ErrorText);
        return read.Case!;
    }

    public static AssessmentRecord Assessment(string id, string patientId, DateTimeOffset at, int age, string findingsJson, string? sex = "female", string? narrative = null)
    {
        var sexJson = sex is null ? "null" : $"\"{sex}\"";
        var narrativeJson = narrative is null ? "null" : JsonValue.Create(narrative).ToJsonString();
        var assessmentCase = Case($$"""{"id":"{{id}}","age":{{age}},"sex":{{sexJson}},"narrative":{{narrativeJson}},"findings":{{findingsJson}}}""");
        return new AssessmentRecord(id, patientId, at, assessmentCase, Engine.Assess(assessmentCase));
    }

    /// <summary>A lifting strain without red flags: home care with a plan.</summary>
    public static AssessmentRecord HomeCare(string patientId = "p-1", string id = "a-home") =>
        Assessment(id, patientId, Monday, 34,
            """{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower","course":"unchanged","kidney_disease":true}""",
            sex: "male", narrative: "I lifted a sofa yesterday and my back went into a spasm.");

    /// <summary>Saddle numbness and new bladder trouble: an emergency.</summary>
    public static AssessmentRecord CaudaEquina(string patientId = "p-1", string id = "a-ces") =>
        Assessment(id, patientId, Monday, 52,
            """{"onset_days":3,"trigger":"unknown","pain_score":6,"bladder_dysfunction":true,"saddle_numbness":true}""");

    /// <summary>A fever with back pain: be seen today.</summary>
    public static AssessmentRecord Fever(string patientId = "p-1", string id = "a-fever") =>
        Assessment(id, patientId, Monday, 40, """{"onset_days":2,"trigger":"none","pain_score":5,"fever":true}""");

    public static PatientRecord Patient(string id = "p-1") => new(id, "Ana Example", "ana@example.org", 34, "female");

    public static PainRecord Pain(string id, DateTimeOffset at, int score, string patientId = "p-1") => new(id, patientId, at, score);

    public static AppointmentRecord Appointment(string kind = "telemedicine", string status = "booked", string? joinUrl = "https://video.example/room/42") =>
        new("ap-1", "p-1", "Dr. Jo Spine", "Northside Spine Clinic", Monday.AddDays(3), Monday.AddDays(3).AddMinutes(30), kind, status,
            kind == "telemedicine" ? joinUrl : null, "Back pain review");
}
