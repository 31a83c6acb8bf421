using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Storage;

/// <summary>
/// Sets SQLite up on every open: write-ahead logging so readers never block the writer, <c>synchronous=FULL</c>
/// so a commit is on disk before it is acknowledged, foreign keys enforced, and <c>secure_delete</c> so that a deleted
/// row's bytes are overwritten with zeros instead of staying in the file's free space, where anyone with a copy of the
/// file could read an erased person's diary (the write-ahead log is reset after an erasure: <see cref="ErasureScrub"/>).
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddFunctions(connection);
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
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
