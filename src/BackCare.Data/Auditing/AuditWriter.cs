using BackCare.Data.Storage;
using BackCare.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Auditing;

/// <summary>
/// Group commit for the audit events of reads (<see cref="GroupCommitter{TWrite}"/>). Every read of health data is
/// recorded before its answer leaves, and used to commit its own event: one flush of the disk per read, so reads queued
/// behind the disk (docs/performance.md, "Audited reads"). Here the events of every read that arrived while the last
/// commit was flushing share one commit; each caller still waits for its own event to be on disk. A page that reads
/// many records gives its events together, as one write.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, BackCareMetrics metrics, ILogger<AuditWriter> logger)
    : GroupCommitter<IReadOnlyList<AuditEvent>>(scopes, logger, metrics.Audit, MaxBatch, QueueCapacity)
{
    /// <summary>The most reads (each one or more events) in one transaction.</summary>
    public const int MaxBatch = 512;

    private const int QueueCapacity = 16384;

    /// <summary>Completes once the events are committed.</summary>
    /// <exception cref="AuditWriteException">The events were not stored: the read must not be answered.</exception>
    public Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Count == 0 ? Task.CompletedTask : EnqueueAsync(events, cancellationToken);
    }

    protected override string WhatIsWritten => "audit events";

    protected override Exception NotStored(IReadOnlyList<AuditEvent> write, Exception error) =>
        new AuditWriteException("The audit record of a read could not be stored.", error);

    protected override async Task SaveAsync(BackCareDbContext db, IReadOnlyList<IReadOnlyList<AuditEvent>> writes)
    {
        var events = writes.SelectMany(w => w).ToList();
        if (db.Database.IsNpgsql())
        {
            await PostgresCopy.InsertAsync(db, events);
        }
        else
        {
            await SqliteInsert.InsertAsync(db, events);
        }
    }
}

/// <summary>The audit record of a read was not stored, so the read must not be answered.</summary>
public sealed class AuditWriteException : Exception
{
    public AuditWriteException()
    {
    }

    public AuditWriteException(string message)
        : base(message)
    {
    }

    public AuditWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
