using System.Net.Sockets;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace BackCare.Web.Email;

/// <summary>
/// Sends each message through the configured SMTP server with MailKit, one connection a message: BackCare sends a few
/// messages an hour, and a connection held open between them would be closed by the server anyway.
/// </summary>
internal sealed class SmtpMailOutbox(IOptions<EmailOptions> options, ILogger<SmtpMailOutbox> logger) : IMailOutbox
{
    private readonly EmailOptions _options = options.Value;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var message = MimeMail.From(mail, _options.From!);
        var smtp = _options.Smtp;
        var timeout = TimeSpan.FromSeconds(smtp.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await SendAsync(message, smtp, timeout, deadline.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (IsDeliveryFailure(e))
        {
            var reason = e is OperationCanceledException or TimeoutException
                ? $"no answer within {smtp.TimeoutSeconds} s (Email:Smtp:TimeoutSeconds)"
                : e.Message;
            var server = smtp.ToString();
            logger.LogError(e, "Email not sent through {Server}: {Reason}", server, reason);
            throw new MailDeliveryException($"Email not sent through {smtp}: {reason}", e);
        }
    }

    private static async Task SendAsync(MimeMessage message, SmtpOptions smtp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, SocketOptions(smtp), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password!, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions SocketOptions(SmtpOptions smtp) => smtp.Security switch
    {
        SmtpSecurity.Auto => smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(smtp), smtp.Security, null),
    };

    /// <summary>What the network, the server or TLS can do to a message; anything else is a bug and travels as it is.</summary>
    private static bool IsDeliveryFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or OperationCanceledException
            or ProtocolException or CommandException or AuthenticationException or SslHandshakeException
            or NotSupportedException;
}
