using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Diary;

/// <summary>
/// Stores the results of the diary entries being saved before the entries that point at them, whoever saves them
/// (the diary writer on SQLite, a re-assessment, a seed): an entry's shown result is never left out.
/// </summary>
internal sealed class ShownResultsInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is BackCareDbContext db && ToStore(db) is { Count: > 0 } results)
        {
            ShownResult.Store(db, results);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is BackCareDbContext db && ToStore(db) is { Count: > 0 } results)
        {
            await ShownResult.StoreAsync(db, results, cancellationToken);
        }

        return result;
    }

    private static List<ShownResult> ToStore(BackCareDbContext db) =>
        [.. db.ChangeTracker.Entries<DiaryEntry>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.ResultToStore is not null)
            .Select(e => e.Entity.ResultToStore!)];
}
