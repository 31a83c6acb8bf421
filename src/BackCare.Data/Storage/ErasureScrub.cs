using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Storage;

/// <summary>
/// After an erasure has committed, removes what the database still keeps of the deleted rows outside its tables.
/// SQLite has already zeroed them in the database file (<c>secure_delete</c>, set on every open by
/// <see cref="SqliteDurabilityInterceptor"/>), but the write-ahead log still holds every page as it was written,
/// the person's words included, until it is checkpointed and truncated. PostgreSQL keeps deleted rows as dead tuples
/// until a vacuum; <c>VACUUM</c> removes them and their index entries now rather than whenever autovacuum comes by.
/// What neither can remove (PostgreSQL's WAL and backups) is in docs/decisions/0011-erasure-and-keys.md.
/// </summary>
internal static partial class ErasureScrub
{
    /// <summary>How often a checkpoint blocked by a reader still on an older snapshot is tried again, and how long apart.</summary>
    private const int CheckpointAttempts = 20;

    private static readonly TimeSpan CheckpointRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs outside any transaction (VACUUM refuses one) and never throws for a database error: the erasure has
    /// committed, so a scrub that fails is logged and left to the next checkpoint or autovacuum. It is not cancelled
    /// with the request either, for the same reason.
    /// </summary>
    public static async Task AfterErasureAsync(BackCareDbContext db, IReadOnlyCollection<string> touchedTables, ILogger logger)
    {
        try
        {
            if (db.Database.IsSqlite())
            {
                await TruncateWriteAheadLogAsync(db, logger);
            }
            else if (db.Database.IsNpgsql() && touchedTables.Count > 0)
            {
                // INDEX_CLEANUP ON: by default a vacuum that finds few dead rows leaves their index entries (an email
                // in accounts' unique index) for a later one.
                var tables = string.Join(", ", touchedTables.Order(StringComparer.Ordinal).Select(t => $"\"{t}\""));
#pragma warning disable EF1002 // The names come from the model, never from input.
                await db.Database.ExecuteSqlRawAsync($"VACUUM (INDEX_CLEANUP ON) {tables}");
#pragma warning restore EF1002
            }
        }
        catch (DbException e)
        {
            LogScrubFailed(logger, e);
        }
    }

    private static async Task TruncateWriteAheadLogAsync(BackCareDbContext db, ILogger logger)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            for (var attempt = 1; ; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await using var reader = await command.ExecuteReaderAsync();
                // One row: busy (1 when a reader or writer kept the log from being reset), frames in the log, frames copied.
                var busy = await reader.ReadAsync() && reader.GetInt64(0) != 0;
                if (!busy)
                {
                    return;
                }

                if (attempt == CheckpointAttempts)
                {
                    LogCheckpointBusy(logger, attempt);
                    return;
                }

                await Task.Delay(CheckpointRetryDelay);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An account was erased, but the database could not be scrubbed afterwards; " +
        "the erased rows may stay in the SQLite write-ahead log until its next checkpoint, or as PostgreSQL dead tuples until autovacuum.")]
    private static partial void LogScrubFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An account was erased, but after {Attempts} tries other connections still kept SQLite's " +
        "write-ahead log from being truncated; the erased rows stay in the -wal file until a later checkpoint resets it.")]
    private static partial void LogCheckpointBusy(ILogger logger, int attempts);
}
