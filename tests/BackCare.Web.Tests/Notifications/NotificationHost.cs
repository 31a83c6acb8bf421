using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Notifications;
using BackCare.Web.Notifications;
using BackCare.Web.Tests.Email;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Notifications;

/// <summary>
/// A BackCare host that sends through an in-process SMTP server, on a clock the test moves, with the background
/// sender off: the test runs the sender's passes itself (<see cref="SendDueAsync"/>), as the background loop would,
/// so "nothing was sent" is a fact once a pass has returned, not a wait that ran out.
/// </summary>
internal sealed class NotificationHost : IAsyncDisposable
{
    public static readonly Uri PublicBase = new("https://backcare.test/");
    public const string VideoHost = "meet.example.org";

    private NotificationHost(SmtpTestServer smtp, BackCareFactory factory, MovingClock clock)
    {
        Smtp = smtp;
        Factory = factory;
        Clock = clock;
    }

    public SmtpTestServer Smtp { get; }

    public BackCareFactory Factory { get; }

    public MovingClock Clock { get; }

    public NotificationSender Sender => Factory.Services.GetRequiredService<NotificationSender>();

    public static async Task<NotificationHost> StartAsync(Dictionary<string, string?>? settings = null, MovingClock? clock = null, string? databasePath = null)
    {
        var smtp = await SmtpTestServer.StartAsync();
        clock ??= MovingClock.WednesdayMorning();
        var all = Settings(smtp);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var factory = databasePath is null
            ? BackCareFactory.WithTestServices(services => services.AddSingleton<TimeProvider>(clock), all)
            : BackCareFactory.OnDatabase(databasePath, all).WithServices(services => services.AddSingleton<TimeProvider>(clock));
        return new NotificationHost(smtp, factory, clock);
    }

    public static Dictionary<string, string?> Settings(SmtpTestServer smtp)
    {
        var settings = smtp.Settings;
        settings["Notifications:PublicBaseUrl"] = PublicBase.AbsoluteUri;
        settings["Notifications:SendInBackground"] = "false";
        return settings;
    }

    /// <summary>Runs the sender's passes until nothing due is left; how many emails it dealt with (sent or skipped).</summary>
    public async Task<int> SendDueAsync()
    {
        var total = 0;
        for (var pass = await Sender.SendDueAsync(); pass > 0; pass = await Sender.SendDueAsync())
        {
            total += pass;
        }

        return total;
    }

    /// <summary>Every message received so far to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        [.. Smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A person who signed up and followed the confirmation link from their email: a client with their bearer token.</summary>
    public async Task<(HttpClient Client, string Email, Guid Id)> ConfirmedPersonAsync(string name = "Sam Rivers")
    {
        var email = People.NewEmail();
        var client = Factory.CreateClient();
        using (var registered = await People.Register(client, email, displayName: name))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var confirmation = await Smtp.NextMessageToAsync(email);
        using (var confirmed = await client.GetAsync(SmtpTestServer.Link(confirmation, "/account/confirm").PathAndQuery))
        {
            confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await SignInAgainAsync(client, email);
        return (client, email, await AccountIdAsync(email));
    }

    /// <summary>A fresh bearer token for the client: the last one ran out when the test moved the clock on by days.</summary>
    public static async Task SignInAgainAsync(HttpClient client, string email)
    {
        client.DefaultRequestHeaders.Authorization = null;
        using var login = await People.Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
    }

    public Task<Guid> AccountIdAsync(string email) =>
        InDbAsync(db => db.Accounts.Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());

    /// <summary>A free slot of the demo clinic starting no earlier than <paramref name="notBeforeUtc"/>: its id, start and end.</summary>
    public static async Task<(string Id, DateTime StartUtc, DateTime EndUtc)> SlotAsync(HttpClient client, string kind, DateTime notBeforeUtc, int skip = 0)
    {
        var clinic = await Booking.Booking.DemoClinic(client);
        var slots = await Booking.Booking.FreeSlots(client, clinic.GetProperty("id").GetString()!, $"?kind={kind}");
        return slots
            .Select(s => (Id: s.GetProperty("id").GetString()!, StartUtc: s.GetProperty("startUtc").GetDateTimeOffset().UtcDateTime,
                EndUtc: s.GetProperty("endUtc").GetDateTimeOffset().UtcDateTime))
            .Where(s => s.StartUtc >= notBeforeUtc)
            .Skip(skip)
            .First();
    }

    public static async Task<string> BookAsync(HttpClient client, string slotId, string reason)
    {
        using var response = await Booking.Booking.Book(client, slotId, reason);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await Booking.Booking.Json(response)).GetProperty("id").GetString()!;
    }

    public static async Task<string> MoveAsync(HttpClient client, string appointmentId, string slotId)
    {
        using var response = await client.PostAsJsonAsync($"/api/appointments/{appointmentId}/reschedule", new { slotId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await Booking.Booking.Json(response)).GetProperty("id").GetString()!;
    }

    public static async Task CancelAsync(HttpClient client, string appointmentId)
    {
        using var response = await client.DeleteAsync($"/api/appointments/{appointmentId}");
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    public Task<List<Notification>> OutboxAsync(Guid accountId) =>
        InDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).ToListAsync());

    public async Task<T> InDbAsync<T>(Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }

    /// <summary>The one calendar file of a message, parsed back with Ical.Net, with the method on its content type.</summary>
    public static (Calendar Calendar, string ContentTypeMethod) CalendarOf(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        part.ContentType.MimeType.ShouldBe("text/calendar");
        part.FileName.ShouldBe("visit.ics");
        return (Calendar.Load(MailChecks.Content(part)).ShouldNotBeNull(), part.ContentType.Parameters["method"]!);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
