using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Appointments;

/// <summary>Asks before cancelling one of the person's appointments; the slot is then free for someone else.</summary>
public sealed class CancelModel(BackCareDbContext db, AuditLog audit, BookingService booking) : AppointmentPage(db, audit)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        return Appointment.Status == "booked" ? Page() : Redirect(BookingLinks.Appointment(Id));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await booking.CancelAsync(Owner, Id, cancellationToken)
            ? Redirect(BookingLinks.Appointment(Id, AppointmentModel.CancelledNotice))
            : NotFound();
}
