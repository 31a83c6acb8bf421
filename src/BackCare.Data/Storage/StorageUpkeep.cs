using System.Globalization;
using BackCare.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>What one run of the storage upkeep did.</summary>
/// <param name="Led">False when another instance leads: nothing was done.</param>
/// <param name="PartitionsMade">The month partitions made (PostgreSQL), e.g. <c>audit_events_y2027m03</c>.</param>
/// <param name="Retention">The audit retention run, or null when nothing was done.</param>
public sealed record StorageUpkeepReport(bool Led, IReadOnlyList<string> PartitionsMade, AuditRetentionRun? Retention);

/// <summary>
/// The leader's daily care of the two tables that grow with every person (decision 0025). On PostgreSQL,
/// <c>audit_events</c> and <c>diary_entries</c> are partitioned by month (migration 0024): the current month and the next
/// <see cref="MonthsAhead"/> get their partitions here, and any month that reached the default partition is moved into
/// one of its own. Then audit retention (<see cref="AuditOptions.RetentionYears"/>): on PostgreSQL whole month partitions
/// that ended before the retention are dropped; on SQLite the rows of those months are deleted in batches of
/// <see cref="SqliteBatch"/>, each batch in a transaction holding an <see cref="AuditRemovalPermit"/>. Diary entries are
/// health records and are never removed here. Every run is logged and recorded in <c>audit_retention_runs</c>.
/// Only the instance that leads the background work (<see cref="BackgroundLeader"/>) does any of it.
/// </summary>
public sealed partial class StorageUpkeep(
    BackCareDbContext db, StorageOptions storage, BackgroundLeader leader, IOptions<AuditOptions> audit, TimeProvider clock, ILogger<StorageUpkeep> log)
{
    /// <summary>Months made ahead of the current one.</summary>
    public const int MonthsAhead = 3;

    /// <summary>Audit events deleted in one transaction on SQLite: short enough not to hold the one write lock for long.</summary>
    public const int SqliteBatch = 5000;

    /// <summary>The tables partitioned by month and their partition columns.</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> MonthTables = [("audit_events", "at_utc"), ("diary_entries", "created_utc")];

    private bool Postgres => storage.Provider == StorageProvider.Postgres;

    public async Task<StorageUpkeepReport> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await leader.TryLeadAsync(cancellationToken))
        {
            return new StorageUpkeepReport(false, [], null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var made = Postgres ? await MakeMonthPartitionsAsync(now, cancellationToken) : [];
        var retention = await ApplyAuditRetentionAsync(now, cancellationToken);
        return new StorageUpkeepReport(true, made, retention);
    }

    /// <summary>The partitions of the current month and the next <see cref="MonthsAhead"/>, and of every month in a default partition.</summary>
    private async Task<IReadOnlyList<string>> MakeMonthPartitionsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var made = new List<string>();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        foreach (var (table, column) in MonthTables)
        {
            var months = Enumerable.Range(0, MonthsAhead + 1).Select(thisMonth.AddMonths).ToList();
            months.AddRange(await ScalarsAsync<DateOnly>(
                $"SELECT DISTINCT date_trunc('month', {column} AT TIME ZONE 'UTC')::date FROM {table}_default", cancellationToken));
            foreach (var month in months.Distinct().Order())
            {
                if (await MakeMonthAsync(table, month, cancellationToken))
                {
                    made.Add(PartitionName(table, month));
                }
            }
        }

        if (made.Count > 0)
        {
            var names = string.Join(", ", made);
            PartitionsMade(log, made.Count, names);
        }

        return made;
    }

    private async Task<AuditRetentionRun> ApplyAuditRetentionAsync(DateTime now, CancellationToken cancellationToken)
    {
        var options = audit.Value;
        var before = options.RemovedBefore(now);
        var removed = Postgres
            ? await DropExpiredMonthsAsync(before, cancellationToken)
            : await DeleteExpiredRowsAsync(before, cancellationToken);
        var run = new AuditRetentionRun(now, options.RetentionYears, before, removed);
        db.AuditRetentionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(run).State = EntityState.Detached;
        RetentionRan(log, options.RetentionYears, before, run.RowsRemoved, removed.Count, run.Months);
        return run;
    }

    /// <summary>
    /// Drops each month partition of audit_events that ended by <paramref name="before"/>, counting its rows first, in one
    /// transaction. Expired rows in the default partition are first moved into partitions of their months. Dropping a
    /// table is not a row deletion: the append-only trigger neither sees nor needs to allow it.
    /// </summary>
    private async Task<IReadOnlyList<(string Month, long Rows)>> DropExpiredMonthsAsync(DateTime before, CancellationToken cancellationToken)
    {
        var stranded = await ScalarsAsync<DateOnly>(
            "SELECT DISTINCT date_trunc('month', at_utc AT TIME ZONE 'UTC')::date FROM audit_events_default WHERE at_utc < @before",
            cancellationToken, ("before", before));
        foreach (var month in stranded)
        {
            await MakeMonthAsync("audit_events", month, cancellationToken);
        }

        var partitions = await ScalarsAsync<string>(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_events'::regclass",
            cancellationToken);
        var expired = partitions
            .Select(name => (Name: name, Month: MonthOf("audit_events", name)))
            .Where(p => p.Month is { } month && month.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= before)
            .OrderBy(p => p.Month)
            .ToList();
        if (expired.Count == 0)
        {
            return [];
        }

        // Every month is counted before the first DROP: a DROP holds an exclusive lock on audit_events until the commit,
        // and writers must not wait behind the counting of millions of rows (docs/performance.md, "Audit events at 10
        // million rows").
        var removed = new List<(string, long)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (name, month) in expired)
        {
            var rows = (await ScalarsAsync<long>($"SELECT count(*) FROM {Quote(name)}", cancellationToken)).Single();
            removed.Add((month!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture), rows));
        }

        foreach (var (name, _) in expired)
        {
            // The name is one of the table's own partitions, read from the catalog above, and quoted.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE {Quote(name)}", cancellationToken);
#pragma warning restore EF1002
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Deletes the audit events before <paramref name="before"/> in batches, each in a transaction with its permit.</summary>
    private async Task<IReadOnlyList<(string Month, long Rows)>> DeleteExpiredRowsAsync(DateTime before, CancellationToken cancellationToken)
    {
        var months = await db.AuditEvents.AsNoTracking()
            .Where(e => e.AtUtc < before)
            .GroupBy(e => new { e.AtUtc.Year, e.AtUtc.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Rows = g.LongCount() })
            .ToListAsync(cancellationToken);
        if (months.Count == 0)
        {
            return [];
        }

        for (var deleted = SqliteBatch; deleted == SqliteBatch;)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var permit = await AuditRemovalPermit.ForRetentionAsync(db, before, cancellationToken);
            deleted = await db.AuditEvents
                .Where(e => e.AtUtc < before)
                .OrderBy(e => e.AtUtc)
                .Take(SqliteBatch)
                .ExecuteDeleteAsync(cancellationToken);
            await permit.WithdrawAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return months
            .OrderBy(m => m.Year).ThenBy(m => m.Month)
            .Select(m => ($"{m.Year:D4}-{m.Month:D2}", m.Rows))
            .ToList();
    }

    private async Task<bool> MakeMonthAsync(string table, DateOnly month, CancellationToken cancellationToken) =>
        (await ScalarsAsync<bool>("SELECT backcare_month_partition(@table, @month)", cancellationToken, ("table", table), ("month", month))).Single();

    /// <summary>The partition of <paramref name="table"/> for <paramref name="month"/>, as migration 0024 names it.</summary>
    public static string PartitionName(string table, DateOnly month) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}_y{month.Year:D4}m{month.Month:D2}");

    private static DateOnly? MonthOf(string table, string partition) =>
        partition.Length == table.Length + 9
        && partition.StartsWith(table + "_y", StringComparison.Ordinal)
        && partition[^3] == 'm'
        && int.TryParse(partition.AsSpan(table.Length + 2, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && int.TryParse(partition.AsSpan(partition.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
        && month is >= 1 and <= 12
            ? new DateOnly(year, month, 1)
            : null;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Runs one PostgreSQL query on the context's connection (and its transaction, if one is open).</summary>
    private async Task<List<T>> ScalarsAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection)
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var results = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(reader.GetFieldValue<T>(0));
            }

            return results;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made {Count} month partitions ahead: {Partitions}.")]
    private static partial void PartitionsMade(ILogger logger, int count, string partitions);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Audit retention ({Years} years): removed {Rows} audit events before {Before:yyyy-MM-dd} in {MonthCount} whole months ({Months}).")]
    private static partial void RetentionRan(ILogger logger, int years, DateTime before, long rows, int monthCount, string months);
}
