using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>A slot nobody has booked, with who it is with.</summary>
public sealed record FreeSlot(Guid Id, Guid ClinicId, SlotKind Kind, DateTime StartUtc, DateTime EndUtc, Guid ClinicianId, string ClinicianName, Specialty Specialty);

public static class FreeSlots
{
    /// <summary>
    /// The clinic's slots that start in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) and have no booked
    /// appointment, earliest first. What it returns may be taken a moment later: booking is what decides.
    /// </summary>
    public static IQueryable<FreeSlot> FreeSlotsOf(
        this BackCareDbContext db, Guid clinicId, DateTime fromUtc, DateTime toUtc, SlotKind? kind = null, Specialty? specialty = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var slots = db.Slots.AsNoTracking().Where(s => s.ClinicId == clinicId && s.StartUtc >= fromUtc && s.StartUtc < toUtc);
        if (kind is { } k)
        {
            slots = slots.Where(s => s.Kind == k);
        }

        var clinicians = db.Clinicians.AsNoTracking();
        if (specialty is { } wanted)
        {
            clinicians = clinicians.Where(c => c.Specialty == wanted);
        }

        return Free(db, slots, clinicians);
    }

    /// <summary>As above, with any of several specialties (the doctors, say, without the physical therapists).</summary>
    public static IQueryable<FreeSlot> FreeSlotsOf(
        this BackCareDbContext db, Guid clinicId, DateTime fromUtc, DateTime toUtc, SlotKind? kind, IReadOnlyCollection<Specialty> specialties)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(specialties);
        var slots = db.Slots.AsNoTracking().Where(s => s.ClinicId == clinicId && s.StartUtc >= fromUtc && s.StartUtc < toUtc);
        if (kind is { } k)
        {
            slots = slots.Where(s => s.Kind == k);
        }

        var wanted = specialties.ToList();
        return Free(db, slots, db.Clinicians.AsNoTracking().Where(c => wanted.Contains(c.Specialty)));
    }

    private static IQueryable<FreeSlot> Free(BackCareDbContext db, IQueryable<Slot> slots, IQueryable<Clinician> clinicians) =>
        from s in slots
        join c in clinicians on s.ClinicianId equals c.Id
        where !db.Appointments.Any(a => a.SlotId == s.Id && a.Status == AppointmentStatus.Booked)
        orderby s.StartUtc, c.DisplayName
        select new FreeSlot(s.Id, s.ClinicId, s.Kind, s.StartUtc, s.EndUtc, c.Id, c.DisplayName, c.Specialty);
}
