using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background, so that no request waits for it.
/// SQLite does this itself in whichever connection's commit finds the log past 1,000 pages: a checkpoint that writes
/// those pages and flushes the database file inside that commit. The group-commit writers (<see cref="GroupCommitter{TWrite}"/>)
/// commit nearly every write, so it fell on them, and every request waiting on that commit (an audited read, a diary
/// entry) waited for the checkpoint too: the slowest hundredth of the audited reads (docs/performance.md, "A checkpoint
/// off the commit path"). While this runs, the writers' own connections leave checkpoints to it (<see cref="Running"/>);
/// every other connection keeps SQLite's default, so a host without this service checkpoints as before.
/// A <c>PASSIVE</c> checkpoint neither waits for nor blocks readers and writers; what it cannot copy yet (a reader still
/// on an older snapshot) it copies on a later round.
/// </summary>
public sealed partial class SqliteCheckpointer(StorageOptions options, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    /// <summary>How often the log is copied back: the log holds at most about this long of writes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private volatile bool _running;
    private long _rounds;

    /// <summary>True while checkpoints are being made here, so that the writers need not make them.</summary>
    public bool Running => _running;

    /// <summary>Checkpoint rounds made so far, each a <c>PASSIVE</c> checkpoint, whatever it found to copy.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        SqliteConnection? connection = null;
        _running = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    await CheckpointAsync(connection, stoppingToken);
                    Interlocked.Increment(ref _rounds);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // A failed round is logged and tried again on a new connection; the service must live on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogRoundFailed(log, e);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // From here the writers' connections may go a while without a checkpoint; SQLite makes one when the last
            // connection to the file closes, and a new writer connection checkpoints for itself again.
            _running = false;
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Tells SQLite that this connection's commits should not copy the log back: <see cref="Running"/> does.</summary>
    internal static async Task LeaveCheckpointsToItAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint=0";
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // A checkpoint flushes the log before it copies and the database file after, as commits do at this setting.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            // busy, pages in the log, pages copied: -1 for both when the database is not in WAL mode (yet).
            var logPages = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            if (logPages > 0 && copied < logPages)
            {
                LogBehind(log, logPages - copied, logPages);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite write-ahead log failed; trying again on a new connection.")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Behind} of {Pages} pages of the write-ahead log wait for a reader to move on before they are copied.")]
    private static partial void LogBehind(ILogger logger, long behind, long pages);
}
