using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace BackCare.Data.Storage;

/// <summary>
/// Sets SQLite up on every open: write-ahead logging so readers never block the writer, <c>synchronous=FULL</c>
/// so a commit is on disk before it is acknowledged, foreign keys enforced, and <c>secure_delete</c> so that a deleted
/// row's bytes are overwritten with zeros instead of staying in the file's free space, where anyone with a copy of the
/// file could read an erased person's diary (the write-ahead log is reset after an erasure: <see cref="ErasureScrub"/>).
/// The settings belong to SQLite's own connection, which Microsoft.Data.Sqlite keeps in its pool between opens with
/// them in place, so they are set once for each of those (its <see cref="SqliteConnection.Handle"/>), not on every open:
/// four statements on every open were a tenth of an audited read's work (docs/performance.md, stop 29). The function is
/// added on every open, since the pool drops a connection's functions when it takes it back.
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";

    /// <summary>SQLite's connections already set up; weak, so that one closed for good is forgotten with it.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> SetUp = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddFunctions(connection);
        if (NeedsSetUp(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddFunctions(connection);
        if (NeedsSetUp(connection, out var handle))
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            Remember(handle);
        }
    }

    /// <summary>True unless this SQLite connection had its settings made on an earlier open (only after they succeeded).</summary>
    private static bool NeedsSetUp(DbConnection connection, out sqlite3? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !SetUp.TryGetValue(handle, out _);
    }

    private static void Remember(sqlite3? handle)
    {
        if (handle is not null)
        {
            SetUp.AddOrUpdate(handle, SetUp);
        }
    }

    /// <summary>
    /// <c>backcare_sha256(text)</c>: the SHA-256 of the text's UTF-8 bytes, as PostgreSQL's <c>sha256(convert_to(text,
    /// 'UTF8'))</c>, so migration 0022 keys the results it moves into <c>shown_results</c> as the application does.
    /// </summary>
    private static void AddFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, byte[]?>(
                "backcare_sha256", text => text is null ? null : Diary.ShownResult.HashOf(text), isDeterministic: true);
        }
    }
}
