using System.Globalization;
using System.Text.Json;
using BackCare.Data.Diary;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>One ISO 8601 week (Monday to Sunday) in the clinic's time zone, such as 2026-W50.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");
}

/// <summary>The weeks the figures cover, in the clinic's time, and the instants they start and end at (the end is now).</summary>
public sealed record OutcomesWindow(IReadOnlyList<IsoWeek> Weeks, DateTime FromUtc, DateTime ToUtc);

/// <summary>How many checks of each disposition were saved in one week, in <see cref="ClinicOutcomes.Dispositions"/>'s order.</summary>
public sealed record TriageWeek(IsoWeek Week, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();
}

/// <summary>Hours from a saved check to the visit booked with it, for the checks of one disposition.</summary>
public sealed record CheckToVisit(string Disposition, int Visits, double? MedianHours, double? P90Hours);

/// <summary>The diary's pain (0 to 10) on one day since each person's first check, over the people who wrote that day.</summary>
public sealed record RecoveryDay(int Day, int People, double Median, double P25, double P75);

/// <summary>Of the people with a first check's pain and a diary entry near the day, how many were better by then.</summary>
public sealed record Improvement(int Weeks, int People, int Improved)
{
    /// <summary>Improved out of people, 0 to 1; null when nobody could be counted.</summary>
    public double? Share => People == 0 ? null : (double)Improved / People;
}

/// <summary>Diary entries with a new red flag, how many of them the clinic has acknowledged since, and how fast.</summary>
public sealed record RedFlagFigures(int Raised, int Acknowledged, double? MedianHoursToAcknowledge)
{
    public int NotYetAcknowledged => Raised - Acknowledged;
}

public sealed record RedFlagWeek(IsoWeek Week, RedFlagFigures Figures);

/// <summary>
/// What a clinic can learn from its own patients' records over the last <see cref="Weeks"/> ISO weeks in its time zone
/// (decision 0019): the triage mix by week, the time from a check to the visit booked with it, recovery curves from the
/// diary, the share improving at two and six weeks, and how fast diary red flags were acknowledged. Only the clinic's
/// patients (its <see cref="ClinicPatient"/> rows) and its own visits and acknowledgements count.
/// </summary>
public sealed record ClinicOutcomes(
    OutcomesWindow Window,
    IReadOnlyList<TriageWeek> TriageMix,
    IReadOnlyList<CheckToVisit> CheckToVisit,
    IReadOnlyList<RecoveryDay> Recovery,
    IReadOnlyList<Improvement> Improvement,
    IReadOnlyList<RedFlagWeek> RedFlagsByWeek,
    RedFlagFigures RedFlags)
{
    public const int Weeks = 12;

    /// <summary>The last day of a recovery curve: six weeks after the first check.</summary>
    public const int LastRecoveryDay = 42;

    /// <summary>A diary entry counts for "improving at N weeks" when written this many days either side of day 7 N.</summary>
    public const int ImprovementSlackDays = 3;

    /// <summary>The contract's dispositions, most urgent first: the columns of the triage mix.</summary>
    public static IReadOnlyList<string> Dispositions { get; } = ["emergency", "urgent", "routine", "self_care"];

    public static IReadOnlyList<int> ImprovementWeeks { get; } = [2, 6];

    public static async Task<ClinicOutcomes> ReadAsync(BackCareDbContext db, Guid clinicId, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var window = WindowOf(zone, nowUtc);
        var (fromUtc, toUtc) = (window.FromUtc, window.ToUtc);
        var patients = db.ClinicPatients.Where(p => p.ClinicId == clinicId).Select(p => p.PatientId);

        // The window's checks, each with its case when it is its person's first check ever: their recovery is counted
        // from it, on the days the database keeps for them (DiaryPainDay: their latest entry's pain per 24 hours since).
        var checks = await db.SavedAssessments.AsNoTracking()
            .Where(a => patients.Contains(a.OwnerId) && a.CreatedUtc >= fromUtc && a.CreatedUtc < toUtc)
            .Select(a => new SavedCheck(
                a.OwnerId, a.CreatedUtc, a.Disposition,
                db.SavedAssessments.Any(earlier => earlier.OwnerId == a.OwnerId && earlier.CreatedUtc < a.CreatedUtc) ? null : a.CaseJson))
            .ToListAsync(cancellationToken);

        var visits = await (
            from visit in db.Appointments.AsNoTracking()
            where visit.ClinicId == clinicId && patients.Contains(visit.OwnerId) && visit.Status != AppointmentStatus.Cancelled && visit.AssessmentId != null
            join check in db.SavedAssessments on visit.AssessmentId equals check.Id
            where check.OwnerId == visit.OwnerId && check.CreatedUtc >= fromUtc && check.CreatedUtc < toUtc
            select new CheckedVisit(check.Disposition, check.CreatedUtc, visit.StartUtc))
            .ToListAsync(cancellationToken);

        var firsts = checks.Where(c => c.FirstCaseJson is not null).Select(c => new FirstCheck(c.OwnerId, c.CreatedUtc, c.FirstCaseJson!)).ToList();
        var people = firsts.Select(f => f.OwnerId).Distinct().ToList();
        // One parameter holding them all (JSON on SQLite, an array on PostgreSQL): EF's default of one parameter a value
        // passes SQLite's limit of 32,766 at a clinic this size (44,908 people in the benchmark's window).
        var painDays = db.DiaryPainDays.AsNoTracking().Where(d => EF.Parameter(people).Contains(d.OwnerId));
        var painCounts = await painDays
            .Where(d => d.Day <= LastRecoveryDay)
            .GroupBy(d => new { d.Day, d.PainScore })
            .Select(g => new PainCount(g.Key.Day, g.Key.PainScore, g.Count()))
            .ToListAsync(cancellationToken);
        var nearest = new Dictionary<int, List<NearPain>>();
        foreach (var weeks in ImprovementWeeks)
        {
            nearest[weeks] = await NearestPainAsync(painDays, 7 * weeks, cancellationToken);
        }

        var redFlags = await db.DiaryEntries.AsNoTracking()
            .Where(e => e.RedFlag && e.CreatedUtc >= fromUtc && e.CreatedUtc < toUtc
                && db.ClinicPatients.Any(p => p.ClinicId == clinicId && p.PatientId == e.OwnerId))
            .Select(e => new Stamp(e.OwnerId, e.CreatedUtc))
            .ToListAsync(cancellationToken);
        var acknowledgements = await db.WorklistAcknowledgements.AsNoTracking()
            .Where(a => a.ClinicId == clinicId && a.CreatedUtc >= fromUtc)
            .Select(a => new Stamp(a.OwnerId, a.CreatedUtc))
            .ToListAsync(cancellationToken);

        var redFlagTimes = RedFlagTimes(redFlags, acknowledgements);
        return new ClinicOutcomes(
            window,
            TriageMixOf(window, zone, checks),
            CheckToVisitOf(visits),
            RecoveryOf(painCounts),
            [.. ImprovementWeeks.Select(weeks => ImprovementOf(weeks, firsts, nearest[weeks]))],
            [.. window.Weeks.Select(week => new RedFlagWeek(week, RedFlagFiguresOf(redFlagTimes.Where(r => WeekOf(zone, r.RaisedUtc) == week))))],
            RedFlagFiguresOf(redFlagTimes));
    }

    /// <summary>The current ISO week in the clinic's time and the eleven before it, from the first one's Monday at midnight until now.</summary>
    public static OutcomesWindow WindowOf(TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var thisWeek = IsoWeek.Of(SlotPlanner.LocalDate(zone, nowUtc));
        var firstMonday = thisWeek.Monday.AddDays(-7 * (Weeks - 1));
        IsoWeek[] weeks = [.. Enumerable.Range(0, Weeks).Select(i => IsoWeek.Of(firstMonday.AddDays(7 * i)))];
        return new OutcomesWindow(weeks, StartOfDayUtc(zone, firstMonday), nowUtc);
    }

    /// <summary>The first check's pain score (<c>findings.pain_score</c> of its case), when it gave one.</summary>
    public static int? BaselinePain(string caseJson)
    {
        try
        {
            using var document = JsonDocument.Parse(caseJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Object
                && findings.TryGetProperty("pain_score", out var pain) && pain.TryGetInt32(out var score)
                ? score
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Better by two points, or by 30% of the first check's pain (the usual thresholds of a meaningful change).</summary>
    public static bool IsImproved(int baseline, int pain) => baseline - pain >= 2 || (baseline > 0 && 10 * (baseline - pain) >= 3 * baseline);

    private static IReadOnlyList<TriageWeek> TriageMixOf(OutcomesWindow window, TimeZoneInfo zone, IReadOnlyList<SavedCheck> checks)
    {
        var counts = checks.CountBy(c => (WeekOf(zone, c.CreatedUtc), c.Disposition)).ToDictionary();
        return [.. window.Weeks.Select(week => new TriageWeek(week, [.. Dispositions.Select(d => counts.GetValueOrDefault((week, d)))]))];
    }

    private static IReadOnlyList<CheckToVisit> CheckToVisitOf(IReadOnlyList<CheckedVisit> visits) =>
        [.. Dispositions.Select(disposition =>
        {
            var hours = visits.Where(v => v.Disposition == disposition).Select(v => (v.VisitUtc - v.CheckedUtc).TotalHours).ToList();
            return new CheckToVisit(disposition, hours.Count, Percentile.Median(hours), Percentile.Of(hours, 0.9));
        })];

    /// <summary>
    /// Each person's pain on the day nearest day <paramref name="target"/> within <see cref="ImprovementSlackDays"/> (the
    /// later of two as near), worked out by the database so that one row a person comes back. The smallest of
    /// 16 (2 |day - target|, plus 1 before the target) + pain is the nearest day's, and its pain is what is left over 16.
    /// </summary>
    private static async Task<List<NearPain>> NearestPainAsync(IQueryable<DiaryPainDay> painDays, int target, CancellationToken cancellationToken)
    {
        var nearest = await painDays
            .Where(d => d.Day >= target - ImprovementSlackDays && d.Day <= target + ImprovementSlackDays)
            .GroupBy(d => d.OwnerId)
            .Select(g => new { OwnerId = g.Key, Key = g.Min(d => 16 * (d.Day >= target ? 2 * (d.Day - target) : 2 * (target - d.Day) + 1) + d.PainScore) })
            .ToListAsync(cancellationToken);
        return [.. nearest.Select(n => new NearPain(n.OwnerId, n.Key % 16))];
    }

    private static IReadOnlyList<RecoveryDay> RecoveryOf(IReadOnlyList<PainCount> counts) =>
        [.. counts.GroupBy(c => c.Day).OrderBy(g => g.Key)
            .Select(day => (day.Key, pains: day.Select(c => ((double)c.PainScore, c.People)).ToList()))
            .Select(d => new RecoveryDay(
                d.Key, d.pains.Sum(p => p.Item2),
                Percentile.OfCounts(d.pains, 0.5)!.Value, Percentile.OfCounts(d.pains, 0.25)!.Value, Percentile.OfCounts(d.pains, 0.75)!.Value))];

    /// <summary>
    /// Counts each person with a first check's pain and a diary entry within <see cref="ImprovementSlackDays"/> of day
    /// 7 <paramref name="weeks"/> (<paramref name="nearest"/>: the nearest one's pain).
    /// </summary>
    private static Improvement ImprovementOf(int weeks, IReadOnlyList<FirstCheck> firsts, IReadOnlyList<NearPain> nearest)
    {
        var painNear = nearest.ToDictionary(n => n.OwnerId, n => n.PainScore);
        var (people, improved) = (0, 0);
        foreach (var first in firsts.GroupBy(f => f.OwnerId).Select(g => g.OrderBy(f => f.CreatedUtc).First()))
        {
            if (BaselinePain(first.CaseJson) is { } baseline && painNear.TryGetValue(first.OwnerId, out var pain))
            {
                people++;
                improved += IsImproved(baseline, pain) ? 1 : 0;
            }
        }

        return new Improvement(weeks, people, improved);
    }

    /// <summary>Each red flag with how long until the clinic first acknowledged its person after it; null while not yet.</summary>
    private static IReadOnlyList<(DateTime RaisedUtc, double? Hours)> RedFlagTimes(IReadOnlyList<Stamp> redFlags, IReadOnlyList<Stamp> acknowledgements)
    {
        var acknowledged = acknowledgements.ToLookup(a => a.OwnerId, a => a.AtUtc);
        return [.. redFlags.Select(flag => (flag.AtUtc, acknowledged[flag.OwnerId].Where(at => at >= flag.AtUtc).Order().Select(at => (double?)(at - flag.AtUtc).TotalHours).FirstOrDefault()))];
    }

    private static RedFlagFigures RedFlagFiguresOf(IEnumerable<(DateTime RaisedUtc, double? Hours)> redFlags)
    {
        var all = redFlags.ToList();
        var hours = all.Where(r => r.Hours is not null).Select(r => r.Hours!.Value).ToList();
        return new RedFlagFigures(all.Count, hours.Count, Percentile.Median(hours));
    }

    private static IsoWeek WeekOf(TimeZoneInfo zone, DateTime utc) => IsoWeek.Of(SlotPlanner.LocalDate(zone, utc));

    /// <summary>When the clinic's day begins; where a clock change skips midnight, the first hour that exists.</summary>
    private static DateTime StartOfDayUtc(TimeZoneInfo zone, DateOnly day) =>
        Enumerable.Range(0, 24).Select(hour => SlotPlanner.ToUtc(zone, day.ToDateTime(new TimeOnly(hour, 0)))).First(start => start is not null)!.Value;

    /// <summary>A saved check; <see cref="FirstCaseJson"/> is its case when it is its person's first check ever.</summary>
    private sealed record SavedCheck(Guid OwnerId, DateTime CreatedUtc, string Disposition, string? FirstCaseJson);

    private sealed record CheckedVisit(string Disposition, DateTime CheckedUtc, DateTime VisitUtc);

    private sealed record FirstCheck(Guid OwnerId, DateTime CreatedUtc, string CaseJson);

    private sealed record PainCount(int Day, int PainScore, int People);

    private sealed record NearPain(Guid OwnerId, int PainScore);

    private sealed record Stamp(Guid OwnerId, DateTime AtUtc);
}
