using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;

namespace BackCare.Web.Clinician;

/// <summary>
/// Every <see cref="CheckInterval"/>, the instance that leads the background work (<see cref="BackgroundLeader"/>) raises
/// the clinics' patients whose recovery stalled at one or four weeks (<see cref="StalledRecovery"/>, decision 0029).
/// Each milestone raises a row once, whichever instance runs it and however often: the update's own condition says so.
/// </summary>
public sealed partial class StalledRecoveryWatch(IServiceScopeFactory scopes, BackgroundLeader leader, TimeProvider clock, ILogger<StalledRecoveryWatch> log) : BackgroundService
{
    /// <summary>How often the leader looks; a milestone stays due for days (<see cref="StalledRecovery.DueForDays"/>).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckInterval, clock, stoppingToken);
                if (leader.IsLeader)
                {
                    await RaiseDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed look must not stop the next; the milestones stay due for days.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failed(log, e, CheckInterval);
            }
        }
    }

    /// <summary>Raises every patient whose recovery stalled at a milestone now due; returns how many rows were raised.</summary>
    internal async Task<int> RaiseDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var raised = await StalledRecovery.RaiseDueAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (raised > 0)
        {
            Raised(log, raised);
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raised {Count} patients whose recovery stalled at a milestone.")]
    private static partial void Raised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for stalled recovery failed; looking again in {Interval}.")]
    private static partial void Failed(ILogger logger, Exception exception, TimeSpan interval);
}
