using BackCare.Clinical.Contract;

namespace BackCare.Interop.Fhir;

// What the storage layer hands to the mapper. These are plain values, so this library knows nothing
// of the database and the database nothing of FHIR.

/// <summary>A person BackCare looks after. <paramref name="Sex"/> is female, male or other when known.</summary>
public sealed record PatientRecord(string Id, string DisplayName, string? Email, int? Age, string? Sex);

/// <summary>One pain score from the diary, 0 to 10.</summary>
public sealed record PainRecord(string Id, string PatientId, DateTimeOffset At, int Score);

/// <summary>One completed assessment: the case as answered and the engine's result.</summary>
public sealed record AssessmentRecord(string Id, string PatientId, DateTimeOffset At, AssessmentCase Case, AssessmentResult Result);

/// <summary>
/// A booked visit. <paramref name="Kind"/> is <c>in_person</c> or <c>telemedicine</c>;
/// <paramref name="Status"/> is one of <see cref="FhirMapper.AppointmentStatuses"/>' keys.
/// </summary>
public sealed record AppointmentRecord(
    string Id,
    string PatientId,
    string ClinicianName,
    string ClinicName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Kind,
    string Status,
    string? JoinUrl,
    string? Reason);
