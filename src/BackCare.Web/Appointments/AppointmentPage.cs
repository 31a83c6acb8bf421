using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Appointments;

/// <summary>
/// A page about one of the signed-in person's appointments. Anyone else's id is simply not found (404), as on the
/// API, and each read of an appointment is in the audit log.
/// </summary>
[Authorize]
public abstract class AppointmentPage(BackCareDbContext db, AuditLog audit) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public AppointmentDocument Appointment { get; private set; } = null!;

    public Clinic Clinic { get; private set; } = null!;

    /// <summary>The visit that took this one's place, when it was moved.</summary>
    public AppointmentDocument? MovedTo { get; private set; }

    public AppointmentSummaryView Summary => new(Appointment, MovedTo);

    /// <summary>True when the visit was booked after a check that said to see a doctor today.</summary>
    public bool IsUrgent => Appointment.Disposition == "urgent";

    protected BackCareDbContext Db => db;

    protected Guid Owner => AccountClaims.AccountIdOf(User)!.Value;

    /// <summary>Loads the appointment when it is the person's own; false otherwise.</summary>
    protected async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.FindOwnedAsync(Id, Owner, cancellationToken);
        if (appointment is null)
        {
            return false;
        }

        await audit.RecordReadAsync(appointment, cancellationToken);
        Appointment = await AppointmentsApi.DocumentAsync(db, appointment, cancellationToken);
        Clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == appointment.ClinicId, cancellationToken);
        if (appointment.MovedToId is { } movedTo && await db.Appointments.FindOwnedAsync(movedTo, Owner, cancellationToken) is { } replacement)
        {
            MovedTo = await AppointmentsApi.DocumentAsync(db, replacement, cancellationToken);
        }

        return true;
    }
}
