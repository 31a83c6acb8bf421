namespace BackCare.Data.Clinics;

/// <summary>
/// A clinician's regular hours on one weekday, in the clinic's local time, cut into slots of one kind.
/// Minutes count from local midnight so that the rule means the same in winter and summer time.
/// </summary>
public sealed class WeeklyAvailability
{
    public const int MinutesPerDay = 24 * 60;

    public WeeklyAvailability(Guid clinicianId, DayOfWeek day, int startMinute, int endMinute, int slotMinutes, SlotKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startMinute);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endMinute, MinutesPerDay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(endMinute, startMinute);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotMinutes, 5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotMinutes, endMinute - startMinute);

        Id = Guid.CreateVersion7();
        ClinicianId = clinicianId;
        Day = day;
        StartMinute = startMinute;
        EndMinute = endMinute;
        SlotMinutes = slotMinutes;
        Kind = kind;
    }

    private WeeklyAvailability()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicianId { get; private set; }

    public DayOfWeek Day { get; private set; }

    public int StartMinute { get; private set; }

    public int EndMinute { get; private set; }

    public int SlotMinutes { get; private set; }

    public SlotKind Kind { get; private set; }
}
