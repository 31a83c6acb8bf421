using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackCare.Data.Storage;

/// <summary>
/// Inserts rows of a mapped entity on SQLite with one prepared INSERT run once a row, on the context's connection and
/// inside its current transaction: SQLite's counterpart of <see cref="PostgresCopy"/>. The columns and each value's
/// parameter come from the EF model's type mappings (<see cref="RelationalTypeMapping.CreateParameter"/>, as
/// <c>SaveChanges</c> makes its own), so the stored values are the ones <c>SaveChanges</c> would store; an identity key
/// is left to the database. <c>SaveChanges</c> also tracks every row, detects changes, runs the interceptors and builds
/// the batch's SQL again each time: for the audit of reads, at thousands of rows a second, that was most of the
/// writer's work (docs/performance.md, stop 29). The rows are not tracked; their keys are not read back.
/// </summary>
internal static class SqliteInsert
{
    public static async Task InsertAsync<T>(BackCareDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (table, properties) = InsertColumns.Of<T>(db);
        var columns = properties
            .Select(p => new Column(p.GetColumnName(table)!, p.GetGetter(), (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsColumnNullable(table)))
            .ToArray();
        var names = columns.Select((_, i) => $"@p{i}").ToArray();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("SqliteInsert writes inside the context's transaction; begin one first.");
        command.CommandText =
            $"INSERT INTO {InsertColumns.Quote(table.Name)} ({string.Join(", ", columns.Select(c => InsertColumns.Quote(c.Name)))}) VALUES ({string.Join(", ", names)})";
        foreach (var row in rows)
        {
            // The statement is prepared once and kept while the text stays the same; each row binds new parameters.
            command.Parameters.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, names[i], columns[i].Getter.GetClrValue(row), columns[i].Nullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable);
}
