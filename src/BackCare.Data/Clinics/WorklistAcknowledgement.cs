namespace BackCare.Data.Clinics;

/// <summary>
/// A clinician acknowledged a patient's worklist row: who, when, and what the row said then (its priority, the
/// disposition, the diary's red flags and since when the person had waited), so the clinic can later tell how fast
/// each red flag was acted on. A health record of the patient: saving one is audited, with the clinician as actor.
/// </summary>
public sealed class WorklistAcknowledgement : IHealthRecord
{
    public WorklistAcknowledgement(Guid clinicId, ClinicPatient row, Guid acknowledgedBy, DateTime acknowledgedUtc)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (clinicId != row.ClinicId || acknowledgedBy == Guid.Empty)
        {
            throw new ArgumentException("An acknowledgement is of the clinic's own row, by someone.");
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        OwnerId = row.PatientId;
        AcknowledgedBy = acknowledgedBy;
        CreatedUtc = acknowledgedUtc;
        Priority = row.Priority;
        Disposition = row.Disposition;
        RedFlags = row.RedFlags;
        WaitingSinceUtc = row.WaitingSinceUtc;
    }

    private WorklistAcknowledgement()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The patient whose row was acknowledged.</summary>
    public Guid OwnerId { get; private set; }

    /// <summary>When it was acknowledged.</summary>
    public DateTime CreatedUtc { get; private set; }

    public Guid ClinicId { get; private set; }

    /// <summary>The clinician's account.</summary>
    public Guid AcknowledgedBy { get; private set; }

    public int Priority { get; private set; }

    public string? Disposition { get; private set; }

    /// <summary>The diary's red flags the clinician saw, space-separated; null when none.</summary>
    public string? RedFlags { get; private set; }

    public DateTime WaitingSinceUtc { get; private set; }
}
