using System.Threading.Channels;

namespace BackCare.Web.Email;

/// <summary>
/// Messages waiting to be sent, sent one after another in the background. A request that sends mail only queues it,
/// so it answers as fast whether or not it sent any: "reset my password" for an unknown email and for a real one take
/// the same time, and a slow mail server never holds up a person's page. A message that cannot be sent is logged
/// (the outbox says why) and dropped; the person can ask again.
/// </summary>
public sealed partial class MailSender(IMailOutbox outbox, ILogger<MailSender> log) : BackgroundService
{
    /// <summary>More waiting than this means the mail server is down or someone is flooding; new ones are refused and logged.</summary>
    public const int Capacity = 1000;

    private readonly Channel<OutgoingMail> _waiting = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public void Enqueue(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!_waiting.Writer.TryWrite(mail))
        {
            QueueFull(log, Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in _waiting.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(mail, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends what is still waiting when the server stops, so a reset link asked for a moment ago still goes.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _waiting.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (_waiting.Reader.TryRead(out var mail) && !cancellationToken.IsCancellationRequested)
        {
            await SendAsync(mail, cancellationToken);
        }
    }

    private async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.SendAsync(mail, cancellationToken);
        }
        catch (MailDeliveryException)
        {
            // The outbox logged the failure with the server or folder; nothing more to say here.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Capacity} messages are waiting to be sent; a new one was dropped. Is the mail server reachable?")]
    private static partial void QueueFull(ILogger logger, int capacity);
}
