using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Auditing;

/// <summary>
/// On every save: stamps the creation time of new rows from the injected clock, and appends an audit event
/// for each health record created, changed or deleted, in the same transaction as the change.
/// </summary>
public sealed class AuditingInterceptor(IAuditActorAccessor actor, TimeProvider clock) : SaveChangesInterceptor
{
    private const string CreatedUtc = nameof(IHealthRecord.CreatedUtc);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new List<(IHealthRecord Record, AuditAction Action)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added)
            {
                StampCreated(entry, now);
            }

            if (entry.Entity is IHealthRecord record && ActionFor(entry.State) is { } action)
            {
                changed.Add((record, action));
            }
        }

        // A save that failed and is tried again still holds the events added the first time.
        var pending = context.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.Action, e.Entity.ResourceType, e.Entity.ResourceId))
            .ToHashSet();
        foreach (var (record, action) in changed)
        {
            var resourceType = AuditLog.ResourceTypeOf(record.GetType());
            var resourceId = record.Id.ToString();
            if (pending.Add((action, resourceType, resourceId)))
            {
                context.Add(new AuditEvent(now, actor.Current, action, record.OwnerId, resourceType, resourceId));
            }
        }
    }

    private static void StampCreated(EntityEntry entry, DateTime now)
    {
        if (entry.Metadata.FindProperty(CreatedUtc) is not null)
        {
            var property = entry.Property(CreatedUtc);
            if (property.CurrentValue is DateTime value && value == default)
            {
                property.CurrentValue = now;
            }
        }
    }

    private static AuditAction? ActionFor(EntityState state) => state switch
    {
        EntityState.Added => AuditAction.Create,
        EntityState.Modified => AuditAction.Update,
        EntityState.Deleted => AuditAction.Delete,
        _ => null,
    };
}
