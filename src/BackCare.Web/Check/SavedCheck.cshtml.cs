using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Check;

/// <summary>
/// One of the person's saved checks, opened again as its result: the advice, the reasons and the plan, from the
/// answers it kept. Read only: nothing is saved again. Anyone else's check is not found, and the read is audited.
/// </summary>
[Authorize]
public sealed class SavedCheckModel(BackCareDbContext db, AuditLog audit, IOptions<EmergencyOptions> emergency, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public ResultView View { get; private set; } = null!;

    /// <summary>When it was saved, in words ("today", "Monday 3 March").</summary>
    public string Day { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var saved = await db.SavedAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id && a.OwnerId == owner, cancellationToken);
        if (saved is null || StateOf(saved) is not { } state)
        {
            return NotFound();
        }

        audit.Stage(AuditAction.Read, owner, nameof(SavedAssessment), saved.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        View = ResultView.For(state, SiteText.English, emergency.Value.Number);
        Day = PatientTimes.Day(saved.CreatedUtc, await ZoneOfAsync(db, owner, cancellationToken), clock.GetUtcNow().UtcDateTime);
        ViewData["HideEmergencyBanner"] = View.IsEmergency;
        return Page();
    }

    /// <summary>The check's answers as the check holds them; null when the saved case cannot be read.</summary>
    internal static CheckState? StateOf(SavedAssessment saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (CaseReader.Read(saved.CaseJson).Case is not { } read)
        {
            return null;
        }

        return new CheckState { Age = saved.Age ?? read.Age, SexAnswered = true, Sex = read.Sex, Findings = read.Findings?.Copy() ?? new() };
    }

    /// <summary>The clock of the person's clinic, else of the first clinic, for saying which day it was.</summary>
    internal static async Task<TimeZoneInfo> ZoneOfAsync(BackCareDbContext db, Guid owner, CancellationToken cancellationToken)
    {
        var zone = await db.ClinicPatients.AsNoTracking().Where(p => p.PatientId == owner)
            .Join(db.Clinics.AsNoTracking(), p => p.ClinicId, c => c.Id, (p, c) => c.TimeZoneId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Clinics.AsNoTracking().OrderBy(c => c.Name).Select(c => c.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
    }
}
