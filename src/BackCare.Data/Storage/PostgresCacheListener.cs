using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>
/// On PostgreSQL, one connection of this instance that <c>LISTEN</c>s on <see cref="CacheInvalidation.Channel"/> and hands
/// every notice to <see cref="CacheInvalidation"/>, so that a change saved on another instance is forgotten here too. A
/// lost connection is opened again after <see cref="RetryDelay"/>; while it is lost the caches keep nothing, and when
/// it is back they forget everything, since notices sent meanwhile were missed.
/// </summary>
public sealed partial class PostgresCacheListener(
    StorageOptions options, CacheInvalidation invalidation, ILogger<PostgresCacheListener> log) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first <c>LISTEN</c> has been answered (for tests, and for a caller that must not miss one).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString())
        {
            // Its own connection, never handed back to a pool in the LISTEN state; keepalives find a dead one while idle.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "backcare cache listener",
        };
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, notice) => invalidation.Receive(notice.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CacheInvalidation.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                invalidation.SetListening(true);
                _listening.TrySetResult();
                if (lost)
                {
                    ListeningAgain(log);
                }

                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the answer is the same: stop caching, wait, connect again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                invalidation.SetListening(false);
                lost = true;
                Lost(log, e, RetryDelay);
            }

            try
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        invalidation.SetListening(false);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The connection that hears other instances' changes was lost; caches keep nothing until it is back. Trying again in {Delay}.")]
    private static partial void Lost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening again for other instances' changes; the caches were emptied.")]
    private static partial void ListeningAgain(ILogger logger);
}
