using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>
/// Which instance does the background work that is to be done once, not once per instance (the daily slot generation,
/// the diary nudges' scheduling): the one holding a PostgreSQL session advisory lock (<c>pg_try_advisory_lock</c>) on a
/// connection of its own. The others try again every <see cref="CheckInterval"/>; when the leader stops or its
/// connection dies, PostgreSQL releases the lock and the next to try takes over. On SQLite (one process) this instance
/// always leads. Jobs stay idempotent all the same: a leader cut off from the database may still believe it leads until
/// its next check, so two can overlap for that long. See docs/decisions/0020-several-instances.md.
/// </summary>
public sealed partial class BackgroundLeader(StorageOptions options, ILogger<BackgroundLeader> log) : BackgroundService
{
    /// <summary>Any fixed number, the same on every instance of one database, and none of the other locks' keys.</summary>
    public const long LockKey = 0x426b4c6561646572;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly bool _postgres = options.Provider == StorageProvider.Postgres;
    private NpgsqlConnection? _connection;
    private volatile bool _leading = options.Provider != StorageProvider.Postgres;
    private volatile bool _disposed;

    /// <summary>How often a follower tries to take the lock and a leader checks that its connection still holds it.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this instance leads now, as of its last attempt or check.</summary>
    public bool IsLeader => _leading;

    /// <summary>
    /// Tries now (at start, before the first run of a job, rather than waiting for the next check); returns whether this
    /// instance leads.
    /// </summary>
    public async Task<bool> TryLeadAsync(CancellationToken cancellationToken = default)
    {
        if (!_postgres)
        {
            return true;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            await AttemptAsync(cancellationToken);
            return _leading;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_postgres)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await TryLeadAsync(stoppingToken);
                await Task.Delay(CheckInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_disposed)
        {
            // A test server may dispose the services before it stops the host; the connection went with them.
            return;
        }

        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // Disposed between the check above and the wait: the connection went with the services.
            return;
        }

        try
        {
            // Closing the connection releases the lock at once, so that another instance takes over at its next try.
            await DropConnectionAsync();
        }
        finally
        {
            try
            {
                _turn.Release();
            }
            catch (ObjectDisposedException) when (_disposed)
            {
                // A test server disposed the services while the connection was being dropped: nothing waits on the turn.
            }
        }
    }

    public override void Dispose()
    {
        _disposed = true;
        _connection?.Dispose();
        _turn.Dispose();
        base.Dispose();
    }

    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is null)
            {
                var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString())
                {
                    // A session lock lives with its connection: never one from a pool, which could hand it to a request.
                    Pooling = false,
                    KeepAlive = 15,
                    ApplicationName = "backcare background leader",
                };
                _connection = new NpgsqlConnection(builder.ConnectionString);
                await _connection.OpenAsync(cancellationToken);
            }

            // A leader only proves its connection alive (the lock lives as long as the session); a follower asks for the lock.
            await using var command = _leading
                ? new NpgsqlCommand("SELECT true", _connection)
                : new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", _connection);
            var leads = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (leads != _leading)
            {
                Changed(log, leads ? "leads" : "follows");
            }

            _leading = leads;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            if (_leading)
            {
                Lost(log, e);
            }

            _leading = false;
            await DropConnectionAsync();
        }
    }

    private async Task DropConnectionAsync()
    {
        _leading = !_postgres;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now {Role} in the background work done once across instances (slots, nudges).")]
    private static partial void Changed(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This instance lost its lead of the background work (its connection to the database failed); another instance takes over.")]
    private static partial void Lost(ILogger logger, Exception exception);
}
