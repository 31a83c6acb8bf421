using Npgsql;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>The PostgreSQL the storage tests run against, as .ci/run and .ci/start-postgres set it up.</summary>
internal static class PostgresServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci;Database=postgres";

    private static readonly Lazy<string?> Unreachable = new(Probe);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BACKCARE_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultConnectionString;

    /// <summary>CI sets BACKCARE_REQUIRE_POSTGRES=1: there a missing server fails the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_POSTGRES") == "1";

    /// <summary>Why the server cannot be used, or null when it can. Asked once per test run.</summary>
    public static string? UnreachableReason => Unreachable.Value;

    private static string? Probe()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 10, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException or TimeoutException)
        {
            return $"PostgreSQL is not reachable at {Describe()} ({e.Message}); start it with `bash .ci/start-postgres` " +
                   "or set BACKCARE_TEST_POSTGRES. With BACKCARE_REQUIRE_POSTGRES=1 these tests fail instead.";
        }
    }

    private static string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return $"{builder.Host}:{builder.Port} as '{builder.Username}'";
    }
}
