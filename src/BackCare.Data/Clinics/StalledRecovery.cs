using BackCare.Data.Diary;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Clinics;

/// <summary>One clinic's patient whose recovery stalled at a milestone, as <see cref="StalledRecovery.FindAsync"/> finds them.</summary>
public sealed record StalledPatient(Guid ClinicId, Guid PatientId, int Days);

/// <summary>
/// Stepped care at one and four weeks (clinical brief: "if not better in about a week", physical therapy or a doctor;
/// "persistent pain over 4 to 6 weeks", a specialist): a clinic's patient whose diary says their recovery has stalled at
/// 7 or 28 days since their first check is raised on the clinic's worklist, once per milestone (decision 0029).
/// Stalled is the diary's own judgement (<see cref="DiaryProgress"/>, the recovery review's rule against the first
/// check's pain): their latest entry written from <see cref="EvidenceDaysBefore"/> days before the milestone until now
/// says <see cref="DiaryProgress.Stalled"/> or <see cref="DiaryProgress.Worse"/>. Someone who wrote no such entry is not
/// raised: nothing says their recovery stalled, and the worklist is for people who need the clinic.
/// </summary>
public static class StalledRecovery
{
    /// <summary>Days since the first check at which recovery is judged: one week and four weeks.</summary>
    public static IReadOnlyList<int> Milestones { get; } = [7, 28];

    /// <summary>The priority a stall asks for: a routine visit (physical therapy, a doctor, a specialist).</summary>
    public const string Disposition = "routine";

    /// <summary>How many days before the milestone a diary entry still says how recovery stands at it.</summary>
    public const int EvidenceDaysBefore = 3;

    /// <summary>
    /// How long after a milestone it can still be raised (a leader that was down catches up); later, the next
    /// milestone's judgement is the one that counts.
    /// </summary>
    public const int DueForDays = 7;

    /// <summary>
    /// The milestone (<paramref name="stalledDays"/>) at which stalled recovery raised a clinic's patient, while that is
    /// part of why they wait now: raised since their wait began, and not acknowledged since; null otherwise. What the
    /// worklist's row and the chart say as "why".
    /// </summary>
    public static int? PartOfWait(int? stalledDays, DateTime? stalledUtc, DateTime? acknowledgedUtc, DateTime waitingSinceUtc) =>
        stalledDays is { } days && stalledUtc is { } at && acknowledgedUtc is null && at >= waitingSinceUtc ? days : null;

    /// <summary>
    /// The clinics' patients whose recovery stalled at a milestone reached in the last <see cref="DueForDays"/> days, and
    /// who were not yet raised for it (or a later one).
    /// </summary>
    public static async Task<IReadOnlyList<StalledPatient>> FindAsync(BackCareDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new List<StalledPatient>();
        foreach (var days in Milestones)
        {
            var (fromUtc, toUtc) = (nowUtc.AddDays(-(days + DueForDays)), nowUtc.AddDays(-days));

            // People whose first check ever was made in the window, with their clinics not yet raised for this milestone.
            var candidates = await (
                from first in db.SavedAssessments.AsNoTracking()
                where first.CreatedUtc > fromUtc && first.CreatedUtc <= toUtc
                    && !db.SavedAssessments.Any(earlier => earlier.OwnerId == first.OwnerId && earlier.CreatedUtc < first.CreatedUtc)
                join row in db.ClinicPatients.AsNoTracking() on first.OwnerId equals row.PatientId
                where row.StalledDays == null || row.StalledDays < days
                select new { row.ClinicId, row.PatientId, FirstUtc = first.CreatedUtc })
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                continue;
            }

            // Their diary since the earliest evidence any of them can have, in one read (one parameter holds them all).
            var people = candidates.Select(c => c.PatientId).Distinct().ToList();
            var since = fromUtc.AddDays(days - EvidenceDaysBefore);
            var entries = await db.DiaryEntries.AsNoTracking()
                .Where(e => EF.Parameter(people).Contains(e.OwnerId) && e.CreatedUtc >= since && e.CreatedUtc <= nowUtc)
                .Select(e => new { e.OwnerId, e.CreatedUtc, e.Progress })
                .ToListAsync(cancellationToken);
            var diaries = entries.ToLookup(e => e.OwnerId);
            foreach (var candidate in candidates)
            {
                var evidenceFrom = candidate.FirstUtc.AddDays(days - EvidenceDaysBefore);
                var latest = diaries[candidate.PatientId]
                    .Where(e => e.CreatedUtc >= evidenceFrom)
                    .MaxBy(e => e.CreatedUtc);
                if (latest?.Progress is DiaryProgress.Stalled or DiaryProgress.Worse)
                {
                    found.Add(new StalledPatient(candidate.ClinicId, candidate.PatientId, days));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Raises each patient found stalled through <see cref="WorklistUpdater.RaiseAsync"/>, which does nothing for a
    /// milestone already raised; returns how many rows were raised.
    /// </summary>
    public static async Task<int> RaiseDueAsync(BackCareDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var raised = 0;
        foreach (var stalled in await FindAsync(db, nowUtc, cancellationToken))
        {
            raised += await WorklistUpdater.RaiseAsync(db, WorklistNews.Stalled(stalled.ClinicId, stalled.PatientId, stalled.Days), nowUtc, cancellationToken);
        }

        return raised;
    }
}
