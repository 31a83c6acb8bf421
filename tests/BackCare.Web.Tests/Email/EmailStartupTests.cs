using System.Net;
using BackCare.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Tests.Email;

/// <summary>Which outbox each environment gets, and the start-up that refuses a server that could send no email.</summary>
public sealed class EmailStartupTests
{
    /// <summary>What the test factory sets by default, taken away: nothing about email at all.</summary>
    private static readonly Dictionary<string, string?> NoEmailSettings = new() { ["Email:Mode"] = null, ["Email:PickupFolder"] = null };

    [Fact]
    public void Given_Production_with_no_smtp_host_and_no_pickup_mode_When_the_host_starts_Then_it_stops_naming_the_settings_to_set()
    {
        using var factory = BackCareFactory.With(NoEmailSettings);

        var failure = Should.Throw<Exception>(() => factory.CreateClient());

        var messages = Messages(failure);
        messages.ShouldContain("Email:Smtp:Host");
        messages.ShouldContain("Email:Mode");
    }

    [Fact]
    public void Given_Production_with_an_smtp_host_but_no_sender_When_the_host_starts_Then_it_stops_naming_Email_From()
    {
        using var factory = BackCareFactory.With(new(NoEmailSettings) { ["Email:Smtp:Host"] = "smtp.example.org" });

        Messages(Should.Throw<Exception>(() => factory.CreateClient())).ShouldContain("Email:From");
    }

    [Fact]
    public async Task Given_Production_with_pickup_mode_When_the_host_starts_Then_it_serves_and_writes_email_to_the_folder()
    {
        using var factory = BackCareFactory.With(new(NoEmailSettings) { ["Email:Mode"] = "Pickup", ["Email:PickupFolder"] = Path.Combine(Path.GetTempPath(), "unused") });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Services.GetRequiredService<IMailOutbox>().ShouldBeOfType<PickupMailOutbox>();
    }

    [Fact]
    public void Given_Development_with_nothing_about_email_set_When_the_host_starts_Then_email_goes_to_a_mail_folder_beside_the_database()
    {
        using var factory = BackCareFactory.With(NoEmailSettings, Environments.Development);

        factory.Services.GetRequiredService<IMailOutbox>().ShouldBeOfType<PickupMailOutbox>();
        var options = factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        options.Mode.ShouldBe(EmailMode.Pickup);
        options.PickupFolder.ShouldBe(Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "mail"));
    }

    [Fact]
    public void Given_pickup_mode_and_an_empty_sender_in_a_settings_file_When_the_host_starts_Then_the_pickup_sender_is_used()
    {
        using var factory = BackCareFactory.With(new() { ["Email:From"] = "" });

        factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.From.ShouldBe(EmailOptionsSetup.PickupFrom);
    }

    [Fact]
    public void Given_an_smtp_host_When_the_host_starts_Then_email_goes_through_smtp()
    {
        using var factory = BackCareFactory.With(new(NoEmailSettings) { ["Email:Smtp:Host"] = "smtp.example.org", ["Email:From"] = "BackCare <no-reply@example.org>" });

        factory.Services.GetRequiredService<IMailOutbox>().ShouldBeOfType<SmtpMailOutbox>();
        factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Port.ShouldBe(587);
    }

    private static string Messages(Exception failure)
    {
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join("\n", messages);
    }
}
