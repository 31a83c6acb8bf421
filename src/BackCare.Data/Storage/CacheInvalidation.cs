using System.Collections.Concurrent;
using System.Data.Common;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Storage;

/// <summary>The things a process keeps in memory about a person, each forgotten when rows behind it change.</summary>
public static class CacheTopics
{
    /// <summary>A person's first saved assessment and latest risk group (the web app's <c>DiaryBaselines</c>).</summary>
    public const string DiaryStart = "diary-start";

    /// <summary>How many requests and threads wait in a clinic's inbox (the web app's <c>InboxWaitingCounts</c>), keyed by clinic.</summary>
    public const string InboxWaiting = "inbox-waiting";

    /// <summary>
    /// The sessions found open (<see cref="Accounts.OpenSessions"/>), keyed by account: forgotten when any of the account's
    /// sessions ends or its security stamp changes (decision 0032).
    /// </summary>
    public const string OpenSessions = "open-sessions";

    /// <summary>Every topic keyed by a person's account id: what an erasure makes every instance forget.</summary>
    public static readonly IReadOnlyList<string> OfAPerson = [DiaryStart, OpenSessions];
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
/// Sees every save that changes what a cache holds (the table below) and tells <see cref="CacheInvalidation"/>: in this
/// process once the change is committed, and on PostgreSQL with <c>pg_notify</c> inside the transaction of the change, so
/// every other instance hears it when (and only if) it commits. A save outside an explicit transaction is made to run in
/// one (even a single statement), and the notice goes in as it commits; a save inside one sends its notice there, and
/// this process forgets again when that transaction commits. Scoped: one per DbContext, holding what the save in
/// progress changed. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> pass the save hooks by: a bulk change to what a cache
/// holds calls <see cref="AnnounceAsync"/> in its transaction (sessions ended in bulk), or announces itself (an erasure,
/// <see cref="CacheInvalidation.AnnounceErasureAsync"/>).
/// </summary>
public sealed class CacheInvalidationInterceptor(CacheInvalidation invalidation) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly (Type Entity, string Topic, Func<EntityEntry, Guid?> Key)[] Watched =
    [
        (typeof(RiskScreen), CacheTopics.DiaryStart, e => ((RiskScreen)e.Entity).OwnerId),
        (typeof(SavedAssessment), CacheTopics.DiaryStart, e => ((SavedAssessment)e.Entity).OwnerId),
        (typeof(Message), CacheTopics.InboxWaiting, e => ((Message)e.Entity).ClinicId),
        (typeof(ContactRequest), CacheTopics.InboxWaiting, e => ((ContactRequest)e.Entity).ClinicId),

        // A session ends when its row goes or the account's stamp changes (a password, a role, a clinic, two steps,
        // signing out everywhere) or the account goes.
        (typeof(AccountSession), CacheTopics.OpenSessions, e => e.State is EntityState.Added ? null : ((AccountSession)e.Entity).AccountId),
        (typeof(Account), CacheTopics.OpenSessions, e =>
            e.State is EntityState.Deleted || (e.State is EntityState.Modified && e.Property(nameof(Account.SecurityStamp)).IsModified)
                ? ((Account)e.Entity).Id
                : null),
    ];

    private readonly HashSet<(string Topic, Guid Key)> _changed = [];
    private readonly List<(string Topic, Guid Key)> _afterCommit = [];
    private bool _announced;
    private AutoTransactionBehavior? _restore;

    /// <summary>How many saves' notices this interceptor sent as their own transaction committed (for tests).</summary>
    internal int SentAtCommit { get; private set; }

    /// <summary>
    /// For a bulk change the save hooks do not see: forgets <paramref name="key"/> of <paramref name="topic"/> in this
    /// process now and again when the current transaction commits, and on PostgreSQL sends the notice in it. Call it
    /// inside the transaction of the change, or other instances may hear before the change is visible.
    /// </summary>
    public async Task AnnounceAsync(DbContext context, string topic, Guid key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        invalidation.Forget(topic, key);
        if (context.Database.IsNpgsql())
        {
            var payload = CacheInvalidation.Payload(topic, key);
            await context.Database.ExecuteSqlAsync($"SELECT pg_notify({CacheInvalidation.Channel}, {payload})", cancellationToken);
        }

        if (context.Database.CurrentTransaction is not null)
        {
            _afterCommit.Add((topic, key));
        }
    }

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
        Reset(eventData.Context);
        _changed.Clear();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Reset(eventData.Context);
        _changed.Clear();
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (NoticeCommand(transaction, eventData) is { } command)
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }

            _announced = true;
            SentAtCommit++;
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (NoticeCommand(transaction, eventData) is { } command)
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            _announced = true;
            SentAtCommit++;
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ForgetCommitted();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetCommitted();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _afterCommit.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _afterCommit.Clear();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _afterCommit.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _afterCommit.Clear();
        return Task.CompletedTask;
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
                if (entity.IsInstanceOfType(entry.Entity) && key(entry) is { } changed)
                {
                    _changed.Add((topic, changed));
                }
            }
        }

        // The notice must travel in the transaction of the change, and EF runs a save of one statement in none.
        if (_changed.Count > 0 && context.Database.IsNpgsql() && context.Database.CurrentTransaction is null)
        {
            _restore = context.Database.AutoTransactionBehavior;
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    /// <summary>While a save's own transaction commits: the notice of what it changed, in that transaction.</summary>
    private DbCommand? NoticeCommand(DbTransaction transaction, TransactionEventData eventData)
    {
        if (_changed.Count == 0 || _announced || eventData.Context is not { } context || !context.Database.IsNpgsql())
        {
            return null;
        }

        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_notify('{CacheInvalidation.Channel}', payload) FROM unnest(@payloads) AS payload";
        var payloads = command.CreateParameter();
        payloads.ParameterName = "payloads";
        payloads.Value = _changed.Select(c => CacheInvalidation.Payload(c.Topic, c.Key)).ToArray();
        command.Parameters.Add(payloads);
        return command;
    }

    private async ValueTask PublishAsync(DbContext? context, CancellationToken cancellationToken)
    {
        var announced = _announced;
        Reset(context);
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

        if (context.Database.CurrentTransaction is not null)
        {
            // Saved inside a transaction that is still open: forget again once it commits, or this process could read
            // the old rows meanwhile and keep them.
            _afterCommit.AddRange(changed);
        }

        if (!announced && context.Database.IsNpgsql())
        {
            // One statement for the whole save, in the caller's transaction.
            var payloads = changed.Select(c => CacheInvalidation.Payload(c.Topic, c.Key)).ToArray();
            await context.Database.ExecuteSqlAsync(
                $"SELECT pg_notify({CacheInvalidation.Channel}, payload) FROM unnest({payloads}) AS payload", cancellationToken);
        }
    }

    /// <summary>Ends a save: its transaction setting back as it was, nothing announced yet. What it changed stays for <see cref="PublishAsync"/>.</summary>
    private void Reset(DbContext? context)
    {
        if (_restore is { } behaviour && context is not null)
        {
            context.Database.AutoTransactionBehavior = behaviour;
        }

        _restore = null;
        _announced = false;
    }

    private void ForgetCommitted()
    {
        foreach (var (topic, key) in _afterCommit)
        {
            invalidation.Forget(topic, key);
        }

        _afterCommit.Clear();
    }
}
