namespace BackCare.Data.Clinics;

/// <summary>
/// One bookable time with one clinician. A slot is free unless a booked appointment points at it; the database's
/// unique index on booked appointments, not this class, is what keeps two people out of one slot.
/// </summary>
public sealed class Slot
{
    public Slot(Guid clinicId, Guid clinicianId, DateTime startUtc, DateTime endUtc, SlotKind kind)
    {
        if (startUtc.Kind != DateTimeKind.Utc || endUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Slot times are stored in UTC.", nameof(startUtc));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(endUtc, startUtc);
        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        ClinicianId = clinicianId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Kind = kind;
    }

    private Slot()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClinicianId { get; private set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public SlotKind Kind { get; private set; }
}
