using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCare.Data.Storage;

/// <summary>Reads a failed save as "a unique index said no", on either provider.</summary>
public static class UniqueViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool IsUniqueViolation(this DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                                  && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// True when the save broke this one unique index. PostgreSQL names the index; SQLite names its columns instead
    /// ("UNIQUE constraint failed: appointments.slot_id"), so both are given.
    /// </summary>
    public static bool IsUniqueViolationOf(this DbUpdateException exception, string indexName, string sqliteColumns) => exception?.InnerException switch
    {
        SqliteException sqlite => exception.IsUniqueViolation()
                                  && sqlite.Message.Contains("failed: " + sqliteColumns + "'", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation && postgres.ConstraintName == indexName,
        _ => false,
    };
}
