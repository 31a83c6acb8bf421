using BackCare.Data;
using BackCare.Data.Auditing;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Appointments;

/// <summary>One appointment: when on the clinic's clock, with whom, how, and for a video call the link to join.</summary>
public sealed class AppointmentModel(BackCareDbContext db, AuditLog audit) : AppointmentPage(db, audit)
{
    public const string BookedNotice = "booked";
    public const string MovedNotice = "moved";
    public const string CancelledNotice = "cancelled";

    [BindProperty(Name = "notice", SupportsGet = true)]
    public string? Notice { get; set; }

    public bool IsBooked => Appointment.Status == "booked";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();
}
