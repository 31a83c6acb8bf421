using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Clinics;

/// <summary>
/// At start (before the server takes requests): the demo clinic on an empty database, then every clinic's slots for
/// the coming days. Just after start, without holding it up, the storage upkeep (<see cref="StorageUpkeep"/>: month
/// partitions ahead, audit retention): nothing needs it to serve (a default partition takes the writes meanwhile),
/// and moving the rows a default partition gathered while no month partition was there, after a long stop or a
/// restore, can take minutes, which a service manager's start timeout would not wait for. Then once a day, both
/// again, so that the window moves on. With several instances on one PostgreSQL database only the one that leads
/// (<see cref="BackgroundLeader"/>) does this; an instance that takes the lead does it at once, then daily. Each of
/// the two fails alone: slots that could not be made do not keep the partitions from being made, nor the reverse.
/// </summary>
internal sealed class ClinicUpkeep(
    IServiceScopeFactory scopes,
    BackgroundLeader leader,
    IOptions<DemoClinicOptions> demo,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<ClinicUpkeep> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>How often a follower looks whether it leads now.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastRun;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (demo.Value.Enabled)
            {
                await scope.ServiceProvider.GetRequiredService<DemoClinicSeeder>().SeedAsync(demo.Value, environment.IsDevelopment(), cancellationToken);
            }
        }

        if (await leader.TryLeadAsync(cancellationToken))
        {
            await MakeSlotsAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start path: the host finishes starting while this runs.
        await Task.Yield();
        if (leader.IsLeader)
        {
            try
            {
                await KeepStorageAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckInterval, clock, stoppingToken);
                if (!leader.IsLeader)
                {
                    _lastRun = null;
                }
                else if (_lastRun is not { } last || clock.GetUtcNow() - last >= Interval)
                {
                    await KeepStorageAsync(stoppingToken);
                    await MakeSlotsAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed day must not stop tomorrow's run; the next run makes what this one missed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClinicLog.SlotsFailed(log, e, Interval);
            }
        }
    }

    /// <summary>The storage upkeep; a failure is logged and tried again at the next run (a default partition takes the writes meanwhile).</summary>
    private async Task KeepStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StorageUpkeep>().RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Partitions and retention are not needed to serve; the next run does what this one missed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClinicLog.StorageUpkeepFailed(log, e, Interval);
        }
    }

    private async Task MakeSlotsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        _lastRun = clock.GetUtcNow();
        var added = await scope.ServiceProvider.GetRequiredService<SlotGenerator>().GenerateAsync(null, cancellationToken);
        ClinicLog.SlotsMade(log, added);
    }
}
