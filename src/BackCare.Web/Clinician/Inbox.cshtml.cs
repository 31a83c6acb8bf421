using BackCare.Data;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>What people sent with the clinic's contact form, waiting ones first; each can be marked as handled.</summary>
public sealed class InboxModel(BackCareDbContext db, TimeProvider clock) : ClinicianPage(db)
{
    public const int MaxShown = 200;

    public IReadOnlyList<ContactRequest> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken))
        {
            return NotFound();
        }

        Requests = await Db.ContactRequests.AsNoTracking()
            .Where(r => r.ClinicId == ClinicId)
            .OrderBy(r => r.HandledUtc != null).ThenByDescending(r => r.CreatedUtc)
            .Take(MaxShown)
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>One update that is also the check: a request of another clinic is not found.</summary>
    public async Task<IActionResult> OnPostHandledAsync(Guid request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await Db.ContactRequests
            .Where(r => r.Id == request && r.ClinicId == ClinicId && r.HandledUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HandledUtc, now), cancellationToken);
        if (updated == 0 && !await Db.ContactRequests.AnyAsync(r => r.Id == request && r.ClinicId == ClinicId, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage();
    }
}
