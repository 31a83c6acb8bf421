using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Appointments;

/// <summary>The signed-in person's appointments: the coming ones soonest first, then the past and cancelled ones.</summary>
[Authorize]
public sealed class AppointmentsModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>Enough for any one person; the API lists them all.</summary>
    public const int MaxShown = 100;

    public IReadOnlyList<AppointmentDocument> Upcoming { get; private set; } = [];

    public IReadOnlyList<AppointmentDocument> Past { get; private set; } = [];

    /// <summary>Every listed visit by id, so that a moved one can say where it went.</summary>
    public IReadOnlyDictionary<Guid, AppointmentDocument> ById { get; private set; } = new Dictionary<Guid, AppointmentDocument>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var appointments = await db.Appointments.AsNoTracking().OwnedBy(owner).Take(MaxShown).ToListAsync(cancellationToken);
        await audit.RecordListReadAsync<Appointment>(owner, cancellationToken);
        var documents = await AppointmentsApi.DocumentsAsync(db, appointments, cancellationToken);
        ById = documents.ToDictionary(d => d.Id);
        var now = clock.GetUtcNow();
        Upcoming = [.. documents.Where(a => a.Status == "booked" && a.EndUtc > now).OrderBy(a => a.StartUtc)];
        Past = [.. documents.Except(Upcoming).OrderByDescending(a => a.StartUtc)];
    }
}
