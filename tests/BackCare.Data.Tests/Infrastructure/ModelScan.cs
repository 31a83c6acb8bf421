using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>
/// Looks for a person's id in every table of the model, in every column that could hold it (Guid columns, and text
/// columns holding it as text), so that a table added later is searched without changing a test.
/// </summary>
internal static class ModelScan
{
    private static readonly MethodInfo CountRows = typeof(ModelScan).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The number of rows, per table, with the id in any column; tables without such a row are left out.</summary>
    public static async Task<Dictionary<string, int>> RowsHoldingAsync(DbContext db, Guid id)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties()
                .Where(p => p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?) || p.ClrType == typeof(string))
                .Select(p => (p.Name, p.ClrType))
                .ToList();
            var count = await (Task<int>)CountRows.MakeGenericMethod(entity.ClrType).Invoke(null, [db, columns, id])!;
            if (count > 0)
            {
                found[entity.GetTableName()!] = count;
            }
        }

        return found;
    }

    public static async Task<List<string>> TablesHoldingAsync(DbContext db, Guid id) =>
        [.. (await RowsHoldingAsync(db, id)).Keys.Order(StringComparer.Ordinal)];

    private static Task<int> CountAsync<TEntity>(DbContext db, List<(string Name, Type Type)> columns, Guid id)
        where TEntity : class
    {
        var row = Expression.Parameter(typeof(TEntity), "row");
        Expression? any = null;
        foreach (var (name, type) in columns)
        {
            var value = Expression.Call(typeof(EF), nameof(EF.Property), [type], row, Expression.Constant(name));
            var wanted = type == typeof(string) ? Expression.Constant(id.ToString(), type) : Expression.Constant(id, type);
            var match = Expression.Equal(value, wanted);
            any = any is null ? match : Expression.OrElse(any, match);
        }

        if (any is null)
        {
            return Task.FromResult(0);
        }

        return db.Set<TEntity>().AsNoTracking().CountAsync(Expression.Lambda<Func<TEntity, bool>>(any, row));
    }
}
