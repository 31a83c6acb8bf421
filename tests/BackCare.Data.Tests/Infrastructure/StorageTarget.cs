using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>One database provider as the storage suite sees it: it makes empty databases and reads their schema.</summary>
public abstract class StorageTarget : IAsyncLifetime
{
    private readonly List<TestDatabase> databases = [];

    public abstract StorageProvider Provider { get; }

    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = new TestDatabase(this, await CreateEmptyAsync());
        databases.Add(database);
        return database;
    }

    /// <summary>The columns of one table: name and whether it takes null.</summary>
    public abstract Task<IReadOnlyList<(string Name, bool Nullable)>> ReadColumnsAsync(StorageOptions options, string table);

    public abstract Task<IReadOnlyList<string>> ReadTablesAsync(StorageOptions options);

    /// <summary>Drops every pooled connection, as a restarted server would have none.</summary>
    public abstract void ClearConnectionPools();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        ClearConnectionPools();
        foreach (var database in databases)
        {
            await DropAsync(database.Options);
        }
    }

    protected abstract Task<StorageOptions> CreateEmptyAsync();

    protected abstract Task DropAsync(StorageOptions options);
}

/// <summary>One empty database of its own for one test.</summary>
public sealed class TestDatabase(StorageTarget target, StorageOptions options)
{
    public StorageOptions Options { get; } = options;

    public StorageTarget Target { get; } = target;

    /// <summary>The storage services on this database; <paramref name="more"/> adds a test's own (an interceptor, say).</summary>
    public ServiceProvider BuildServices(TimeProvider? clock = null, AuditActor? actor = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddScoped<IAuditActorAccessor>(_ => new FixedAuditActorAccessor(actor ?? AuditActor.System));
        services.AddBackCareStorage(Options);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

public sealed class SqliteTarget : StorageTarget
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "backcare-tests", Guid.NewGuid().ToString("N"));

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override async Task<IReadOnlyList<(string Name, bool Nullable)>> ReadColumnsAsync(StorageOptions options, string table)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, \"notnull\", pk FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<(string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetInt64(1) == 0 && reader.GetInt64(2) == 0));
        }

        return columns;
    }

    public override async Task<IReadOnlyList<string>> ReadTablesAsync(StorageOptions options)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public override void ClearConnectionPools() => SqliteConnection.ClearAllPools();

    protected override Task<StorageOptions> CreateEmptyAsync()
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return Task.FromResult(new StorageOptions(StorageProvider.Sqlite, $"Data Source={file}"));
    }

    protected override Task DropAsync(StorageOptions options)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgresTarget : StorageTarget
{
    public override StorageProvider Provider => StorageProvider.Postgres;

    /// <summary>
    /// Connects afresh rather than trusting the discovery-time probe: on a busy machine a first connection can be
    /// slow, and when PostgreSQL is required a slow start must not turn into a failed run.
    /// </summary>
    public override async Task InitializeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Timeout = 15 };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not reachable at {builder.Host}:{builder.Port} as '{builder.Username}' ({e.Message}); " +
                    "start it with `bash .ci/start-postgres` or set BACKCARE_TEST_POSTGRES.", e);
            }
        }
    }

    public override async Task<IReadOnlyList<(string Name, bool Nullable)>> ReadColumnsAsync(StorageOptions options, string table)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position",
            connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<(string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetString(1) == "YES"));
        }

        return columns;
    }

    public override async Task<IReadOnlyList<string>> ReadTablesAsync(StorageOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            // A month partition (migration 0024) is part of its table, not a table of the model.
            "SELECT t.table_name FROM information_schema.tables t JOIN pg_class c ON c.relname = t.table_name AND c.relnamespace = 'public'::regnamespace " +
            "WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND NOT c.relispartition ORDER BY t.table_name", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public override void ClearConnectionPools() => NpgsqlConnection.ClearAllPools();

    protected override async Task<StorageOptions> CreateEmptyAsync()
    {
        // Idle connections to earlier tests' databases would pile up towards the server's connection limit.
        NpgsqlConnection.ClearAllPools();
        var name = $"backcare_test_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name };
        return new StorageOptions(StorageProvider.Postgres, builder.ConnectionString);
    }

    protected override Task DropAsync(StorageOptions options)
    {
        var name = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
        return ExecuteAdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
