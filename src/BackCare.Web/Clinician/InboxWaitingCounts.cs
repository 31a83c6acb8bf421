using System.Collections.Concurrent;
using BackCare.Data;
using BackCare.Data.Storage;

namespace BackCare.Web.Clinician;

/// <summary>
/// The count beside the worklist's link to the inbox, kept per clinic: working it out looks at every patient's thread
/// (about 150 ms at 100,000 patients), and the worklist is the page a clinician opens most. A message or a contact
/// request saved on any instance makes every instance forget its clinic's count (<see cref="CacheInvalidation"/>, topic
/// <see cref="CacheTopics.InboxWaiting"/>); a count is also worked out again after <see cref="MaxAge"/>, for changes
/// no save announces (a patient leaving the clinic). Nothing is kept while notices could be missed.
/// </summary>
public sealed class InboxWaitingCounts
{
    /// <summary>The longest a count is kept without a notice.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (int Count, DateTime KeptUtc)> _counts = new();
    private readonly CacheInvalidation _invalidation;
    private readonly TimeProvider _clock;

    // Counts forgets, so that a count read while a notice arrived is not kept (the notice would be lost).
    private long _forgets;

    public InboxWaitingCounts(CacheInvalidation invalidation, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        _invalidation = invalidation;
        _clock = clock;
        invalidation.Subscribe(CacheTopics.InboxWaiting, Forget, ForgetAll);
    }

    public async Task<int> CountAsync(BackCareDbContext db, Guid clinicId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (_counts.TryGetValue(clinicId, out var kept) && now - kept.KeptUtc < MaxAge)
        {
            return kept.Count;
        }

        var forgetsBefore = Interlocked.Read(ref _forgets);
        var count = await ClinicInbox.WaitingCountAsync(db, clinicId, cancellationToken);
        if (_invalidation.CanCache && Interlocked.Read(ref _forgets) == forgetsBefore)
        {
            _counts[clinicId] = (count, now);

            // A forget that came between the check and the keeping found nothing to remove: undo the keeping.
            if (Interlocked.Read(ref _forgets) != forgetsBefore)
            {
                _counts.TryRemove(clinicId, out _);
            }
        }

        return count;
    }

    /// <summary>Whether this clinic's count is held now (for tests).</summary>
    internal bool Holds(Guid clinicId) => _counts.ContainsKey(clinicId);

    private void Forget(Guid clinicId)
    {
        Interlocked.Increment(ref _forgets);
        _counts.TryRemove(clinicId, out _);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _forgets);
        _counts.Clear();
    }
}
