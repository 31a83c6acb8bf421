using System.Collections.Concurrent;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Storage;

/// <summary>The things a process keeps in memory about a person, each forgotten when rows behind it change.</summary>
public static class CacheTopics
{
    /// <summary>A person's first saved assessment and latest risk group (the web app's <c>DiaryBaselines</c>).</summary>
    public const string DiaryStart = "diary-start";

    /// <summary>How many requests and threads wait in a clinic's inbox (the web app's <c>InboxWaitingCounts</c>), keyed by clinic.</summary>
    public const string InboxWaiting = "inbox-waiting";

    /// <summary>Every topic keyed by a person's account id: what an erasure makes every instance forget.</summary>
    public static readonly IReadOnlyList<string> OfAPerson = [DiaryStart];
}

/// <summary>
/// Where the per-process caches hear that what they hold is out of date. A change saved through EF on this instance is
/// forgotten here at once (<see cref="CacheInvalidationInterceptor"/>); on PostgreSQL it is also sent with
/// <c>pg_notify</c> on <see cref="Channel"/>, in the saving transaction, so every other instance hears it when it commits
/// (<see cref="PostgresCacheListener"/>). A cache asks <see cref="CanCache"/> before it keeps anything: on PostgreSQL
/// only while this instance is listening, since a notice sent while it was not would be missed. On SQLite (one process)
/// there is nobody else to tell. See docs/decisions/0020-several-instances.md.
/// </summary>
public sealed class CacheInvalidation(StorageOptions options)
{
    public const string Channel = "backcare_invalidate";

    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);
    private volatile bool _listening = options.Provider != StorageProvider.Postgres;

    /// <summary>Whether a cache may keep what it reads now: false on PostgreSQL while no notice could reach this instance.</summary>
    public bool CanCache => _listening;

    /// <summary>Asks to hear of changes to one topic: <paramref name="forget"/> one key, or <paramref name="forgetAll"/>.</summary>
    public void Subscribe(string topic, Action<Guid> forget, Action forgetAll)
    {
        ArgumentNullException.ThrowIfNull(topic);
        _subscribers.AddOrUpdate(topic, _ => new([(forget, forgetAll)]), (_, known) => new([.. known.All, (forget, forgetAll)]));
    }

    /// <summary>Forgets one key of one topic in this process.</summary>
    public void Forget(string topic, Guid key)
    {
        if (_subscribers.TryGetValue(topic, out var subscribers))
        {
            foreach (var (forget, _) in subscribers.All)
            {
                forget(key);
            }
        }
    }

    /// <summary>Forgets everything every cache holds (notices may have been missed).</summary>
    public void ForgetAll()
    {
        foreach (var subscribers in _subscribers.Values)
        {
            foreach (var (_, forgetAll) in subscribers.All)
            {
                forgetAll();
            }
        }
    }

    /// <summary>The listener's state: caches keep nothing while it is not listening, and forget all when it starts or stops.</summary>
    internal void SetListening(bool listening)
    {
        _listening = listening;
        ForgetAll();
    }

    /// <summary>
    /// An erased person: on PostgreSQL, a notice for each of <see cref="CacheTopics.OfAPerson"/> sent in the erasure's
    /// transaction, so every other instance forgets them when it commits (a bulk delete passes the interceptor by).
    /// Call <see cref="Forget(string, Guid)"/> for this process after the commit.
    /// </summary>
    public static async Task AnnounceErasureAsync(DbContext db, Guid accountId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var payloads = CacheTopics.OfAPerson.Select(topic => Payload(topic, accountId)).ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, payload) FROM unnest({payloads}) AS payload", cancellationToken);
        }
    }

    /// <summary>Forgets an erased person in every cache of this process.</summary>
    public void ForgetPerson(Guid accountId)
    {
        foreach (var topic in CacheTopics.OfAPerson)
        {
            Forget(topic, accountId);
        }
    }

    internal static string Payload(string topic, Guid key) => $"{topic}:{key:N}";

    /// <summary>Acts on a notice from <see cref="Channel"/>; one that is not understood forgets everything, to be safe.</summary>
    internal void Receive(string payload)
    {
        var colon = payload.LastIndexOf(':');
        if (colon > 0 && Guid.TryParseExact(payload.AsSpan(colon + 1), "N", out var key))
        {
            Forget(payload[..colon], key);
        }
        else
        {
            ForgetAll();
        }
    }

    private sealed record ImmutableSubscribers((Action<Guid> Forget, Action ForgetAll)[] All);
}

/// <summary>
/// Sees every save that changes what a cache holds (the table below) and tells <see cref="CacheInvalidation"/>: at once
/// in this process, and with <c>pg_notify</c> on PostgreSQL, which is delivered when the transaction commits (at once for
/// a save outside an explicit transaction, at the commit of one inside it; never for a rollback). Scoped: one per
/// DbContext, holding what the save in progress changed. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> pass it by;
/// the only one touching these tables is an account's erasure, which announces itself
/// (<see cref="CacheInvalidation.AnnounceErasureAsync"/>).
/// </summary>
public sealed class CacheInvalidationInterceptor(CacheInvalidation invalidation) : SaveChangesInterceptor
{
    private static readonly (Type Entity, string Topic, Func<object, Guid> Key)[] Watched =
    [
        (typeof(RiskScreen), CacheTopics.DiaryStart, e => ((RiskScreen)e).OwnerId),
        (typeof(SavedAssessment), CacheTopics.DiaryStart, e => ((SavedAssessment)e).OwnerId),
        (typeof(Message), CacheTopics.InboxWaiting, e => ((Message)e).ClinicId),
        (typeof(ContactRequest), CacheTopics.InboxWaiting, e => ((ContactRequest)e).ClinicId),
    ];

    private readonly HashSet<(string Topic, Guid Key)> _changed = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishAsync(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return base.SavedChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishAsync(eventData.Context, cancellationToken);
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _changed.Clear();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _changed.Clear();
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            foreach (var (entity, topic, key) in Watched)
            {
                if (entity.IsInstanceOfType(entry.Entity))
                {
                    _changed.Add((topic, key(entry.Entity)));
                }
            }
        }
    }

    private async ValueTask PublishAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (_changed.Count == 0 || context is null)
        {
            return;
        }

        var changed = _changed.ToArray();
        _changed.Clear();
        foreach (var (topic, key) in changed)
        {
            invalidation.Forget(topic, key);
        }

        if (context.Database.IsNpgsql())
        {
            // One statement for the whole save.
            var payloads = changed.Select(c => CacheInvalidation.Payload(c.Topic, c.Key)).ToArray();
            await context.Database.ExecuteSqlAsync(
                $"SELECT pg_notify({CacheInvalidation.Channel}, payload) FROM unnest({payloads}) AS payload", cancellationToken);
        }
    }
}
