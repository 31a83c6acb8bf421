using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>A clinic's outcomes over the last twelve weeks: five charts drawn on the server, each with its table.</summary>
public sealed class OutcomesModel(BackCareDbContext db, AuditLog audit, OutcomesRefresher refresher, TimeProvider clock) : OutcomesPage(db, audit, refresher, clock)
{
    /// <summary>The clinics an administrator can choose from, when they have not named one.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Choices { get; private set; } = [];

    /// <summary>Each table's chart, by the table's key.</summary>
    public IReadOnlyDictionary<string, string> Charts { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync("page", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Outcomes is null)
        {
            Choices = [.. (await Db.Clinics.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(500).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Name))];
            return Page();
        }

        Charts = Draw(Outcomes);
        return Page();
    }

    /// <summary>The first and last day the figures cover, in the clinic's time.</summary>
    public string Period(Func<OutcomesWindow, DateTime> instant) =>
        SlotPlanner.LocalDate(Clinic!.TimeZone, instant(Outcomes!.Window)).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>When the figures were worked out (the end of their window), as hours and minutes in the clinic's time.</summary>
    public string AsOfTime =>
        TimeZoneInfo.ConvertTimeFromUtc(Outcomes!.Window.ToUtc, Clinic!.TimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static int RefreshMinutes => (int)ClinicOutcomeSnapshot.MaxAge.TotalMinutes;

    public string Place => PatientTimes.Place(Clinic!.TimeZoneId) ?? Clinic.TimeZoneId;

    private static Dictionary<string, string> Draw(ClinicOutcomes outcomes)
    {
        var text = OutcomesText.English;
        ChartText Words(string key, string y) => new(text[key + "_chart_title"], text[key + "_chart_desc"], text[y], text["chart_empty"]);
        IReadOnlyList<string> weeks = [.. outcomes.Window.Weeks.Select(w => "W" + w.Week.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];
        return new Dictionary<string, string>
        {
            [OutcomeTables.TriageMix] = OutcomeCharts.StackedBars("chart-triage", Words("triage", "triage_y"), weeks,
                [.. ClinicOutcomes.Dispositions.Select((d, i) => new ChartSeries(
                    OutcomeTables.DispositionLabel(d), "outcome-" + d, [.. outcomes.TriageMix.Select(w => (double?)w.Counts[i])]))]),
            [OutcomeTables.CheckToVisit] = OutcomeCharts.GroupedBars("chart-visit", Words("visit", "visit_y"),
                [.. outcomes.CheckToVisit.Select(v => OutcomeTables.DispositionLabel(v.Disposition))],
                [
                    new(text["series_median"], "outcome-median", [.. outcomes.CheckToVisit.Select(v => v.MedianHours)]),
                    new(text["series_p90"], "outcome-p90", [.. outcomes.CheckToVisit.Select(v => v.P90Hours)]),
                ]),
            [OutcomeTables.Recovery] = OutcomeCharts.Band("chart-recovery", Words("recovery", "recovery_y"),
                [.. outcomes.Recovery.Select(d => new BandPoint(d.Day, d.Median, d.P25, d.P75))], ClinicOutcomes.LastRecoveryDay, 10, text["recovery_x"],
                new ChartSeries(text["series_median_pain"], "outcome-median-line", []), new ChartSeries(text["series_middle_half"], "outcome-band", [])),
            [OutcomeTables.Improvement] = OutcomeCharts.GroupedBars("chart-improvement", Words("improvement", "improvement_y"),
                [.. outcomes.Improvement.Select(i => text.Format("improvement_at", i.Weeks))],
                [new(text["series_share"], "outcome-share", [.. outcomes.Improvement.Select(i => i.Share * 100)])]),
            [OutcomeTables.RedFlags] = OutcomeCharts.StackedBars("chart-redflags", Words("redflags", "redflags_y"), weeks,
                [
                    new(text["col_acknowledged"], "outcome-acknowledged", [.. outcomes.RedFlagsByWeek.Select(w => (double?)w.Figures.Acknowledged)]),
                    new(text["col_not_yet"], "outcome-not-yet", [.. outcomes.RedFlagsByWeek.Select(w => (double?)w.Figures.NotYetAcknowledged)]),
                ]),
        };
    }
}
