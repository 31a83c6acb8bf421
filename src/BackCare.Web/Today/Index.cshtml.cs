using BackCare.Clinical.Contract;
using BackCare.Clinical.Plans;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Plans;
using BackCare.Data.Risk;
using BackCare.Web.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Today;

public sealed record ChecklistItem(string Id, string Text, SourceRef Source, bool Done);

/// <summary>
/// The signed-in person's day: today's plan steps as a checklist they tick and save (no script), a reminder of the
/// risk screen when it is due, a link to the diary, and the trend of pain and function drawn on the server.
/// Every read of their health data is recorded in the audit log.
/// </summary>
[Authorize]
public sealed class TodayModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>How long an emergency result fills the page on its own: after that it is a warning above the plan.</summary>
    public static readonly TimeSpan EmergencyShownAlone = TimeSpan.FromHours(48);

    /// <summary>The steps ticked in the form.</summary>
    [BindProperty(Name = "done")]
    public List<string> Done { get; set; } = [];

    /// <summary>The plan day the form was shown for, so a form saved after midnight still ticks the day it showed.</summary>
    [BindProperty(Name = "day")]
    public int FormDay { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public PersonalPlan? Plan { get; private set; }

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];

    public RiskScreenDue ScreenDue { get; private set; }

    public RiskScreen? LatestScreen { get; private set; }

    public DiaryEntry? LatestEntry { get; private set; }

    public bool WroteToday { get; private set; }

    public IReadOnlyList<TrendDay> Trend { get; private set; } = [];

    public string ChartSvg { get; private set; } = "";

    /// <summary>The newest saved check, whose advice the page follows when it needs a doctor.</summary>
    public SavedAssessment? Latest { get; private set; }

    public DateTime NowUtc { get; private set; }

    /// <summary>The newest check said "emergency" within <see cref="EmergencyShownAlone"/>: the page says only that.</summary>
    public bool EmergencyNow => Latest is { Disposition: "emergency" } latest && NowUtc - latest.CreatedUtc <= EmergencyShownAlone;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = Owner;
        var now = clock.GetUtcNow().UtcDateTime;
        NowUtc = now;
        Latest = await db.SavedAssessments.AsNoTracking().Where(a => a.OwnerId == owner)
            .OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var first = await FirstAssessment(owner, cancellationToken);
        var screens = await db.RiskScreens.AsNoTracking().OwnedBy(owner).ToListAsync(cancellationToken);
        LatestScreen = screens.FirstOrDefault();
        ScreenDue = PersonalPlan.ScreenDue(screens, now);
        audit.Stage(AuditAction.Read, owner, nameof(RiskScreen));
        if (first is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return Page();
        }

        Plan = PersonalPlan.For(first, LatestScreen, now);
        var entries = await db.DiaryEntries.AsNoTracking().OwnedBy(owner).ToListAsync(cancellationToken);
        var ticked = await Ticks(owner, Plan.PlanDay).ToListAsync(cancellationToken);
        audit.Stage(AuditAction.Read, owner, nameof(SavedAssessment), first.Id.ToString());
        audit.Stage(AuditAction.Read, owner, nameof(DiaryEntry));
        audit.Stage(AuditAction.Read, owner, nameof(PlanStepTick));
        await db.SaveChangesAsync(cancellationToken);

        LatestEntry = entries.FirstOrDefault();
        WroteToday = LatestEntry is not null && LatestEntry.CreatedUtc.Date == now.Date;
        Checklist = [.. Plan.Steps
            .Where(s => s.Id != ScreenAgainStep || ScreenDue != RiskScreenDue.No)
            .Select(s => new ChecklistItem(s.Id, s.Step.Text, SourceRef.Of(s.Step.Source, ResultText.English, SiteText.English), ticked.Contains(s.Id)))];
        FormDay = Plan.PlanDay;
        Trend = Plan.Trend(entries);
        var text = RecoveryText.English;
        ChartSvg = TrendChart.Render(Trend, new TrendChartText(
            text["chart_label"], text["chart_pain"], text["chart_function"], text["chart_days"], text["chart_day_tick"], text["chart_empty"]));
        return Page();
    }

    /// <summary>Saves the checklist of one plan day: ticked steps get a row, unticked ones lose theirs.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var owner = Owner;
        var now = clock.GetUtcNow().UtcDateTime;
        var first = await FirstAssessment(owner, cancellationToken);
        if (first is null)
        {
            return RedirectToPage();
        }

        var latest = await db.RiskScreens.AsNoTracking().OwnedBy(owner).FirstOrDefaultAsync(cancellationToken);
        var plan = PersonalPlan.For(first, latest, now);
        if (FormDay < 0 || FormDay > plan.PlanDay)
        {
            return BadRequest();
        }

        var offered = PersonalPlan.For(first, latest, first.CreatedUtc.AddDays(FormDay)).Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var wanted = Done.Where(offered.Contains).ToHashSet(StringComparer.Ordinal);
        var existing = await db.PlanStepTicks.Where(t => t.OwnerId == owner && t.PlanDay == FormDay).ToListAsync(cancellationToken);
        db.PlanStepTicks.RemoveRange(existing.Where(t => !wanted.Contains(t.StepId)));
        db.PlanStepTicks.AddRange(wanted.Except(existing.Select(t => t.StepId)).Select(id => new PlanStepTick(owner, FormDay, id)));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { saved = true });
    }

    /// <summary>The plan's reminder to screen again; left off once the second screen is done.</summary>
    private const string ScreenAgainStep = "risk-screen-again";

    private Guid Owner => AccountClaims.AccountIdOf(User)!.Value;

    private Task<SavedAssessment?> FirstAssessment(Guid owner, CancellationToken cancellationToken) =>
        db.SavedAssessments.AsNoTracking()
            .Where(a => a.OwnerId == owner)
            .OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private IQueryable<string> Ticks(Guid owner, int planDay) =>
        db.PlanStepTicks.AsNoTracking().Where(t => t.OwnerId == owner && t.PlanDay == planDay).Select(t => t.StepId);

    public bool NeedsCareNow => LatestEntry is { } entry && entry.Disposition is "emergency" or "urgent";

    public bool NoHomePlan => Plan is not null && Plan.Disposition >= Disposition.Urgent;
}
