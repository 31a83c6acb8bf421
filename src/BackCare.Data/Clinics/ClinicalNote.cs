namespace BackCare.Data.Clinics;

/// <summary>A clinician's note about a patient, seen by the clinic's clinicians and by the patient's export.</summary>
public sealed class ClinicalNote : IHealthRecord
{
    public const int MaxBodyLength = 8000;

    public ClinicalNote(Guid clinicId, Guid ownerId, Guid authorId, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyLength, nameof(body));
        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        OwnerId = ownerId;
        AuthorId = authorId;
        Body = body.Trim();
    }

    private ClinicalNote()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The patient the note is about.</summary>
    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string Body { get; private set; } = "";
}
