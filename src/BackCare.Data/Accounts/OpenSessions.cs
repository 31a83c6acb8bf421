using System.Collections.Concurrent;
using BackCare.Data.Storage;

namespace BackCare.Data.Accounts;

/// <summary>
/// The sessions this process has found open, so that a busy client's every request need not read its session row
/// (<see cref="AccountSessions.IsOpenAsync"/>). Only "open" is kept, with the session's absolute end, which every answer
/// is compared with; a session ended in any way is forgotten for its whole account at once in the process that ended it
/// and, on PostgreSQL, in every other one when the change commits (<see cref="CacheInvalidation"/>, topic
/// <see cref="CacheTopics.OpenSessions"/>). See docs/decisions/0032-sessions-checked-from-memory.md.
/// </summary>
public sealed class OpenSessions
{
    /// <summary>The most accounts whose sessions are kept; past it, an arbitrary tenth is dropped (and read again when used).</summary>
    public const int Capacity = 100_000;

    /// <summary>The most sessions kept per account: people sign in on a few devices, not hundreds.</summary>
    public const int PerAccount = 8;

    /// <summary>
    /// The longest an answer is kept without a read of the database: a bound for changes no instance announces (on
    /// SQLite, <c>backcare admin two-step-off</c> run in another process while the server runs; a hand-written SQL
    /// update). Every change BackCare makes itself is forgotten at once.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Held[]> _byAccount = new();
    private readonly CacheInvalidation _invalidation;
    private int _count;

    // Counts forgets. An answer read from the database is kept only when no forget came between the moment before the
    // read and the moment after the keeping; otherwise a session ended while it was being read could be kept as open.
    private long _forgets;

    public OpenSessions(CacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        _invalidation = invalidation;
        invalidation.Subscribe(CacheTopics.OpenSessions, Forget, ForgetAll);
    }

    /// <summary>Read before asking the database; hand it to <see cref="Keep"/> with the answer.</summary>
    public long Generation => Interlocked.Read(ref _forgets);

    /// <summary>
    /// True when the session was found open and is still before its end and <see cref="MaxAge"/>; false when it is not
    /// known here (the database must be asked). Never true while this instance could miss a notice.
    /// </summary>
    public bool IsOpen(Guid sessionId, Guid accountId, DateTime nowUtc)
    {
        if (!_invalidation.CanCache || !_byAccount.TryGetValue(accountId, out var held))
        {
            return false;
        }

        foreach (var session in held)
        {
            if (session.Id == sessionId)
            {
                return nowUtc < session.EndsUtc && nowUtc < session.KeptUtc + MaxAge;
            }
        }

        return false;
    }

    /// <summary>
    /// Keeps a session the database has just found open, unless anything was forgotten since <paramref name="generation"/>
    /// was read (the answer may be of a session ended meanwhile) or notices could be missed now.
    /// </summary>
    public void Keep(Guid sessionId, Guid accountId, DateTime endsUtc, DateTime nowUtc, long generation)
    {
        if (!_invalidation.CanCache || Generation != generation)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            DropATenth();
        }

        var session = new Held(sessionId, endsUtc, nowUtc);
        var added = false;
        _byAccount.AddOrUpdate(
            accountId,
            _ =>
            {
                added = true;
                return [session];
            },
            (_, known) =>
            {
                added = false;
                var others = known.Where(k => k.Id != sessionId && k.EndsUtc > nowUtc).TakeLast(PerAccount - 1);
                return [.. others, session];
            });
        if (added)
        {
            Interlocked.Increment(ref _count);
        }

        // A forget that came between the check above and the keeping found nothing to remove: undo the keeping.
        if (Generation != generation)
        {
            Remove(accountId);
        }
    }

    /// <summary>Whether any session of this account is held (for tests).</summary>
    public bool Holds(Guid accountId) => _byAccount.ContainsKey(accountId);

    private void Forget(Guid accountId)
    {
        Interlocked.Increment(ref _forgets);
        Remove(accountId);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _forgets);
        foreach (var accountId in _byAccount.Keys)
        {
            Remove(accountId);
        }
    }

    private void Remove(Guid accountId)
    {
        if (_byAccount.TryRemove(accountId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void DropATenth()
    {
        foreach (var accountId in _byAccount.Keys.Take(Capacity / 10))
        {
            Remove(accountId);
        }
    }

    private sealed record Held(Guid Id, DateTime EndsUtc, DateTime KeptUtc);
}
