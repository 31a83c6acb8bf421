using Npgsql;

namespace BackCare.Web.Tests.Diary;

/// <summary>
/// A fact that needs the PostgreSQL server of .ci/start-postgres (or BACKCARE_TEST_POSTGRES). Skipped, with the
/// reason, only when the server is unreachable and BACKCARE_REQUIRE_POSTGRES is not 1; in CI it then fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestPostgres.Required && TestPostgres.UnreachableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class TestPostgres
{
    private static readonly Lazy<string?> Unreachable = new(Probe);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BACKCARE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci;Database=postgres";

    public static bool Required => Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_POSTGRES") == "1";

    public static string? UnreachableReason => Unreachable.Value;

    /// <summary>A new empty database; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"backcare_web_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public static Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

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
            return $"PostgreSQL is not reachable ({e.Message}); start it with `bash .ci/start-postgres` or set BACKCARE_TEST_POSTGRES. " +
                   "With BACKCARE_REQUIRE_POSTGRES=1 this test fails instead.";
        }
    }
}
