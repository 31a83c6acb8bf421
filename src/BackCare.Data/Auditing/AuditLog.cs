using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Auditing;

/// <summary>
/// Writes audit events. Changes to health records are audited by <see cref="AuditingInterceptor"/> when they
/// are saved; reads are not saves, so an endpoint that shows health data says so in one line:
/// <c>await audit.RecordReadAsync(entry, ct);</c>, which returns once the event is on disk. Reads go through the
/// <paramref name="writer"/>, where the events of concurrent reads share one commit; without one (a tool, a test) each
/// commits on its own.
/// </summary>
public sealed class AuditLog(BackCareDbContext db, IAuditActorAccessor actor, TimeProvider clock, AuditWriter? writer = null)
{
    /// <summary>Adds an event to be written with the next save, so a change and its audit commit together.</summary>
    public AuditEvent Stage(AuditAction action, Guid subjectId, string resourceType, string? resourceId = null)
    {
        var auditEvent = new AuditEvent(clock.GetUtcNow().UtcDateTime, actor.Current, action, subjectId, resourceType, resourceId);
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }

    public async Task RecordAsync(
        AuditAction action, Guid subjectId, string resourceType, string? resourceId = null, CancellationToken cancellationToken = default)
    {
        Stage(action, subjectId, resourceType, resourceId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records that one health record was shown to the current actor.</summary>
    public Task RecordReadAsync(IHealthRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return RecordReadAsync(record.OwnerId, ResourceTypeOf(record.GetType()), record.Id.ToString(), cancellationToken);
    }

    /// <summary>Records that a list of someone's records of one kind was shown to the current actor.</summary>
    public Task RecordListReadAsync<TRecord>(Guid ownerId, CancellationToken cancellationToken = default)
        where TRecord : IHealthRecord =>
        RecordReadAsync(ownerId, ResourceTypeOf(typeof(TRecord)), resourceId: null, cancellationToken);

    /// <summary>Records that a person's data of this type (and id, if one) was shown to the current actor; returns once on disk.</summary>
    public Task RecordReadAsync(Guid subjectId, string resourceType, string? resourceId, CancellationToken cancellationToken = default) =>
        RecordReadsAsync([(subjectId, resourceType, resourceId)], cancellationToken);

    /// <summary>
    /// Records the reads of a page that shows many records (a worklist, a chart) in one write, and returns once all are
    /// on disk. Nothing else of the request's context is saved with them.
    /// </summary>
    public async Task RecordReadsAsync(IEnumerable<(Guid SubjectId, string ResourceType, string? ResourceId)> reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = reads.Select(r => new AuditEvent(now, actor.Current, AuditAction.Read, r.SubjectId, r.ResourceType, r.ResourceId)).ToList();
        if (writer is not null)
        {
            await writer.WriteAsync(events, cancellationToken);
            return;
        }

        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Who did what to this person's record, newest first: what the person sees of their own audit trail.</summary>
    public IQueryable<AuditEvent> ForSubject(Guid subjectId) =>
        db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == subjectId)
            .OrderByDescending(e => e.AtUtc)
            .ThenByDescending(e => e.Id);

    internal static string ResourceTypeOf(Type recordType) => recordType.Name;
}
