using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Risk;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BackCare.Web.Diary;

/// <summary>Where a person's recovery started: their first saved assessment, read as the engine needs it.</summary>
/// <param name="StartedUtc">When the first assessment was saved.</param>
/// <param name="OnsetDaysThen">How many days the pain had lasted at the first assessment.</param>
/// <param name="StartingPain">The first assessment's pain score, or null when it gave none.</param>
/// <param name="Risk">The latest STarT Back risk group, when the person has done the screen.</param>
public sealed record DiaryStart(int Age, FindingSet Findings, int? StartingPain, DateTime StartedUtc, double OnsetDaysThen, RiskGroup? Risk);

/// <summary>
/// The start of each person's recovery, kept in memory: a first assessment never changes once saved, and every
/// diary entry needs it, so a busy diary should not read and parse it from the database each time. The latest risk
/// group does change: a saved risk screen (or any change to a person's assessments) is forgotten through
/// <see cref="CacheInvalidation"/>, on this instance at once and on every other instance sharing the PostgreSQL
/// database when the change commits (decision 20).
/// </summary>
public sealed class DiaryBaselines : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private readonly CacheInvalidation _invalidation;

    // Counts forgets: a start read from the database is kept only when no forget came while it was being read, or a
    // notice arriving between the read and the keeping would be lost and the old risk group kept for good.
    private long _forgets;
    private volatile bool _disposed;

    public DiaryBaselines(CacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        _invalidation = invalidation;
        invalidation.Subscribe(CacheTopics.DiaryStart, Forget, ForgetAll);
    }

    public async Task<DiaryStart?> StartOfAsync(BackCareDbContext db, Guid ownerId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(ownerId, out DiaryStart? known))
        {
            return known;
        }

        var forgetsBefore = Interlocked.Read(ref _forgets);

        var first = await db.SavedAssessments.AsNoTracking()
            .Where(a => a.OwnerId == ownerId)
            .OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        var risk = await db.RiskScreens.AsNoTracking()
            .Where(r => r.OwnerId == ownerId)
            .OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id)
            .Select(r => (Data.Risk.RiskGroup?)r.Group)
            .FirstOrDefaultAsync(cancellationToken);
        var start = Read(first, risk is { } group ? Enum.Parse<RiskGroup>(group.ToString()) : null);
        if (_invalidation.CanCache && Interlocked.Read(ref _forgets) == forgetsBefore)
        {
            _cache.Set(ownerId, start, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

            // A forget that came between the check and the keeping found nothing to remove: undo the keeping.
            if (Interlocked.Read(ref _forgets) != forgetsBefore)
            {
                _cache.Remove(ownerId);
            }
        }

        return start;
    }

    /// <summary>Whether this person's start is held in memory now (for tests).</summary>
    internal bool Holds(Guid ownerId) => _cache.TryGetValue(ownerId, out _);

    // A notice can still come while the app shuts down, after this cache was disposed: nothing is left to forget then.
    private void Forget(Guid ownerId)
    {
        Interlocked.Increment(ref _forgets);
        if (!_disposed)
        {
            _cache.Remove(ownerId);
        }
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _forgets);
        if (!_disposed)
        {
            _cache.Clear();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _cache.Dispose();
    }

    private static DiaryStart Read(SavedAssessment first, RiskGroup? risk)
    {
        var read = CaseReader.Read(first.CaseJson);
        var findings = read.Case?.Findings?.Copy() ?? new FindingSet();
        return new DiaryStart(first.Age ?? read.Case?.Age ?? 0, findings, findings.PainScore, first.CreatedUtc, findings.OnsetDays ?? 0, risk);
    }
}
