using BackCare.Data.Notifications;
using BackCare.Web.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BackCare.Browser.Tests;

/// <summary>
/// A browser host of its own for the journeys that wait for email: its app reads the time from a clock the test moves
/// (so a reminder falls due when the test says), sends its outbox in the background as a server does, with links on
/// <see cref="PublicBase"/>, and writes each email to <see cref="Mail"/>. Its own, so that moving its clock days ahead
/// moves no other journey's sessions or slots.
/// </summary>
public sealed class MailJourneyHost : IAsyncLifetime, IDisposable
{
    /// <summary>The address the app puts at the start of the links in its emails; the tests open their paths on the host.</summary>
    public static readonly Uri PublicBase = new("https://backcare.test/");

    public MailJourneyHost()
    {
        Clock = new MovingClock(DateTimeOffset.UtcNow);
        Host = new BrowserHost(Clock, new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = PublicBase.AbsoluteUri,
            ["Notifications:SendInBackground"] = "true",
        });
    }

    public BrowserHost Host { get; }

    internal MovingClock Clock { get; }

    public PickupMail Mail => new(Host.MailFolder);

    /// <summary>
    /// Moves the app's clock on and rings the outbox's doorbell, as its next poll would come round: the background
    /// sender then looks for what fell due.
    /// </summary>
    public void MoveClockTo(DateTime utc)
    {
        Clock.MoveTo(utc);
        Host.Services.GetRequiredService<OutboxDoorbell>().Ring();
    }

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();

    public void Dispose() => Host.Dispose();
}

/// <summary>Runs alone, after the other browser journeys: its app and Chromium would otherwise share two cores with theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailJourneyGroup : ICollectionFixture<MailJourneyHost>
{
    public const string Name = "browser mail";
}

/// <summary>The app's email folder (Email:Mode=Pickup), read as a mailbox.</summary>
public sealed class PickupMail(string folder)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);

    /// <summary>Every whole message written so far to <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            if (Read(file) is { } message && message.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(message);
            }
        }

        return [.. messages.OrderBy(m => m.Date)];
    }

    /// <summary>
    /// The one message to <paramref name="address"/> with this subject, once the app's sender has written it; fails if
    /// it never comes or comes twice.
    /// </summary>
    public async Task<MimeMessage> OneAsync(string address, string subject)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var found = To(address).Where(m => m.Subject == subject).ToList();
            if (found.Count > 0)
            {
                return found.ShouldHaveSingleItem($"one '{subject}' to {address}");
            }

            if (DateTime.UtcNow - started > GiveUpAfter)
            {
                throw new ShouldAssertException(
                    $"No '{subject}' to {address} in {folder}; there are: {string.Join(", ", To(address).Select(m => m.Subject))}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A message the app has finished writing, else null: the writer holds the file open until then, so it cannot be had alone.</summary>
    private static MimeMessage? Read(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            return MimeMessage.Load(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
