using System.Threading.Channels;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Diary;

/// <summary>
/// Group commit for diary entries. One commit costs one flush to disk (SQLite <c>synchronous=FULL</c>, PostgreSQL
/// <c>synchronous_commit=on</c>), a few milliseconds on a plain disk, so committing each entry on its own caps the
/// diary at a few hundred entries a second. Here a writer takes every entry that arrived while the last commit was
/// flushing and writes them, with their audit events, in one transaction: the flush is shared. (A second writer at
/// once on PostgreSQL, measured, wrote fewer entries a second with a longer tail: the machine's CPU, not the wait
/// for the disk, is what limits the diary there.)
/// <see cref="WriteAsync"/> completes only once the entry's transaction has committed, so an acknowledged entry
/// is on disk. The same transaction raises the person on their clinics' worklists, so an entry and what it tells
/// the clinic are kept together or not at all, and no request waits on the database's write lock of its own.
/// The writer keeps one database connection open for all its batches: taking one from the pool for each batch cycles
/// through every idle connection (the pool hands its idle connections out in turn), so on PostgreSQL each batch landed on
/// another server process with cold caches and statements to prepare again (docs/performance.md, "Diary writes").
/// When a batch fails the connection is dropped and its entries are tried again one by one on a new one, so a
/// broken connection costs no entry and one bad entry (an account deleted a moment ago) fails alone; whatever still
/// fails throws <see cref="DiaryWriteException"/> to its own caller only.
/// </summary>
public sealed partial class DiaryWriter : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>The most entries in one transaction: enough to share a flush widely, small enough to keep latency even.</summary>
    public const int MaxBatch = 256;

    /// <summary>Entries waiting beyond this make callers wait to queue (back-pressure) rather than fill memory.</summary>
    private const int QueueCapacity = 8192;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<DiaryWriter> _logger;
    private readonly Task _loop;
    private Session? _session;
    private long _commits;
    private long _committedEntries;

    public DiaryWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiaryWriter> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;

        // The writer must not carry the first caller's request (its user, its audit actor) into every batch.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>
    /// Stores the entry, with an audit event naming <paramref name="actor"/>, raises the person on their clinics'
    /// worklists by the entry's disposition and <paramref name="newRedFlags"/> (<see cref="WorklistUpdater.RaiseAsync"/>),
    /// and completes once it is committed. Once queued the entry is written even if the caller stops waiting.
    /// </summary>
    /// <exception cref="DiaryWriteException">The entry was not stored.</exception>
    public async Task WriteAsync(
        DiaryEntry entry, AuditActor actor, IReadOnlyCollection<string>? newRedFlags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        var pending = new PendingWrite(entry, actor, newRedFlags, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                await _queue.Writer.WriteAsync(pending, cancellationToken);
            }
        }
        catch (ChannelClosedException e)
        {
            throw new DiaryWriteException("The diary is shutting down.", e);
        }

        await pending.Done.Task;
    }

    /// <summary>Transactions committed so far, and the entries they held: entries per commit is how widely flushes are shared.</summary>
    public (long Commits, long Entries) Committed => (Interlocked.Read(ref _commits), Interlocked.Read(ref _committedEntries));

    /// <summary>
    /// Takes no more entries and writes those already taken. The host calls it once the web server has stopped
    /// (<see cref="IHostedLifecycleService.StoppedAsync"/>), while the database can still be reached: disposing the
    /// container is too late, since by then no scope can be made for a last batch.
    /// </summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    public async ValueTask DisposeAsync() => await DrainAsync();

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => DrainAsync();

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
        }

        await DropSessionAsync();
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var error = await TrySaveAsync(batch);
        if (error is null)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }

            return;
        }

        LogBatchFailed(_logger, error, batch.Count);
        foreach (var pending in batch)
        {
            var alone = await TrySaveAsync([pending]);
            if (alone is null)
            {
                pending.Done.TrySetResult();
            }
            else
            {
                Fail(pending, alone);
            }
        }
    }

    private void Fail(PendingWrite pending, Exception error)
    {
        LogEntryFailed(_logger, error, pending.Entry.Id);
        pending.Done.TrySetException(new DiaryWriteException("The diary entry could not be stored.", error));
    }

    /// <summary>Writes the entries, their audit events and worklist changes in one transaction; the error, or null when committed.</summary>
    private async Task<Exception?> TrySaveAsync(IReadOnlyList<PendingWrite> writes)
    {
        try
        {
            var db = await OpenSessionAsync();
            var now = _clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Most people keep a diary without a clinic: one query finds those on a worklist, so the batch costs one
            // round trip there rather than one per entry.
            var owners = writes.Select(w => w.Entry.OwnerId).Distinct().ToList();
            var onWorklists = (await db.ClinicPatients
                .Where(p => owners.Contains(p.PatientId))
                .Select(p => p.PatientId)
                .Distinct()
                .ToListAsync()).ToHashSet();
            foreach (var (entry, _, newRedFlags, _) in writes.Where(w => onWorklists.Contains(w.Entry.OwnerId)).OrderBy(w => w.Entry.OwnerId))
            {
                await WorklistUpdater.RaiseAsync(db, entry.OwnerId, entry.Disposition, now, newRedFlags);
            }

            // Each entry's own actor: the auditing interceptor only knows the writer's, and skips events already staged.
            var entries = writes.Select(w => w.Entry).ToList();
            var events = writes
                .Select(w => new AuditEvent(now, w.Actor, AuditAction.Create, w.Entry.OwnerId, nameof(DiaryEntry), w.Entry.Id.ToString()))
                .ToList();
            if (db.Database.IsNpgsql())
            {
                // PostgreSQL spends most of a batch parsing, planning and running one INSERT per row; one COPY per
                // table does the same rows as a single statement (docs/performance.md, "Diary writes").
                await PostgresCopy.InsertAsync(db, entries);
                await PostgresCopy.InsertAsync(db, events);
            }
            else
            {
                db.DiaryEntries.AddRange(entries);
                db.AuditEvents.AddRange(events);
                await db.SaveChangesAsync();
            }

            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _committedEntries, writes.Count);
            return null;
        }
#pragma warning disable CA1031 // Any failure of the database fails the waiting requests; the writer itself must live on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The connection may be what failed; the next attempt starts on a new one.
            await DropSessionAsync();
            return e;
        }
    }

    private async Task<BackCareDbContext> OpenSessionAsync()
    {
        if (_session is null)
        {
            var scope = _scopes.CreateAsyncScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
                await db.Database.OpenConnectionAsync();
                if (db.Database.IsNpgsql())
                {
                    // The writer fills new pages faster than anything else and, with PostgreSQL's stock 128 MB of
                    // buffers, writes most of them out itself. Left to the kernel those writes gather into bursts of
                    // hundreds of megabytes that stall the next commit's flush for 100 ms or more; handed to the disk
                    // as they go, they do not (p99 about 40 ms instead of 110 to 140 at 64 connections, measured in
                    // docs/performance.md, "Diary writes"). A value the database or role sets already is kept.
                    await db.Database.ExecuteSqlRawAsync(
                        "SELECT set_config('backend_flush_after', '256kB', false) WHERE current_setting('backend_flush_after') = '0'");
                }

                _session = new Session(scope, db);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        return _session.Db;
    }

    private async Task DropSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            try
            {
                await session.Scope.DisposeAsync();
            }
#pragma warning disable CA1031 // Closing a broken connection may throw; the writer goes on with a new one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSessionCloseFailed(_logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} diary entries failed; trying each again, alone, on a new connection.")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Diary entry {EntryId} could not be stored.")]
    private static partial void LogEntryFailed(ILogger logger, Exception error, Guid entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The diary writer's database connection could not be closed cleanly.")]
    private static partial void LogSessionCloseFailed(ILogger logger, Exception error);

    /// <summary>The writer's own scope and context, with its connection held open between batches.</summary>
    private sealed record Session(AsyncServiceScope Scope, BackCareDbContext Db);

    private sealed record PendingWrite(DiaryEntry Entry, AuditActor Actor, IReadOnlyCollection<string>? NewRedFlags, TaskCompletionSource Done);
}

/// <summary>A diary entry was not stored; nothing of it was committed.</summary>
public sealed class DiaryWriteException : Exception
{
    public DiaryWriteException()
    {
    }

    public DiaryWriteException(string message)
        : base(message)
    {
    }

    public DiaryWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
