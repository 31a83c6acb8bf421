using Microsoft.Extensions.Logging;

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
}
