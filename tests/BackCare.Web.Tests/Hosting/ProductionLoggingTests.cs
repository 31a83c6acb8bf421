using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Tests.Hosting;

/// <summary>An operator's log in Production says what went wrong, not every SQL statement the app ran.</summary>
public sealed class ProductionLoggingTests
{
    [Theory]
    [InlineData("Production", 0)]
    [InlineData("Development", 1)]
    public async Task Given_the_environment_When_the_app_starts_and_reads_the_database_Then_SQL_statements_are_logged_only_outside_Production(
        string environment, int atLeast)
    {
        using var host = BackCareFactory.InEnvironment(environment);
        using var client = host.CreateClient();

        (await client.GetAsync("/api/clinics")).EnsureSuccessStatusCode();

        var statements = host.Logs.Entries.Count(e =>
            e.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        if (atLeast == 0)
        {
            statements.ShouldBe(0);
        }
        else
        {
            statements.ShouldBeGreaterThanOrEqualTo(atLeast, "the test sees SQL logging where it is on, so its zero in Production means something");
        }
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public void Given_the_environment_When_the_app_starts_on_a_new_database_Then_Production_logs_fewer_than_50_lines_and_Development_more(
        string environment, bool quiet)
    {
        using var host = BackCareFactory.InEnvironment(environment);

        _ = host.Services;

        var lines = host.Logs.Entries;
        if (quiet)
        {
            lines.Count.ShouldBeLessThan(50, string.Join("\n", lines.Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        }
        else
        {
            lines.Count.ShouldBeGreaterThanOrEqualTo(50, "a start that logs its SQL is counted, so Production's small count means something");
        }
    }

    [Theory]
    [InlineData("Production", ConsoleFormatterNames.Json)]
    [InlineData("Development", ConsoleFormatterNames.Simple)]
    public void Given_the_environment_When_the_app_starts_Then_the_console_log_is_JSON_only_in_Production(string environment, string formatter)
    {
        using var host = BackCareFactory.InEnvironment(environment);

        var options = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        (options.FormatterName ?? ConsoleFormatterNames.Simple).ShouldBe(formatter);
    }

    [Fact]
    public async Task Given_requests_carrying_an_email_a_password_an_id_and_a_query_string_When_answered_Then_each_has_one_log_line_with_its_route_template_and_none_of_them()
    {
        using var host = new BackCareFactory();
        using var client = host.CreateClient();
        _ = host.Services;
        var before = host.Logs.Entries.Count;
        const string QueryMarker = "query-marker-7f3a";
        const string Email = "someone.private@example.org";
        const string Password = "Horse-Battery-Staple-42";
        var id = Guid.NewGuid().ToString();

        using (var clinics = await client.GetAsync($"/api/clinics?email={Uri.EscapeDataString(Email)}&note={QueryMarker}"))
        {
            clinics.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var login = await client.PostAsJsonAsync("/api/account/login", new { email = Email, password = Password }))
        {
            login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var assessment = await client.GetAsync($"/api/assessments/{id}"))
        {
            assessment.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var missing = await client.GetAsync($"/no-such-page/{Email}"))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var entries = host.Logs.Entries.Skip(before).ToList();
        var requestLines = entries.Where(e => e.Category == "BackCare.Requests").Select(e => e.Message).ToList();
        requestLines.Count.ShouldBe(4, string.Join("\n", requestLines));
        requestLines[0].ShouldStartWith("GET /api/clinics 200 ");
        requestLines[1].ShouldStartWith("POST /api/account/login 401 ");
        requestLines[2].ShouldStartWith("GET /api/assessments/{id:guid} 401 ");
        requestLines[3].ShouldStartWith("GET (no endpoint) 404 ");
        requestLines.ShouldAllBe(line => line.EndsWith(" ms", StringComparison.Ordinal));
        foreach (var secret in new[] { QueryMarker, Email, Password, id, "example.org" })
        {
            entries.Where(e => e.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => $"{e.Category}: {e.Message}")
                .ShouldBeEmpty($"nothing in the log holds '{secret}'");
        }
    }
}
