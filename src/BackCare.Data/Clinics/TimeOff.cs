namespace BackCare.Data.Clinics;

/// <summary>
/// A change to a clinician's regular hours on one local date: the whole day off when no times are given,
/// otherwise no slots between the two local times (a meeting, a half day).
/// </summary>
public sealed class TimeOff
{
    public TimeOff(Guid clinicianId, DateOnly date, string reason, int? startMinute = null, int? endMinute = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (startMinute.HasValue != endMinute.HasValue)
        {
            throw new ArgumentException("Give both times of the time off, or neither for the whole day.", nameof(endMinute));
        }

        if (startMinute is { } start && endMinute is { } end && (start < 0 || end > WeeklyAvailability.MinutesPerDay || end <= start))
        {
            throw new ArgumentOutOfRangeException(nameof(startMinute), "The time off must start before it ends, within the day.");
        }

        Id = Guid.CreateVersion7();
        ClinicianId = clinicianId;
        Date = date;
        Reason = reason.Trim();
        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    private TimeOff()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicianId { get; private set; }

    public DateOnly Date { get; private set; }

    public int? StartMinute { get; private set; }

    public int? EndMinute { get; private set; }

    public string Reason { get; private set; } = "";

    public bool IsWholeDay => StartMinute is null;
}
