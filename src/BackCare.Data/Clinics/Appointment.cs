namespace BackCare.Data.Clinics;

/// <summary>
/// A person's booking of one slot, with the assessment that led to it. A rescheduled visit is the old
/// appointment cancelled and a new one booked, so the history shows both.
/// </summary>
public sealed class Appointment : IHealthRecord
{
    public const int MaxReasonLength = 500;

    public Appointment(Guid ownerId, Slot slot, string reason, Guid? assessmentId, string? disposition, string? joinUrl)
        : this(ownerId, slot, reason, assessmentId, disposition, _ => joinUrl)
    {
    }

    /// <summary>A booking whose video link is made from its own id (the link template may name the appointment).</summary>
    public Appointment(Guid ownerId, Slot slot, string reason, Guid? assessmentId, string? disposition, Func<Guid, string?> joinUrlFor)
    {
        ArgumentNullException.ThrowIfNull(joinUrlFor);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("An appointment needs the person it is for.", nameof(ownerId));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, MaxReasonLength, nameof(reason));
        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        SlotId = slot.Id;
        ClinicId = slot.ClinicId;
        ClinicianId = slot.ClinicianId;
        StartUtc = slot.StartUtc;
        EndUtc = slot.EndUtc;
        Kind = slot.Kind;
        Reason = reason.Trim();
        AssessmentId = assessmentId;
        Disposition = disposition;
        JoinUrl = slot.Kind == SlotKind.Telemedicine ? joinUrlFor(Id) : null;
        Status = AppointmentStatus.Booked;
    }

    private Appointment()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The patient's account.</summary>
    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid SlotId { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClinicianId { get; private set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public SlotKind Kind { get; private set; }

    public string Reason { get; private set; } = "";

    public Guid? AssessmentId { get; private set; }

    /// <summary>The contract's disposition code of the assessment at booking time, for the clinic's worklist.</summary>
    public string? Disposition { get; private set; }

    /// <summary>The video link of a telemedicine visit, built from the configured template.</summary>
    public string? JoinUrl { get; private set; }

    public AppointmentStatus Status { get; private set; }

    public DateTime? CancelledUtc { get; private set; }

    /// <summary>Set when this visit was moved: the appointment that took its place (this one is then cancelled).</summary>
    public Guid? MovedToId { get; private set; }

    /// <summary>Records where a visit went when it was moved; only a cancelled visit can have been moved.</summary>
    public void MovedTo(Guid appointmentId)
    {
        if (Status != AppointmentStatus.Cancelled || appointmentId == Guid.Empty || appointmentId == Id)
        {
            throw new InvalidOperationException("Only a visit cancelled for a move can point to the new one.");
        }

        MovedToId = appointmentId;
    }

    public void Cancel(DateTime nowUtc)
    {
        if (Status == AppointmentStatus.Cancelled)
        {
            return;
        }

        Status = AppointmentStatus.Cancelled;
        CancelledUtc = nowUtc;
    }
}
