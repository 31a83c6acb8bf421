using System.Diagnostics;
using System.Globalization;
using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BackCare.Benchmarks.Worklist;

/// <summary>
/// SQLite: every table in one transaction of prepared inserts, with <c>synchronous=OFF</c> and an in-memory rollback
/// journal for the seed only (the product's WAL mode is put back at the end). Values are written as EF Core's SQLite
/// provider writes them: Guids as upper-case text, booleans as 0/1, timestamps and dates as text.
/// </summary>
internal static class SqliteBulk
{
    public static async Task WriteAsync(StorageOptions options, IReadOnlyList<BulkTable> tables, TextWriter log)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA foreign_keys=OFF;");
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            foreach (var table in tables)
            {
                var clock = Stopwatch.StartNew();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
                var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
                command.Prepare();
                foreach (var row in table.Rows)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        parameters[i].Value = row[i] switch
                        {
                            null => DBNull.Value,
                            Guid id => id.ToString().ToUpperInvariant(),
                            bool flag => flag ? 1 : 0,
                            DateTime at => at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
                            DateOnly day => day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
                            var value => value,
                        };
                    }

                    command.ExecuteNonQuery();
                }

                log.WriteLine($"// {table.Name}: {table.Count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
            }

            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// PostgreSQL: the diary's month partitions first (a clinic that has run for months has one per month, made by its
/// upkeep; without them the seed's months would all fall in the default partition), then each table by binary COPY,
/// then ANALYZE (as autovacuum would soon after such a load).
/// </summary>
internal static class PostgresBulk
{
    public static async Task WriteAsync(StorageOptions options, IReadOnlyList<BulkTable> tables, IReadOnlyList<DateOnly> diaryMonths, TextWriter log)
    {
        // Finishing a COPY of 3 million rows (its indexes) takes longer than the default 30 s timeout on a busy machine.
        var slow = new NpgsqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = 1800 };
        await using var connection = new NpgsqlConnection(slow.ConnectionString);
        await connection.OpenAsync();
        foreach (var month in diaryMonths)
        {
            await using var partition = new NpgsqlCommand("SELECT backcare_month_partition('diary_entries', @month)", connection);
            partition.Parameters.AddWithValue("month", month);
            await partition.ExecuteScalarAsync();
        }

        foreach (var table in tables)
        {
            var clock = Stopwatch.StartNew();
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT BINARY)"))
            {
                writer.Timeout = TimeSpan.FromMinutes(30);
                foreach (var row in table.Rows)
                {
                    writer.StartRow();
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case null: writer.WriteNull(); break;
                            case Guid id: writer.Write(id, NpgsqlTypes.NpgsqlDbType.Uuid); break;
                            case bool flag: writer.Write(flag, NpgsqlTypes.NpgsqlDbType.Boolean); break;
                            case int number: writer.Write(number, NpgsqlTypes.NpgsqlDbType.Integer); break;
                            case DateTime at: writer.Write(at, NpgsqlTypes.NpgsqlDbType.TimestampTz); break;
                            case DateOnly day: writer.Write(day, NpgsqlTypes.NpgsqlDbType.Date); break;
                            case string text: writer.Write(text, NpgsqlTypes.NpgsqlDbType.Text); break;
                            default: throw new InvalidOperationException($"No COPY type for {value.GetType()} in {table.Name}.");
                        }
                    }
                }

                await writer.CompleteAsync();
            }

            log.WriteLine($"// {table.Name}: {table.Count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
        }

        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
