using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Appointments;

/// <summary>
/// Asks before cancelling one of the person's appointments; the slot is then free for someone else. A visit booked
/// after a check that said "see a doctor today" warns that they still need to be seen today, with other times and the
/// clinic's phone.
/// </summary>
public sealed class CancelModel(BackCareDbContext db, AuditLog audit, BookingService booking, BookingOffers offers) : AppointmentPage(db, audit)
{
    /// <summary>The times offered instead of an urgent visit: today's first, as on the result page.</summary>
    public BookingOffer? Others { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Appointment.Status != "booked")
        {
            return Redirect(BookingLinks.Appointment(Id));
        }

        if (IsUrgent)
        {
            Others = await offers.ForAsync(Disposition.Urgent, false, Owner, BookingOffers.OnResultPage, null, Clinic.Id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await booking.CancelAsync(Owner, Id, cancellationToken)
            ? Redirect(BookingLinks.Appointment(Id, AppointmentModel.CancelledNotice))
            : NotFound();
}
