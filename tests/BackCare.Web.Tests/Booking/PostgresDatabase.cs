using Npgsql;

namespace BackCare.Web.Tests.Booking;

/// <summary>
/// A fresh PostgreSQL database for one test, on the server named by BACKCARE_TEST_POSTGRES (as .ci/run sets it),
/// dropped afterwards.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public const string DefaultAdminConnectionString = "Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci;Database=postgres";

    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BACKCARE_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultAdminConnectionString;

    /// <summary>The settings that put a test host on this database.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:BackCare"] = ConnectionString,
    };

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = $"backcare_web_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 120 };
        return new PostgresDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>Null when the server answers; otherwise why not.</summary>
    public static string? Unreachable()
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

    public static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A test that needs PostgreSQL: skipped, with the reason, when the server is missing, unless
/// BACKCARE_REQUIRE_POSTGRES=1 says it must be there; then it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(PostgresDatabase.Unreachable);

    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_POSTGRES") != "1" && Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
