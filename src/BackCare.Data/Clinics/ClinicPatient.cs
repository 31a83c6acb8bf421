namespace BackCare.Data.Clinics;

/// <summary>
/// A person's place on one clinic's worklist, kept up to date as they assess, write their diary, book and write.
/// The worklist's order is one index: <see cref="Priority"/> (0 = a new red flag from the diary, then the
/// disposition's urgency), then <see cref="WaitingSinceUtc"/> (oldest first), so its first page costs the same
/// with a hundred patients or a hundred thousand. Rows change only through <see cref="WorklistUpdater"/>, whose
/// conditional updates never read a row and write it back, so two changes at once cannot undo each other.
/// </summary>
public sealed class ClinicPatient
{
    public const int NewRedFlagPriority = 0;

    public ClinicPatient(Guid clinicId, Guid patientId, int priority, DateTime waitingSinceUtc, string? disposition = null)
    {
        if (clinicId == Guid.Empty || patientId == Guid.Empty)
        {
            throw new ArgumentException("A worklist row needs its clinic and its patient.");
        }

        ClinicId = clinicId;
        PatientId = patientId;
        Priority = priority;
        WaitingSinceUtc = waitingSinceUtc;
        LastActivityUtc = waitingSinceUtc;
        Disposition = disposition;
    }

    private ClinicPatient()
    {
    }

    public Guid ClinicId { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>0 a new red flag, 1 emergency, 2 urgent, 3 routine, 4 self-care (see <see cref="PriorityOf"/>).</summary>
    public int Priority { get; private set; }

    /// <summary>Since when the person has been waiting for the clinic to act on their current priority.</summary>
    public DateTime WaitingSinceUtc { get; private set; }

    public DateTime LastActivityUtc { get; private set; }

    /// <summary>The contract's disposition code of the person's latest assessment or diary entry, when there is one.</summary>
    public string? Disposition { get; private set; }

    /// <summary>
    /// The finding codes of red flags the diary reported since the clinic last acted, space-separated; null when none.
    /// Kept on the row so that the worklist can say why without reading the diary.
    /// </summary>
    public string? RedFlags { get; private set; }

    /// <summary>
    /// When a clinician acknowledged the row (who, and what they saw, is in <see cref="WorklistAcknowledgement"/>);
    /// null while the row is on the worklist. Anything new about the person clears it and brings the row back.
    /// </summary>
    public DateTime? AcknowledgedUtc { get; private set; }

    public bool IsAcknowledged => AcknowledgedUtc is not null;

    /// <summary>
    /// The clinician of the clinic who looks after the person (who assigned them, when and with what note is in
    /// <see cref="WorklistAssignment"/>); null when nobody is. News does not change it.
    /// </summary>
    public Guid? AssignedClinicianId { get; private set; }

    /// <summary>
    /// The latest milestone (<see cref="StalledRecovery.Milestones"/>: days since the person's first check) at which their
    /// recovery was found stalled and they were raised for it; null before any. Each milestone raises a row once.
    /// </summary>
    public int? StalledDays { get; private set; }

    /// <summary>When the row was last raised for stalled recovery (<see cref="StalledDays"/>); null before any.</summary>
    public DateTime? StalledUtc { get; private set; }

    /// <summary>
    /// The person's name as the list of all the clinic's patients sorts it (lower case), kept by the database from their
    /// account (migration 0028), so that the list pages by <c>ix_clinic_patients_by_name</c>; never written from here.
    /// </summary>
    public string SortName { get; private set; } = "";

    /// <summary>The milestone at which stalled recovery raised the person, while that is part of why they wait now; null otherwise.</summary>
    public int? StalledNow => StalledRecovery.PartOfWait(StalledDays, StalledUtc, AcknowledgedUtc, WaitingSinceUtc);

    /// <summary>The contract's disposition code, or "red_flag" for a new red flag in the diary.</summary>
    public static int PriorityOf(string disposition) => disposition switch
    {
        "red_flag" => NewRedFlagPriority,
        "emergency" => 1,
        "urgent" => 2,
        "routine" => 3,
        _ => 4,
    };
}
