using System.Threading.Channels;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;

namespace BackCare.Web.Clinician;

/// <summary>
/// Keeps each clinic's outcomes snapshot (<see cref="ClinicOutcomeSnapshot"/>) no older than
/// <see cref="ClinicOutcomeSnapshot.MaxAge"/> plus one <see cref="CheckInterval"/>, for every clinic, those without one
/// first, so that even a clinic's first outcomes view reads kept figures (decision 0019). Only the instance that leads the background work (<see cref="BackgroundLeader"/>) works
/// figures out, one clinic at a time; a page that finds its snapshot due asks (<see cref="Ask"/>), and on the leader that
/// starts at once rather than at the next check. On another instance the leader's next check does it.
/// </summary>
public sealed partial class OutcomesRefresher(IServiceScopeFactory scopes, BackgroundLeader leader, TimeProvider clock, ILogger<OutcomesRefresher> log) : BackgroundService
{
    /// <summary>How often the leader looks for snapshots that are due.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<Guid> _asked = Channel.CreateBounded<Guid>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>A page found this clinic's snapshot due: refresh it soon, without making the reader wait.</summary>
    public void Ask(Guid clinicId) => _asked.Writer.TryWrite(clinicId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(stoppingToken);
                while (_asked.Reader.TryRead(out _))
                {
                    // Every due snapshot is refreshed below, the asked ones among them.
                }

                if (leader.IsLeader)
                {
                    await RefreshDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed refresh must not stop the next; the page shows the last figures and their time.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RefreshFailed(log, e, CheckInterval);
            }
        }
    }

    /// <summary>Works out again every snapshot due now, oldest first; returns how many.</summary>
    internal async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var due = await ClinicOutcomeSnapshot.DueAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var (clinicId, timeZoneId) in due)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            await ClinicOutcomeSnapshot.RefreshAsync(db, clinicId, zone, clock.GetUtcNow().UtcDateTime, cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (due.Count > 0)
        {
            Refreshed(log, due.Count);
        }

        return due.Count;
    }

    /// <summary>Until the next check, or sooner when a page asks.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var check = Task.Delay(CheckInterval, clock, either.Token);
        var asked = _asked.Reader.WaitToReadAsync(either.Token).AsTask();
        await Task.WhenAny(check, asked);
        await either.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worked out the outcomes of {Count} clinics again.")]
    private static partial void Refreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Working out the clinics' outcomes again failed; trying again in {Interval}.")]
    private static partial void RefreshFailed(ILogger logger, Exception exception, TimeSpan interval);
}
