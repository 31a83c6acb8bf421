using System.Data.Common;
using System.Globalization;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackCare.Data.Migrations;

/// <summary>What a migration run found and did.</summary>
public sealed record MigrationReport(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);

/// <summary>
/// Applies the provider's numbered SQL scripts (embedded from Migrations/Sqlite and Migrations/Postgres) that the
/// database has not seen, each recorded in <c>__backcare_migrations</c>, all in one transaction: a failed run
/// leaves the schema as it was. Concurrent runs wait for each other (PostgreSQL advisory lock, SQLite write lock).
/// </summary>
public sealed class SchemaMigrator(BackCareDbContext db, StorageOptions options)
{
    internal const string HistoryTable = "__backcare_migrations";

    // Any fixed number: it only has to be the same for every BackCare process sharing one database.
    private const long PostgresLockKey = 0x4261636b43617265;

    public static IReadOnlyList<MigrationScript> ScriptsFor(StorageProvider provider)
    {
        var prefix = $"BackCare.Data.Migrations.{provider}/";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new MigrationScript(Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd());
            })
            .ToList();
    }

    public Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(ScriptsFor(options.Provider), cancellationToken);

    internal async Task<MigrationReport> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();

            if (options.Provider == StorageProvider.Postgres)
            {
                await ExecuteAsync(connection, dbTransaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            await ExecuteAsync(connection, dbTransaction, CreateHistoryTableSql(), cancellationToken);
            var alreadyApplied = await ReadAppliedAsync(connection, dbTransaction, cancellationToken);

            var known = scripts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var unknown = alreadyApplied.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new StorageConfigurationException(
                    $"{options.DescribeTarget()} has migrations this version of BackCare does not know ({string.Join(", ", unknown)}); " +
                    "it was made by a newer BackCare.");
            }

            var applied = new List<string>();
            foreach (var script in scripts.Where(s => !alreadyApplied.Contains(s.Id)))
            {
                await ExecuteAsync(connection, dbTransaction, script.Sql, cancellationToken);
                await RecordAsync(connection, dbTransaction, script.Id, cancellationToken);
                applied.Add(script.Id);
            }

            await transaction.CommitAsync(cancellationToken);
            return new MigrationReport(applied, alreadyApplied.Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The migrations the database records as applied, oldest first; empty when it has none.</summary>
    public async Task<IReadOnlyList<string>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await ExecuteAsync(connection, null, CreateHistoryTableSql(), cancellationToken);
            return (await ReadAppliedAsync(connection, null, cancellationToken)).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private string CreateHistoryTableSql() => options.Provider == StorageProvider.Postgres
        ? $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id text PRIMARY KEY, applied_utc timestamptz NOT NULL)"
        : $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id TEXT NOT NULL PRIMARY KEY, applied_utc TEXT NOT NULL)";

    private static async Task<HashSet<string>> ReadAppliedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT id FROM {HistoryTable}";
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            await using (reader)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            return ids;
        }
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.Transaction = transaction;
            command.CommandText = options.Provider == StorageProvider.Postgres
                ? $"INSERT INTO {HistoryTable} (id, applied_utc) VALUES (@id, now())"
                : $"INSERT INTO {HistoryTable} (id, applied_utc) VALUES (@id, @at)";
            AddParameter(command, "@id", id);
            if (options.Provider == StorageProvider.Sqlite)
            {
                AddParameter(command, "@at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>One numbered SQL script, e.g. <c>0001_initial</c>.</summary>
public sealed record MigrationScript(string Id, string Sql);
