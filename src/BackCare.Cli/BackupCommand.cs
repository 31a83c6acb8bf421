using System.CommandLine;
using BackCare.Data.Storage;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare backup --to FILE</c> and <c>backcare restore --from FILE</c> (<see cref="DatabaseBackup"/>), on the
/// database the web app uses unless <c>--provider</c>/<c>--connection</c> say otherwise. A backup can be taken while the
/// server runs; a restore refuses a database in use unless <c>--force</c>.
/// </summary>
internal static class BackupCommand
{
    public const int Failed = 1;
    public const int ConfigurationError = 2;

    public static Command CreateBackup(TextWriter output, TextWriter error)
    {
        var to = new Option<string>("--to") { Description = "The file to write the backup to.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command(
            "backup",
            "Copy the database to a file while the server runs: SQLite's online backup, or pg_dump for PostgreSQL. " +
            "The file holds health data: keep it encrypted and no longer than recovery needs.") { to, force });
        command.SetAction((parse, cancellationToken) => BackupAsync(
            parse.GetValue(to)!, parse.GetValue(force), parse.GetValue(storage.Provider), parse.GetValue(storage.Connection), output, error, cancellationToken));
        return command;
    }

    public static Command CreateRestore(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "A file made by backcare backup.", Required = true };
        var force = new Option<bool>("--force") { Description = "Restore even though the database is in use (stop the servers first instead)." };
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command(
            "restore",
            "Replace the database's contents with a backup. Stop every BackCare server on the database first; afterwards, " +
            "erase again every account erased since the backup was taken (the log's 'Erased account' lines).") { from, force });
        command.SetAction((parse, cancellationToken) => RestoreAsync(
            parse.GetValue(from)!, parse.GetValue(force), parse.GetValue(storage.Provider), parse.GetValue(storage.Connection), output, error, cancellationToken));
        return command;
    }

    public static Task<int> BackupAsync(
        string file, bool force, string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync("backup", provider, connection, output, error, async options =>
        {
            await DatabaseBackup.BackupAsync(options, file, force, cancellationToken);
            var written = new FileInfo(file);
            output.WriteLine($"Backed up to {written.FullName} ({written.Length:N0} bytes).");
        });

    public static Task<int> RestoreAsync(
        string file, bool force, string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync("restore", provider, connection, output, error, async options =>
        {
            await DatabaseBackup.RestoreAsync(options, file, force, cancellationToken);
            output.WriteLine($"Restored from {Path.GetFullPath(file)}. Erase again every account erased since this backup was taken.");
        });

    private static async Task<int> RunAsync(
        string name, string? provider, string? connection, TextWriter output, TextWriter error, Func<StorageOptions, Task> work)
    {
        StorageOptions options;
        try
        {
            options = StorageArguments.Read(provider, connection);
        }
        catch (StorageConfigurationException e)
        {
            await error.WriteLineAsync($"backcare {name}: {e.Message}");
            return ConfigurationError;
        }

        output.WriteLine($"Database: {options.DescribeTarget()}");
        try
        {
            await work(options);
            return 0;
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync($"backcare {name}: {e.Message} Nothing was changed.");
            return Failed;
        }
    }
}
