using System.Net;
using BackCare.Web.Tests.Booking;
using Npgsql;

namespace BackCare.Web.Tests.Api;

/// <summary>Readiness follows the database: an instance whose database is gone says so, so a load balancer stops sending it requests.</summary>
public sealed class HealthTests
{
    [PostgresFact]
    public async Task Given_a_running_instance_on_PostgreSQL_When_its_database_is_dropped_Then_ready_answers_503_and_live_still_200()
    {
        var database = await PostgresDatabase.CreateAsync();
        await using (database)
        {
            using var host = BackCareFactory.With(database.HostSettings());
            using var client = host.CreateClient();
            using (var ready = await client.GetAsync("/health/ready"))
            {
                ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            NpgsqlConnection.ClearAllPools();
            await PostgresDatabase.ExecuteAdminAsync($"DROP DATABASE {database.Name} WITH (FORCE)");

            using var down = await client.GetAsync("/health/ready");
            using var live = await client.GetAsync("/health/live");

            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await down.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
            live.StatusCode.ShouldBe(HttpStatusCode.OK, "the process itself still answers");
        }
    }
}
