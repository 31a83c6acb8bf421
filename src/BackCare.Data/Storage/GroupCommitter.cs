using System.Diagnostics;
using System.Threading.Channels;
using BackCare.Data.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Storage;

/// <summary>
/// Group commit. One commit costs one flush to disk (SQLite <c>synchronous=FULL</c>, PostgreSQL
/// <c>synchronous_commit=on</c>), a few milliseconds on a plain disk, so committing each write on its own caps a table at
/// a few hundred writes a second and makes every request wait its turn for the disk. Here one writer takes every write
/// that arrived while the last commit was flushing and commits them in one transaction: the flush is shared.
/// <see cref="EnqueueAsync"/> completes only once its write's transaction has committed, so an acknowledged write is on
/// disk, never weaker than committing alone.
/// The writer keeps one database connection open for all its batches: taking one from the pool for each batch cycles
/// through every idle connection (the pool hands its idle connections out in turn), so on PostgreSQL each batch landed on
/// another server process with cold caches and statements to prepare again (docs/performance.md, "Diary writes").
/// When a batch fails the connection is dropped and its writes are tried again one by one on a new one, so a broken
/// connection costs no write and one bad write fails alone, to its own caller only.
/// Traced as one span per batch ("commit diary entries", with the database's spans under it) linked to each caller's
/// span ("wait for commit of diary entries"): a commit serves many requests, so it is the child of none of them.
/// </summary>
public abstract partial class GroupCommitter<TWrite> : IHostedLifecycleService, IAsyncDisposable
    where TWrite : notnull
{
    private readonly Channel<Pending> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly GroupCommitMetrics _metrics;
    private readonly Task _loop;
    private Session? _session;
    private long _commits;
    private long _committedWrites;

    /// <param name="maxBatch">The most writes in one transaction: enough to share a flush widely, small enough to keep latency even.</param>
    /// <param name="capacity">Writes waiting beyond this make callers wait to queue (back-pressure) rather than fill memory.</param>
    /// <param name="metrics">Where each commit's batch size and duration are recorded.</param>
    protected GroupCommitter(IServiceScopeFactory scopes, ILogger logger, GroupCommitMetrics metrics, int maxBatch, int capacity)
    {
        _scopes = scopes;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        // The writer must not carry the first caller's request (its user, its audit actor) into every batch.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Transactions committed so far, and the writes they held: writes per commit is how widely flushes are shared.</summary>
    public (long Commits, long Writes) Committed => (Interlocked.Read(ref _commits), Interlocked.Read(ref _committedWrites));

    /// <summary>What the writes are, for the log ("diary entries", "audit events").</summary>
    protected abstract string WhatIsWritten { get; }

    /// <summary>Adds the writes to the open transaction; the committer commits it.</summary>
    protected abstract Task SaveAsync(BackCareDbContext db, IReadOnlyList<TWrite> writes);

    /// <summary>The exception a caller whose write could not be stored gets.</summary>
    protected abstract Exception NotStored(TWrite write, Exception error);

    /// <summary>Called once for each new connection of the writer, to tune it.</summary>
    protected virtual Task OnConnectedAsync(BackCareDbContext db) => Task.CompletedTask;

    /// <summary>Queues the write and completes once it is committed; once queued it is written even if the caller stops waiting.</summary>
    protected async Task EnqueueAsync(TWrite write, CancellationToken cancellationToken)
    {
        using var waiting = BackCareTracing.Source.StartActivity($"wait for commit of {WhatIsWritten}");
        var pending = new Pending(
            write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), waiting?.Context ?? Activity.Current?.Context ?? default);
        try
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                await _queue.Writer.WriteAsync(pending, cancellationToken);
            }
        }
        catch (ChannelClosedException e)
        {
            throw NotStored(write, new InvalidOperationException("The writer is shutting down.", e));
        }

        await pending.Done.Task;
    }

    /// <summary>
    /// Takes no more writes and commits those already taken. The host calls it once the web server has stopped
    /// (<see cref="IHostedLifecycleService.StoppedAsync"/>), while the database can still be reached: disposing the
    /// container is too late, since by then no scope can be made for a last batch.
    /// </summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        GC.SuppressFinalize(this);
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => DrainAsync();

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_maxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
        }

        await DropSessionAsync();
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        using var activity = StartCommitActivity(batch);
        var error = await TrySaveAsync([.. batch.Select(p => p.Write)]);
        if (error is null)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }

            return;
        }

        activity?.SetStatus(ActivityStatusCode.Error, "The batch failed; its writes were tried again one by one.");
        LogBatchFailed(_logger, error, batch.Count, WhatIsWritten);
        foreach (var pending in batch)
        {
            var alone = await TrySaveAsync([pending.Write]);
            if (alone is null)
            {
                pending.Done.TrySetResult();
            }
            else
            {
                LogWriteFailed(_logger, alone, WhatIsWritten);
                pending.Done.TrySetException(NotStored(pending.Write, alone));
            }
        }
    }

    /// <summary>The batch's span, a root linked to every caller's, or null when nobody listens.</summary>
    private Activity? StartCommitActivity(List<Pending> batch)
    {
        if (!BackCareTracing.Source.HasListeners())
        {
            return null;
        }

        var links = batch.Where(p => p.Caller != default).Select(p => new ActivityLink(p.Caller));
        var activity = BackCareTracing.Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: $"commit {WhatIsWritten}");
        activity?.SetTag("backcare.batch.size", batch.Count);
        return activity;
    }

    /// <summary>Writes the batch in one transaction; the error, or null when committed.</summary>
    private async Task<Exception?> TrySaveAsync(IReadOnlyList<TWrite> writes)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var db = await OpenSessionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await SaveAsync(db, writes);
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _committedWrites, writes.Count);
            _metrics.Committed(writes.Count, Stopwatch.GetElapsedTime(started));
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
                await OnConnectedAsync(db);
                if (scope.ServiceProvider.GetService<SqliteCheckpointer>() is { Running: true } && db.Database.GetDbConnection() is SqliteConnection sqlite)
                {
                    // The writer commits nearly every write, so SQLite's own checkpoints would fall on its commits.
                    await SqliteCheckpointer.LeaveCheckpointsToItAsync(sqlite);
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
                LogSessionCloseFailed(_logger, e, WhatIsWritten);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} {What} failed; trying each again, alone, on a new connection.")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "One of the {What} could not be stored.")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database connection of the writer of {What} could not be closed cleanly.")]
    private static partial void LogSessionCloseFailed(ILogger logger, Exception error, string what);

    /// <summary>The writer's own scope and context, with its connection held open between batches.</summary>
    private sealed record Session(AsyncServiceScope Scope, BackCareDbContext Db);

    /// <param name="Caller">The span of the request that waits, which the batch's span links to.</param>
    private sealed record Pending(TWrite Write, TaskCompletionSource Done, ActivityContext Caller);
}
