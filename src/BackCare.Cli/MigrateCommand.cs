using System.CommandLine;
using System.Data.Common;
using BackCare.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare migrate</c>: creates or upgrades the database the web app would use, read from the same settings
/// (<c>Database__Provider</c>, <c>ConnectionStrings__BackCare</c>) unless <c>--provider</c>/<c>--connection</c> say otherwise.
/// </summary>
internal static class MigrateCommand
{
    public const int ConfigurationError = 2;
    public const int MigrationFailed = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var provider = new Option<string?>("--provider") { Description = "Sqlite or Postgres (default: Database__Provider, else Sqlite)." };
        var connection = new Option<string?>("--connection") { Description = "The connection string (default: ConnectionStrings__BackCare)." };
        var command = new Command("migrate", "Create or upgrade BackCare's database schema.") { provider, connection };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(provider), parse.GetValue(connection), output, error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (provider is not null)
        {
            overrides[StorageOptions.ProviderKey] = provider;
        }

        if (connection is not null)
        {
            overrides[$"ConnectionStrings:{StorageOptions.ConnectionStringName}"] = connection;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        StorageOptions? options = null;
        try
        {
            options = StorageOptions.FromConfiguration(configuration);
            await using var services = new ServiceCollection().AddBackCareStorage(options).BuildServiceProvider();
            var report = await services.InitializeBackCareStorageAsync(cancellationToken);
            output.WriteLine($"Database: {options.DescribeTarget()}");
            foreach (var id in report.Applied)
            {
                output.WriteLine($"Applied {id}");
            }

            if (report.Applied.Count == 0)
            {
                output.WriteLine($"Already up to date: {report.AlreadyApplied.Count} migration(s) applied before.");
            }

            return 0;
        }
        catch (StorageConfigurationException e)
        {
            await error.WriteLineAsync($"backcare migrate: {e.Message}");
            return ConfigurationError;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"backcare migrate: migrating {options?.DescribeTarget()} failed and nothing was changed: {e.Message}");
            return MigrationFailed;
        }
    }
}
