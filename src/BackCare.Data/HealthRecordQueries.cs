using Microsoft.EntityFrameworkCore;

namespace BackCare.Data;

/// <summary>
/// The only way endpoints should read health records: scoped to one owner, so another person's record
/// is simply not found (and the endpoint answers 404, never its contents).
/// </summary>
public static class HealthRecordQueries
{
    /// <summary>The owner's records, newest first.</summary>
    public static IQueryable<TRecord> OwnedBy<TRecord>(this IQueryable<TRecord> records, Guid ownerId)
        where TRecord : class, IHealthRecord =>
        records.Where(r => r.OwnerId == ownerId).OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id);

    /// <summary>One record if, and only if, it belongs to the owner.</summary>
    public static Task<TRecord?> FindOwnedAsync<TRecord>(
        this IQueryable<TRecord> records, Guid id, Guid ownerId, CancellationToken cancellationToken = default)
        where TRecord : class, IHealthRecord =>
        records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == ownerId, cancellationToken);
}
