using System.Globalization;
using System.Text;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinician;

/// <summary>The outcomes page's tables as one CSV file (<see cref="OutcomeTables.Csv"/>), read and audited as the page is.</summary>
public sealed class OutcomesCsvModel(BackCareDbContext db, AuditLog audit, OutcomesRefresher refresher, TimeProvider clock) : OutcomesPage(db, audit, refresher, clock)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync("csv", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Outcomes is null)
        {
            return NotFound();
        }

        var lastDay = SlotPlanner.LocalDate(Clinic!.TimeZone, Outcomes.Window.ToUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(Encoding.UTF8.GetBytes(OutcomeTables.Csv(Tables)), "text/csv; charset=utf-8", $"outcomes-{lastDay}.csv");
    }
}
