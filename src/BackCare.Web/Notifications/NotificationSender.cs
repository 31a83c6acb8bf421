using BackCare.Data.Notifications;
using BackCare.Data.Storage;
using BackCare.Data.Telemetry;
using BackCare.Web.Email;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Notifications;

/// <summary>
/// Sends the outbox's emails in the background: every <c>Notifications:PollSeconds</c>, or at once when this server
/// just put one in (<see cref="OutboxDoorbell"/>), it claims the due ones (<see cref="NotificationClaims"/>: each goes
/// to one sender only, whichever server it runs on), makes each email from the current state of things
/// (<see cref="NotificationMails"/>), sends it and marks it sent. A failed send is tried again later, each wait
/// twice the last, and given up after <c>Notifications:MaxAttempts</c> with an error in the log. It also puts in the
/// day's diary nudges for the people who asked for them: only on the instance that leads the background work
/// (<see cref="BackgroundLeader"/>), while every instance sends.
/// </summary>
public sealed partial class NotificationSender(
    IServiceScopeFactory scopes, IMailOutbox outbox, IOptions<NotificationOptions> options, TimeProvider clock, OutboxDoorbell doorbell,
    BackgroundLeader leader, IHostEnvironment environment, BackCareMetrics metrics, ILogger<NotificationSender> log) : BackgroundService
{
    private const int Batch = 20;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>This sender's name on the rows it claims: unique per sender, so two in one process are two senders.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Whether links can be put in emails from here: outside Development only https ones, since a link in an email is
    /// a way into a health record and travels over networks nobody controls.
    /// </summary>
    public bool CanSend => environment.IsDevelopment() || options.Value.BaseUri.Scheme == Uri.UriSchemeHttps;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }

        if (!CanSend)
        {
            NotHttps(log, options.Value.PublicBaseUrl, NotificationOptions.PublicBaseUrlKey);
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (leader.IsLeader)
                {
                    await ScheduleNudgesAsync(stoppingToken);
                }

                while (await SendDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                PassFailed(log, e);
            }

            try
            {
                await doorbell.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One pass: claims what is due now and deals with each, sent, skipped or put back for later. Returns how many it
    /// claimed. The background loop calls this; so may a test, as a second server would.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<NotificationClaims>();
        var due = await claims.ClaimDueAsync(Name, TimeSpan.FromSeconds(options.Value.LeaseSeconds), Batch, cancellationToken);
        foreach (var notification in due)
        {
            await using var each = scopes.CreateAsyncScope();
            await SendAsync(each.ServiceProvider, notification, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Puts in today's diary nudges (when the time is still ahead) and tomorrow's; those already in stay as they are.</summary>
    public async Task ScheduleNudgesAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.DiaryNudgeTimeZone);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        await using var scope = scopes.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<NotificationClaims>();
        foreach (var day in new[] { today, today.AddDays(1) })
        {
            var dueUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(settings.NudgeTime), zone);
            if (dueUtc > now)
            {
                await claims.ScheduleDiaryNudgesAsync(day, dueUtc, cancellationToken);
            }
        }
    }

    private async Task SendAsync(IServiceProvider services, Notification notification, CancellationToken cancellationToken)
    {
        var claims = services.GetRequiredService<NotificationClaims>();
        var decision = await services.GetRequiredService<NotificationMails>().ComposeAsync(notification, cancellationToken);
        if (decision.Mail is not { } mail)
        {
            await claims.MarkSkippedAsync(notification.Id, Name, cancellationToken);
            Skipped(log, notification.Kind, notification.Id, decision.SkipReason);
            return;
        }

        try
        {
            await outbox.SendAsync(mail, cancellationToken);
        }
        catch (MailDeliveryException)
        {
            // The outbox logged why, with the server; here only what becomes of the email.
            var givingUp = notification.Attempts >= options.Value.MaxAttempts;
            metrics.EmailFailed(notification.Kind.ToString(), givingUp ? "gave_up" : "retry");
            if (givingUp)
            {
                await claims.MarkFailedAsync(notification.Id, Name, cancellationToken);
                GaveUp(log, notification.Kind, notification.Id, notification.Attempts);
            }
            else
            {
                var wait = Backoff(notification.Attempts);
                await claims.RetryAtAsync(notification.Id, Name, clock.GetUtcNow().UtcDateTime + wait, cancellationToken);
                WillRetry(log, notification.Kind, notification.Id, notification.Attempts, wait);
            }

            return;
        }

        metrics.EmailSent(notification.Kind.ToString());
        if (!await claims.MarkSentAsync(notification.Id, Name, cancellationToken))
        {
            LeaseLost(log, notification.Kind, notification.Id);
        }
    }

    /// <summary>One minute after the first failure, then twice as long each time, never more than an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Emails are not sent: {PublicBaseUrl} is not an https address, and links in emails must be. Set {Key}; until then the emails wait in the outbox.")]
    private static partial void NotHttps(ILogger logger, string? publicBaseUrl, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the email outbox failed; the next poll tries again.")]
    private static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {Kind} {Id} not sent: {Reason}")]
    private static partial void Skipped(ILogger logger, NotificationKind kind, Guid id, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Kind} {Id} not sent on attempt {Attempts}; trying again in {Wait}.")]
    private static partial void WillRetry(ILogger logger, NotificationKind kind, Guid id, int attempts, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Kind} {Id} given up after {Attempts} attempts; it stays in the outbox as Failed.")]
    private static partial void GaveUp(ILogger logger, NotificationKind kind, Guid id, int attempts);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Notification {Kind} {Id} was sent after its lease ran out, so another sender may send it again; raise Notifications:LeaseSeconds.")]
    private static partial void LeaseLost(ILogger logger, NotificationKind kind, Guid id);
}
