using BackCare.Data;
using BackCare.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Scaling;

/// <summary><c>Audit:RetentionYears</c> (decision 0025): checked at start, and the upkeep of a leading server applies it.</summary>
public sealed class AuditRetentionStartupTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void Given_a_retention_that_is_not_a_whole_number_of_years_When_the_host_starts_Then_it_stops_naming_the_setting(string value)
    {
        using var factory = BackCareFactory.With(new() { ["Audit:RetentionYears"] = value });

        var failure = Should.Throw<Exception>(() => factory.CreateClient());

        Messages(failure).ShouldContain("Audit:RetentionYears");
    }

    [Fact]
    public async Task Given_a_retention_of_two_years_When_the_server_starts_Then_its_upkeep_records_a_retention_run_with_that_setting()
    {
        using var factory = BackCareFactory.With(new() { ["Audit:RetentionYears"] = "2" });
        using var client = factory.CreateClient();

        // The upkeep runs just after start, not before it: wait for its run, at most half a minute.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await db.AuditRetentionRuns.AnyAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var run = await db.AuditRetentionRuns.AsNoTracking().SingleAsync();
        run.RetentionYears.ShouldBe(2);
        run.RemovedBeforeUtc.ShouldBe(new AuditOptions { RetentionYears = 2 }.RemovedBefore(run.RanUtc));
    }

    private static string Messages(Exception failure)
    {
        var all = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            all.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                all.AddRange(aggregate.InnerExceptions.Select(inner => inner.ToString()));
            }
        }

        return string.Join("\n", all);
    }
}
