using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using BackCare.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Diary;

/// <summary>
/// Group commit for diary entries (<see cref="GroupCommitter{TWrite}"/>): every entry that arrived while the last commit
/// was flushing is written, with its audit event, in one transaction. (A second writer at once on PostgreSQL, measured,
/// wrote fewer entries a second with a longer tail: the machine's CPU, not the wait for the disk, is what limits the
/// diary there.) The same transaction raises the person on their clinics' worklists, so an entry and what it tells the
/// clinic are kept together or not at all, and no request waits on the database's write lock of its own. An entry that
/// still fails alone throws <see cref="DiaryWriteException"/> to its own caller.
/// </summary>
public sealed class DiaryWriter(IServiceScopeFactory scopes, TimeProvider clock, BackCareMetrics metrics, ILogger<DiaryWriter> logger)
    : GroupCommitter<DiaryWriter.PendingEntry>(scopes, logger, metrics.Diary, MaxBatch, QueueCapacity)
{
    /// <summary>The most entries in one transaction: enough to share a flush widely, small enough to keep latency even.</summary>
    public const int MaxBatch = 256;

    /// <summary>Entries waiting beyond this make callers wait to queue (back-pressure) rather than fill memory.</summary>
    private const int QueueCapacity = 8192;

    /// <summary>
    /// Stores the entry, with an audit event naming <paramref name="actor"/>, raises the person on their clinics'
    /// worklists by the entry's disposition and <paramref name="newRedFlags"/> (<see cref="WorklistNews.DiaryEntry"/>),
    /// and completes once it is committed. Once queued the entry is written even if the caller stops waiting.
    /// </summary>
    /// <exception cref="DiaryWriteException">The entry was not stored.</exception>
    public Task WriteAsync(
        DiaryEntry entry, AuditActor actor, IReadOnlyCollection<string>? newRedFlags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return EnqueueAsync(new PendingEntry(entry, actor, newRedFlags), cancellationToken);
    }

    protected override string WhatIsWritten => "diary entries";

    protected override Exception NotStored(PendingEntry write, Exception error) =>
        new DiaryWriteException($"The diary entry {write.Entry.Id} could not be stored.", error);

    /// <summary>The entries, their audit events and worklist changes, in the committer's transaction.</summary>
    protected override async Task SaveAsync(BackCareDbContext db, IReadOnlyList<PendingEntry> writes)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Most people keep a diary without a clinic: one query finds those on a worklist, so the batch costs one
        // round trip there rather than one per entry.
        var owners = writes.Select(w => w.Entry.OwnerId).Distinct().ToList();
        var onWorklists = (await db.ClinicPatients
            .Where(p => owners.Contains(p.PatientId))
            .Select(p => p.PatientId)
            .Distinct()
            .ToListAsync()).ToHashSet();
        foreach (var (entry, _, newRedFlags) in writes.Where(w => onWorklists.Contains(w.Entry.OwnerId)).OrderBy(w => w.Entry.OwnerId))
        {
            await WorklistUpdater.RaiseAsync(db, WorklistNews.DiaryEntry(entry.OwnerId, entry.Disposition, newRedFlags), now);
        }

        // Each entry's own actor: the auditing interceptor only knows the writer's, and skips events already staged.
        var entries = writes.Select(w => w.Entry).ToList();
        var events = writes
            .Select(w => new AuditEvent(now, w.Actor, AuditAction.Create, w.Entry.OwnerId, nameof(DiaryEntry), w.Entry.Id.ToString()))
            .ToList();
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL spends most of a batch parsing, planning and running one INSERT per row; one COPY per
            // table does the same rows as a single statement (docs/performance.md, "Diary writes"). COPY skips the
            // interceptor that stamps new records, so the entries are stamped here, at their audit events' time to the
            // microsecond the column keeps (so the entry in hand is the one stored).
            var written = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
            foreach (var entry in entries)
            {
                entry.StampCreated(written);
            }

            // COPY skips the interceptor that stores the results the entries point at, so they go first here.
            await ShownResult.StoreAsync(db, entries.Where(e => e.ResultToStore is not null).Select(e => e.ResultToStore!));
            await PostgresCopy.InsertAsync(db, entries);
            await PostgresCopy.InsertAsync(db, events);
        }
        else
        {
            db.DiaryEntries.AddRange(entries);
            db.AuditEvents.AddRange(events);
            await db.SaveChangesAsync();
        }
    }

    protected override async Task OnConnectedAsync(BackCareDbContext db)
    {
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
    }

    /// <summary>One entry waiting for its commit, with who wrote it and the warning signs new in it.</summary>
    public sealed record PendingEntry(DiaryEntry Entry, AuditActor Actor, IReadOnlyCollection<string>? NewRedFlags);
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
