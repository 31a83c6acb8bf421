using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>Reads a failed save as "a row it points to is gone" (a deleted account, say), on either provider.</summary>
public static class ForeignKeyViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;

    public static bool IsForeignKeyViolation(this Exception exception) => exception switch
    {
        DbUpdateException update => update.InnerException is { } inner && inner.IsForeignKeyViolation(),
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
