namespace BackCare.Data.Clinics;

/// <summary>
/// A clinician of the clinic assigned a patient to a clinician of the same clinic, or to nobody: who, when, to whom, and
/// the hand-over note they left. A health record of the patient: saving one is audited, with the clinician as actor.
/// </summary>
public sealed class WorklistAssignment : IHealthRecord
{
    public const int MaxNoteLength = 1000;

    public WorklistAssignment(Guid clinicId, Guid patientId, Guid? clinicianId, Guid assignedBy, string? note, DateTime assignedUtc)
    {
        if (clinicId == Guid.Empty || patientId == Guid.Empty || clinicianId == Guid.Empty || assignedBy == Guid.Empty)
        {
            throw new ArgumentException("An assignment is of a clinic's patient, by someone.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > MaxNoteLength)
        {
            throw new ArgumentException($"A hand-over note is at most {MaxNoteLength} characters.", nameof(note));
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        OwnerId = patientId;
        ClinicianId = clinicianId;
        AssignedBy = assignedBy;
        Note = trimmed;
        CreatedUtc = assignedUtc;
    }

    private WorklistAssignment()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The patient who was assigned.</summary>
    public Guid OwnerId { get; private set; }

    /// <summary>When they were assigned.</summary>
    public DateTime CreatedUtc { get; private set; }

    public Guid ClinicId { get; private set; }

    /// <summary>The <see cref="Clinician"/> they were assigned to; null when they were unassigned.</summary>
    public Guid? ClinicianId { get; private set; }

    /// <summary>The account of the clinician who assigned them.</summary>
    public Guid AssignedBy { get; private set; }

    /// <summary>What the clinician handing over wrote for the next; null when nothing.</summary>
    public string? Note { get; private set; }
}
