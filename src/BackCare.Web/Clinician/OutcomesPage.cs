using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>
/// What the outcomes page and its CSV share: which clinic's figures the reader may see, the figures, and their audit
/// (decision 0019). The figures are the clinic's latest snapshot (<see cref="ClinicOutcomeSnapshot"/>), worked out once
/// when there is none yet, and asked again in the background when it is due, so that the reader never waits for it. A clinician sees their own clinic only (naming another is 404); an administrator, who works for
/// every clinic of the server, names one with <c>?clinic=</c>, or gets the only one there is.
/// </summary>
[Authorize(Policy = AccountPolicies.ClinicStaff)]
public abstract class OutcomesPage(BackCareDbContext db, AuditLog audit, OutcomesRefresher refresher, TimeProvider clock) : PageModel
{
    /// <summary>The audit's resource type: one read per view, with the clinic as its subject.</summary>
    public const string AuditResource = "ClinicOutcomes";

    [BindProperty(Name = "clinic", SupportsGet = true)]
    public Guid? ClinicAsked { get; set; }

    public Clinic? Clinic { get; private set; }

    public ClinicOutcomes? Outcomes { get; private set; }

    public IReadOnlyList<OutcomeTable> Tables { get; private set; } = [];

    /// <summary>The address of the CSV of the same clinic.</summary>
    public string CsvHref => ClinicAsked is { } clinic ? $"/clinic/outcomes.csv?clinic={clinic}" : "/clinic/outcomes.csv";

    protected BackCareDbContext Db { get; } = db;

    private bool IsAdministrator => User.IsInRole(nameof(AccountRole.Administrator));

    /// <summary>
    /// Finds the clinic, reads its figures and records the read, saying which <paramref name="view"/> showed them.
    /// Null when the figures are loaded or an administrator has a clinic to choose (<see cref="Clinic"/> stays null);
    /// otherwise the answer to give.
    /// </summary>
    protected async Task<IActionResult?> LoadAsync(string view, CancellationToken cancellationToken)
    {
        var own = AccountClaims.ClinicIdOf(User);
        if (!IsAdministrator && ClinicAsked is { } asked && asked != own)
        {
            return NotFound();
        }

        var clinicId = IsAdministrator ? ClinicAsked ?? own ?? await OnlyClinicAsync(cancellationToken) : own;
        if (clinicId is null)
        {
            return null;
        }

        Clinic = await Db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        if (Clinic is null)
        {
            return NotFound();
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        Outcomes = await ClinicOutcomeSnapshot.LatestAsync(Db, Clinic.Id, cancellationToken);
        if (Outcomes is null)
        {
            Outcomes = await ClinicOutcomeSnapshot.RefreshAsync(Db, Clinic.Id, Clinic.TimeZone, nowUtc, cancellationToken);
        }
        else if (ClinicOutcomeSnapshot.IsDue(Outcomes.Window.ToUtc, nowUtc))
        {
            refresher.Ask(Clinic.Id);
        }

        Tables = OutcomeTables.Of(Outcomes);
        await audit.RecordReadAsync(Clinic.Id, AuditResource, AuditDescription(view, Outcomes), cancellationToken);
        return null;
    }

    /// <summary>"page 2026-W39..2026-W50: triage_mix check_to_visit recovery improvement red_flags": what was shown, and how.</summary>
    public static string AuditDescription(string view, ClinicOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return $"{view} {outcomes.Window.Weeks[0]}..{outcomes.Window.Weeks[^1]}: " + string.Join(' ',
            OutcomeTables.TriageMix, OutcomeTables.CheckToVisit, OutcomeTables.Recovery, OutcomeTables.Improvement, OutcomeTables.RedFlags);
    }

    private async Task<Guid?> OnlyClinicAsync(CancellationToken cancellationToken)
    {
        var clinics = await Db.Clinics.AsNoTracking().Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        return clinics.Count == 1 ? clinics[0] : null;
    }
}
