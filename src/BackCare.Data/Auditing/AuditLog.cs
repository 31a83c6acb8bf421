using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Auditing;

/// <summary>
/// Writes audit events. Changes to health records are audited by <see cref="AuditingInterceptor"/> when they
/// are saved; reads are not saves, so an endpoint that shows health data says so in one line:
/// <c>await audit.RecordReadAsync(entry, ct);</c>
/// </summary>
public sealed class AuditLog(BackCareDbContext db, IAuditActorAccessor actor, TimeProvider clock)
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
        return RecordAsync(AuditAction.Read, record.OwnerId, ResourceTypeOf(record.GetType()), record.Id.ToString(), cancellationToken);
    }

    /// <summary>Records that a list of someone's records of one kind was shown to the current actor.</summary>
    public Task RecordListReadAsync<TRecord>(Guid ownerId, CancellationToken cancellationToken = default)
        where TRecord : IHealthRecord =>
        RecordAsync(AuditAction.Read, ownerId, ResourceTypeOf(typeof(TRecord)), resourceId: null, cancellationToken);

    /// <summary>Who did what to this person's record, newest first: what the person sees of their own audit trail.</summary>
    public IQueryable<AuditEvent> ForSubject(Guid subjectId) =>
        db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == subjectId)
            .OrderByDescending(e => e.AtUtc)
            .ThenByDescending(e => e.Id);

    internal static string ResourceTypeOf(Type recordType) => recordType.Name;
}
