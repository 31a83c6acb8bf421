using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BackCare.Data.Storage;

/// <summary>
/// Every timestamp is UTC. SQLite keeps no kind (and cannot order DateTimeOffset), so values are written as UTC
/// and read back marked UTC; PostgreSQL's timestamptz accepts only UTC from Npgsql.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
