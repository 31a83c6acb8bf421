using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>
/// <c>backcare backup</c> and <c>backcare restore</c> (decision 16). SQLite: the online backup API copies the database
/// page by page inside one read transaction, so the copy is the database as it was at one instant, every commit before
/// it and none after, while the server goes on writing (write-ahead logging: the reader blocks no writer). PostgreSQL:
/// <c>pg_dump</c>'s custom format (one snapshot, likewise) and <c>pg_restore</c>, run with the connection's settings in
/// their environment (the password never on a command line). A backup is written beside its name and renamed into
/// place once complete and checked, so a half-written file never bears the name, and is readable by its owner only.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Backups hold health data: owner read and write only (0600), as the database file itself.</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Copies the database to <paramref name="file"/>; refuses to replace an existing file unless <paramref name="force"/>.</summary>
    /// <exception cref="BackupException">Why nothing was written, in words for the operator.</exception>
    public static async Task BackupAsync(StorageOptions options, string file, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var target = Path.GetFullPath(file);
        if (File.Exists(target) && !force)
        {
            throw new BackupException($"'{target}' already exists; choose another name or add --force to replace it.");
        }

        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            throw new BackupException($"The folder '{folder}' does not exist.");
        }

        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            if (options.Provider == StorageProvider.Sqlite)
            {
                BackupSqlite(options, partial);
            }
            else
            {
                CreateOwnerOnly(partial);
                await RunPostgresToolAsync("pg_dump", options, ["--format=custom", "--no-password", $"--file={partial}"], cancellationToken);
            }

            File.Move(partial, target, overwrite: force);
        }
        finally
        {
            DeleteSqliteFiles(partial);
        }
    }

    /// <summary>
    /// Replaces the database's contents with the backup in <paramref name="file"/>. Refuses a database that a server (or
    /// anything else) has open unless <paramref name="force"/>: a running server keeps things in memory that would no
    /// longer match. The file is checked to be a BackCare backup first, so a wrong file changes nothing.
    /// </summary>
    /// <exception cref="BackupException">Why nothing was restored, in words for the operator.</exception>
    public static async Task RestoreAsync(StorageOptions options, string file, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no file '{source}'.");
        }

        if (options.Provider == StorageProvider.Sqlite)
        {
            RestoreSqlite(options, source, force);
            return;
        }

        try
        {
            await RunPostgresToolAsync("pg_restore", options, ["--list", source], cancellationToken, connects: false);
        }
        catch (BackupException e)
        {
            throw new BackupException($"'{source}' is not a PostgreSQL backup made by backcare backup (pg_dump's custom format): {e.Message}", e);
        }

        if (!force && await OtherPostgresSessionsAsync(options, cancellationToken) is > 0 and var sessions)
        {
            throw new BackupException(
                $"{options.DescribeTarget()} is in use ({sessions} other connection(s)): stop every BackCare server on it first, or add --force.");
        }

        // One transaction: a restore that fails part way leaves the database as it was.
        await RunPostgresToolAsync(
            "pg_restore",
            options,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password", $"--dbname={Database(options)}", source],
            cancellationToken);
    }

    private static void BackupSqlite(StorageOptions options, string partial)
    {
        var path = options.SqliteFilePath() ?? throw new BackupException("An in-memory SQLite database cannot be backed up.");
        if (!File.Exists(path))
        {
            throw new BackupException($"There is no SQLite file '{path}' to back up.");
        }

        CreateOwnerOnly(partial);
        using (var source = Open(path, SqliteOpenMode.ReadWrite))
        using (var copy = Open(partial, SqliteOpenMode.ReadWrite))
        {
            source.BackupDatabase(copy);

            // One self-contained file: the source's write-ahead-log flag is not carried into the copy.
            Execute(copy, "PRAGMA journal_mode=DELETE");
        }

        CheckSqlite(partial, "The copy");
    }

    private static void RestoreSqlite(StorageOptions options, string source, bool force)
    {
        var path = options.SqliteFilePath() ?? throw new BackupException("An in-memory SQLite database cannot be restored into.");
        CheckSqlite(source, $"'{source}'");
        if (Path.GetDirectoryName(path) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        if (!File.Exists(path))
        {
            CreateOwnerOnly(path);
        }

        // SQLite keeps the write-ahead log and its index (-wal, -shm) beside the file while any connection has it open
        // and removes them when the last one closes, so a server has them, idle or not. SQLite's own locks do not tell:
        // an exclusive lock asked for here was granted while a server's idle connections had the file open (tried).
        // Left by a crash, the files need --force too.
        if (!force && new[] { "-wal", "-shm" }.FirstOrDefault(suffix => File.Exists(path + suffix)) is { } open)
        {
            throw new BackupException(
                $"{options.DescribeTarget()} is in use ({Path.GetFileName(path + open)} is there): stop the BackCare server and anything else " +
                "that has it open first, or add --force if none is running (a server that stopped without closing it leaves that file too).");
        }

        using var backup = Open(source, SqliteOpenMode.ReadOnly);
        using var target = Open(path, SqliteOpenMode.ReadWrite);
        try
        {
            backup.BackupDatabase(target);
            Execute(target, "PRAGMA journal_mode=WAL");
        }
        catch (SqliteException e)
        {
            throw new BackupException($"Restoring into {options.DescribeTarget()} failed: {e.Message}", e);
        }
    }

    /// <summary>The file is a sound SQLite database with BackCare's migration history; else a <see cref="BackupException"/> naming it.</summary>
    private static void CheckSqlite(string path, string what)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() as string is not "ok" and var problem)
            {
                throw new BackupException($"{what} is a damaged SQLite database: {problem}");
            }

            check.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{Migrations.SchemaMigrator.HistoryTable}'";
            if (check.ExecuteScalar() is not 1L)
            {
                throw new BackupException($"{what} is a SQLite database but not BackCare's (it has no {Migrations.SchemaMigrator.HistoryTable} table).");
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{what} is not a SQLite database BackCare can read: {e.Message}", e);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // Not pooled: a pooled connection would stay open after the command, holding the file (and, for the target, its lock).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CreateOwnerOnly(string path)
    {
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = OwnerOnly;
        }

        using var _ = new FileStream(path, create);
    }

    private static void DeleteSqliteFiles(string path)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static async Task<long> OtherPostgresSessionsAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException e)
        {
            throw new BackupException($"Cannot reach {options.DescribeTarget()}: {e.Message}", e);
        }
    }

    private static string Database(StorageOptions options) => new NpgsqlConnectionStringBuilder(options.ConnectionString).Database ?? "";

    /// <summary>Runs pg_dump or pg_restore with the connection in libpq's environment variables; its error output on failure.</summary>
    private static async Task RunPostgresToolAsync(
        string tool, StorageOptions options, IEnumerable<string> arguments, CancellationToken cancellationToken, bool connects = true)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (connects)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            SetIfGiven(start, "PGHOST", builder.Host);
            SetIfGiven(start, "PGPORT", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            SetIfGiven(start, "PGUSER", builder.Username);
            SetIfGiven(start, "PGPASSWORD", builder.Password);
            SetIfGiven(start, "PGDATABASE", builder.Database);
            SetIfGiven(start, "PGSSLMODE", builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            });
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new BackupException($"{tool} was not found: install PostgreSQL's client programs (Debian: postgresql-client) so that it is on the PATH.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {(await error).Trim()}");
            }
        }
    }

    private static void SetIfGiven(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
    }
}

/// <summary>A backup or restore was refused or failed; the message says why, for the operator.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
