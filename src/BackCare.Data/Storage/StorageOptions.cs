using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>Where BackCare keeps its data: <c>Database:Provider</c> and <c>ConnectionStrings:BackCare</c>.</summary>
public sealed record StorageOptions(StorageProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "BackCare";
    public const string DefaultSqliteConnectionString = "Data Source=data/backcare.db";

    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == StorageProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new StorageConfigurationException(
                    $"ConnectionStrings:{ConnectionStringName} is required when {ProviderKey} is Postgres.");
        }

        return new StorageOptions(provider, connectionString);
    }

    public static StorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        foreach (var provider in Enum.GetValues<StorageProvider>())
        {
            if (string.Equals(provider.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new StorageConfigurationException($"{ProviderKey} must be Sqlite or Postgres, got '{value}'.");
    }

    /// <summary>Statements Npgsql prepares on each connection once they have run twice, unless the connection string says.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// The PostgreSQL connection string as BackCare opens it: with automatic statement preparation on
    /// (<see cref="DefaultMaxAutoPrepare"/>) unless the string sets <c>Max Auto Prepare</c> itself, 0 included.
    /// The worklist's and the pages' queries are the same few statements over and over; prepared, the server skips
    /// parsing and planning them, which measured about 8% more diary writes a second on the 2-core machine while the
    /// diary still inserted row by row (docs/performance.md, "Diary writes"; it now writes with COPY).
    /// </summary>
    public string PostgresConnectionString()
    {
        if (ConnectionString.Replace(" ", "", StringComparison.Ordinal).Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectionString;
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }

    /// <summary>Never the connection string: it may hold a password, and options end up in logs.</summary>
    public override string ToString() => $"{Provider}: {DescribeTarget()}";

    /// <summary>The database in words fit for an error message: the file, or the host, port, database and user.</summary>
    public string DescribeTarget()
    {
        try
        {
            if (Provider == StorageProvider.Sqlite)
            {
                return $"the SQLite file '{SqliteFilePath() ?? "(in memory)"}'";
            }

            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
        }
        catch (ArgumentException)
        {
            return $"a {Provider} database whose connection string cannot be read";
        }
    }

    /// <summary>The full path of the SQLite file, or null for an in-memory database.</summary>
    public string? SqliteFilePath()
    {
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file::memory:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(dataSource);
    }
}
