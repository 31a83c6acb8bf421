using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinician;

/// <summary>The clinic's patients, the most urgent and longest waiting first, a page at a time.</summary>
public sealed class WorklistModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : ClinicianPage(db)
{
    [BindProperty(Name = "after", SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<WorklistRow> Rows { get; private set; } = [];

    public string? NextHref { get; private set; }

    public bool IsFirstPage { get; private set; }

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken))
        {
            return NotFound();
        }

        NowUtc = clock.GetUtcNow().UtcDateTime;
        var cursor = WorklistCursor.Parse(After);
        IsFirstPage = cursor is null;
        var page = await Worklist.PageAsync(Db, ClinicId, cursor, NowUtc, cancellationToken: cancellationToken);
        Rows = page.Rows;
        NextHref = page.Next is { } next ? "/clinic?after=" + next.Encode() : null;

        // Each line names a person and why they need the clinic: a read of their record, recorded as such, all of the
        // page's in one write.
        await audit.RecordReadsAsync(Rows.Select(row => (row.PatientId, nameof(Worklist), (string?)null)), cancellationToken);
        return Page();
    }
}
