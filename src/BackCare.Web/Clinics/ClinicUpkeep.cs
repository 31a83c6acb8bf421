using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Clinics;

/// <summary>
/// At start (before the server takes requests): the demo clinic on an empty database, then every clinic's slots for
/// the coming days. Then once a day, the slots again, so that the window moves on. With several instances on one
/// PostgreSQL database only the one that leads (<see cref="BackgroundLeader"/>) makes slots; an instance that takes the
/// lead makes them at once, then daily.
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

    private async Task MakeSlotsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        _lastRun = clock.GetUtcNow();
        var added = await scope.ServiceProvider.GetRequiredService<SlotGenerator>().GenerateAsync(null, cancellationToken);
        ClinicLog.SlotsMade(log, added);
    }
}
