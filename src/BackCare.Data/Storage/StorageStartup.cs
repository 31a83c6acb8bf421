using System.Data.Common;
using System.Net.Sockets;
using BackCare.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Storage;

public static class StorageStartup
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The start-up check: the database must be reachable (a clear <see cref="StorageConfigurationException"/>
    /// naming the host or file if not), then its schema is brought up to date. Safe to run on every start.
    /// </summary>
    public static async Task<MigrationReport> InitializeBackCareStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await EnsureReachableAsync(scope.ServiceProvider, cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
    }

    public static async Task EnsureReachableAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<StorageOptions>();
        try
        {
            CreateSqliteFileForOwnerOnly(options);
            var db = services.GetRequiredService<BackCareDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or SocketException
                                      or TimeoutException or InvalidOperationException or ArgumentException)
        {
            throw new StorageConfigurationException($"Cannot open {options.DescribeTarget()}: {Reasons(e)}", e);
        }
    }

    // EF wraps the provider's error ("likely due to a transient failure"); the inner ones say what happened.
    private static string Reasons(Exception e)
    {
        var messages = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is not InvalidOperationException || current.InnerException is null)
            {
                messages.Add(current.Message.TrimEnd('.'));
            }
        }

        return string.Join(": ", messages.Distinct()) + ".";
    }

    /// <summary>
    /// Makes the SQLite file's folder and an empty file for SQLite to fill, readable by the server's own user only
    /// (0700 and 0600 on Unix): the file holds health records. SQLite gives its -wal and -shm files the mode of
    /// the database file. A folder or file that already exists is left as it is (it may be /tmp, or the
    /// operator's choice).
    /// </summary>
    private static void CreateSqliteFileForOwnerOnly(StorageOptions options)
    {
        if (options.Provider != StorageProvider.Sqlite || options.SqliteFilePath() is not { } path
            || new SqliteConnectionStringBuilder(options.ConnectionString).Mode != SqliteOpenMode.ReadWriteCreate)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return;
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        if (!File.Exists(path))
        {
            try
            {
                using var file = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = OwnerOnlyFile,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (a second server, the migrate command) made it first.
            }
        }
    }
}
