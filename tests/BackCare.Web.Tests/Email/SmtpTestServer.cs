using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BackCare.Web.Tests.Email;

/// <summary>
/// A real SMTP server inside the test process, on a free loopback port, that keeps every message it receives, so a
/// test can read the email the app sent and follow its links. The app talks to it as to any relay (MailKit, the SMTP
/// protocol, no TLS), so what passes here is what a real server would have been handed.
/// <code>
/// await using var smtp = await SmtpTestServer.StartAsync();
/// using var factory = BackCareFactory.With(smtp.Settings);   // Email:Mode=Smtp, Email:Smtp:Host/Port/Security, Email:From
/// using var client = factory.CreateClient();
/// // ... sign up as sam@example.org ...
/// var mail = await smtp.NextMessageToAsync("sam@example.org");
/// using var confirmed = await client.GetAsync(SmtpTestServer.Link(mail, "/account/confirm").PathAndQuery);
/// </code>
/// <see cref="NextMessageToAsync"/> hands each message out once, in the order received, whether it came before the
/// call or during it, so a test never races the app. Combine <see cref="Settings"/> with other settings by adding
/// to the dictionary it returns. Started with a user name and password, the server refuses any other sign-in.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    /// <summary>The sender the app is configured with by <see cref="Settings"/>.</summary>
    public const string From = "BackCare Tests <no-reply@backcare.test>";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<(MimeMessage Message, string[] Recipients)> _received = [];
    private readonly HashSet<MimeMessage> _handedOut = [];
    private readonly List<(string Address, TaskCompletionSource<MimeMessage> Waiter)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _userName;
    private readonly string? _password;
    private Task? _running;

    private SmtpTestServer(string? userName, string? password)
    {
        _userName = userName;
        _password = password;
    }

    public int Port { get; private set; }

    /// <summary>Every message received so far, handed out or not.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _received.Select(r => r.Message)];
            }
        }
    }

    /// <summary>The app's settings for sending here; a new dictionary each time, for the test to add its own to.</summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Email:Mode"] = "Smtp",
                ["Email:From"] = From,
                ["Email:Smtp:Host"] = IPAddress.Loopback.ToString(),
                ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
                ["Email:Smtp:TimeoutSeconds"] = "10",
            };
            if (_userName is not null)
            {
                settings["Email:Smtp:UserName"] = _userName;
                settings["Email:Smtp:Password"] = _password;
            }

            return settings;
        }
    }

    /// <summary>Starts a server on a free loopback port; with a user name and password it requires them (AUTH over plain text, fine on loopback).</summary>
    public static async Task<SmtpTestServer> StartAsync(string? userName = null, string? password = null)
    {
        var server = new SmtpTestServer(userName, password);
        await server.ListenAsync();
        return server;
    }

    /// <summary>
    /// The oldest message to <paramref name="address"/> not handed out yet, waiting for one to arrive if there is none
    /// (15 seconds unless told); a <see cref="TimeoutException"/> lists what did arrive.
    /// </summary>
    public async Task<MimeMessage> NextMessageToAsync(string address, TimeSpan? timeout = null)
    {
        TaskCompletionSource<MimeMessage> waiter;
        lock (_lock)
        {
            if (_received.FirstOrDefault(r => !_handedOut.Contains(r.Message) && IsTo(r.Recipients, address)).Message is { } waiting)
            {
                _handedOut.Add(waiting);
                return waiting;
            }

            waiter = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((address, waiter));
        }

        var wait = timeout ?? DefaultWait;
        try
        {
            return await waiter.Task.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Waiter == waiter);
                if (waiter.Task.IsCompletedSuccessfully)
                {
                    return waiter.Task.Result; // Arrived as the wait ran out.
                }

                var arrived = _received.Count == 0 ? "none" : string.Join("; ", _received.Select(r => $"'{r.Message.Subject}' to {string.Join(", ", r.Recipients)}"));
                throw new TimeoutException($"No message to {address} within {wait.TotalSeconds} s. Messages received: {arrived}.");
            }
        }
    }

    /// <summary>
    /// Every link in a message, in order and once each: the HTML body's <c>href</c>s (decoded, as a browser reads
    /// them) then the web addresses written in the plain-text body.
    /// </summary>
    public static IReadOnlyList<Uri> Links(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var links = new List<string>();
        if (message.HtmlBody is { } html)
        {
            links.AddRange(new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!));
        }

        if (message.TextBody is { } text)
        {
            links.AddRange(WebAddress().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?')));
        }

        return [.. links.Distinct(StringComparer.Ordinal).Select(l => new Uri(l, UriKind.Absolute))];
    }

    /// <summary>The one link in a message to the page at <paramref name="path"/> (say <c>/account/reset</c>), whatever its query.</summary>
    public static Uri Link(MimeMessage message, string path)
    {
        var links = Links(message);
        var matching = links.Where(l => l.AbsolutePath == path).Select(l => l.AbsoluteUri).Distinct(StringComparer.Ordinal).ToList();
        return matching.Count == 1
            ? new Uri(matching[0])
            : throw new InvalidOperationException(
                $"Expected one link to {path} in '{message.Subject}', found {matching.Count}: {string.Join(", ", links)}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // The way it stops.
            }
        }

        _stop.Dispose();
        lock (_lock)
        {
            foreach (var (_, waiter) in _waiters)
            {
                waiter.TrySetCanceled();
            }
        }
    }

    private async Task ListenAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        if (_userName is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == _userName && password == _password));
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(_userName is not null)
                .AllowUnsecureAuthentication(_userName is not null))
            .Build();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void Receive(MimeMessage message, string[] recipients)
    {
        lock (_lock)
        {
            _received.Add((message, recipients));
            var waiting = _waiters.FindIndex(w => IsTo(recipients, w.Address));
            if (waiting >= 0)
            {
                var (_, waiter) = _waiters[waiting];
                _waiters.RemoveAt(waiting);
                _handedOut.Add(message);
                waiter.TrySetResult(message);
            }
        }
    }

    private static bool IsTo(string[] recipients, string address) =>
        recipients.Contains(address.Trim(), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    /// <summary>Keeps what the app sent: the message as MIME, and its recipients as the SMTP envelope and the To header say.</summary>
    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var recipients = transaction.To.Select(m => m.AsAddress())
                .Concat(message.To.Mailboxes.Select(m => m.Address))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            owner.Receive(message, recipients);
            return SmtpResponse.Ok;
        }
    }
}
