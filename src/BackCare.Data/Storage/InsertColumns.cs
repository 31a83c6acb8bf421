using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BackCare.Data.Storage;

/// <summary>
/// What a bulk insert of a mapped entity writes, for <see cref="PostgresCopy"/> and <see cref="SqliteInsert"/> alike: the
/// entity's table and every mapped property but an identity key, which the database gives.
/// </summary>
internal static class InsertColumns
{
    public static (StoreObjectIdentifier Table, IProperty[] Properties) Of<T>(BackCareDbContext db)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToArray();
        return (table, properties);
    }

    /// <summary>A table or column name quoted as SQL (both databases quote with double quotes).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
