using System.CommandLine;
using System.Data.Common;
using BackCare.Data.Storage;
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
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command("migrate", "Create or upgrade BackCare's database schema."));
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(storage.Provider), parse.GetValue(storage.Connection), output, error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        StorageOptions? options = null;
        try
        {
            options = StorageArguments.Read(provider, connection);
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
