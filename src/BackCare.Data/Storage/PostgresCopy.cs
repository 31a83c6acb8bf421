using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>
/// Inserts rows of a mapped entity with PostgreSQL's binary COPY, on the context's connection and so inside its
/// current transaction. The columns, their store types and value conversions come from the EF model, so the rows are
/// the ones <c>SaveChanges</c> would write; an identity key is left to the database. One COPY costs the server one
/// statement for the whole batch, where <c>SaveChanges</c> has it parse, plan and run one INSERT per row.
/// </summary>
internal static class PostgresCopy
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
            .Select(p => new Column(p.GetColumnName(table)!, p.GetColumnType(), p.GetGetter(), p.GetTypeMapping().Converter))
            .ToArray();
        var command = $"COPY {InsertColumns.Quote(table.Name)} ({string.Join(", ", columns.Select(c => InsertColumns.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(command, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private sealed record Column(string Name, string StoreType, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);
}
