using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackCare.Data.Clinics;

/// <summary>One line of a clinic's worklist: who, why, how long they have waited, their next visit and unread messages.</summary>
/// <param name="Disposition">The contract's disposition code of their latest assessment or diary entry; null when unknown.</param>
/// <param name="RedFlags">Finding codes of red flags the diary reported since the clinic last acted.</param>
public sealed record WorklistRow(
    Guid PatientId,
    string Name,
    int Priority,
    string? Disposition,
    IReadOnlyList<string> RedFlags,
    DateTime WaitingSinceUtc,
    DateTime LastActivityUtc,
    DateTime? NextAppointmentUtc,
    int UnreadMessages)
{
    public WorklistCursor Cursor => new(Priority, WaitingSinceUtc, PatientId);
}

/// <summary>Where a page of the worklist ends: the next page starts after this (priority, wait, patient).</summary>
public sealed record WorklistCursor(int Priority, DateTime WaitingSinceUtc, Guid PatientId)
{
    /// <summary>A short text for a link: <c>priority.ticks.patient</c>.</summary>
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Priority}.{WaitingSinceUtc.Ticks}.{PatientId:N}");

    /// <summary>Null for anything that is not a cursor this class wrote, so a tampered link shows the first page.</summary>
    public static WorklistCursor? Parse(string? text)
    {
        var parts = text?.Split('.');
        return parts is { Length: 3 }
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            && Guid.TryParseExact(parts[2], "N", out var patient)
                ? new WorklistCursor(priority, new DateTime(ticks, DateTimeKind.Utc), patient)
                : null;
    }
}

public sealed record WorklistPage(IReadOnlyList<WorklistRow> Rows, WorklistCursor? Next);

/// <summary>
/// The clinician worklist query, used by the page and by the benchmark. It reads one page of the clinic's rows
/// straight off <c>ix_clinic_patients_worklist</c> (keyset paging on priority, waiting time, patient id; it holds only the
/// rows not acknowledged, which are the worklist) and joins
/// only that page's rows to their names, next visits and unread messages: the diary is never read.
/// </summary>
public static class Worklist
{
    public const int PageSize = 25;

    private const string Sql = """
        SELECT p.patient_id, a.display_name, p.priority, p.disposition, p.red_flags, p.waiting_since_utc, p.last_activity_utc,
               (SELECT MIN(v.start_utc) FROM appointments v
                 WHERE v.owner_id = p.patient_id AND v.clinic_id = p.clinic_id AND v.status = 'Booked' AND v.start_utc >= @now) AS next_visit,
               (SELECT COUNT(*) FROM messages m
                 WHERE m.clinic_id = p.clinic_id AND m.owner_id = p.patient_id AND NOT m.from_clinic AND m.read_utc IS NULL) AS unread
        FROM (
            SELECT clinic_id, patient_id, priority, disposition, red_flags, waiting_since_utc, last_activity_utc
            FROM clinic_patients
            WHERE clinic_id = @clinic AND acknowledged_utc IS NULL /*after*/
            ORDER BY priority, waiting_since_utc, patient_id
            LIMIT @limit
        ) p
        JOIN accounts a ON a.id = p.patient_id
        ORDER BY p.priority, p.waiting_since_utc, p.patient_id
        """;

    private static readonly string FirstPageSql = Sql.Replace("/*after*/", "", StringComparison.Ordinal);

    // A row-value comparison: both SQLite and PostgreSQL turn it into one range of the worklist index.
    private static readonly string NextPageSql = Sql.Replace(
        "/*after*/", "AND (priority, waiting_since_utc, patient_id) > (@after_priority, @after_waiting, @after_patient)", StringComparison.Ordinal);

    public static async Task<WorklistPage> PageAsync(
        BackCareDbContext db, Guid clinicId, WorklistCursor? after, DateTime nowUtc, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = after is null ? FirstPageSql : NextPageSql;
            Add(command, "@clinic", Key(clinicId, sqlite));
            Add(command, "@now", nowUtc);
            Add(command, "@limit", pageSize + 1);
            if (after is not null)
            {
                Add(command, "@after_priority", after.Priority);
                Add(command, "@after_waiting", after.WaitingSinceUtc);
                Add(command, "@after_patient", Key(after.PatientId, sqlite));
            }

            var rows = new List<WorklistRow>(pageSize + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new WorklistRow(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? [] : reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    Utc(reader.GetDateTime(5)),
                    Utc(reader.GetDateTime(6)),
                    reader.IsDBNull(7) ? null : Utc(reader.GetDateTime(7)),
                    Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture)));
            }

            if (rows.Count <= pageSize)
            {
                return new WorklistPage(rows, Next: null);
            }

            rows.RemoveAt(pageSize);
            return new WorklistPage(rows, rows[^1].Cursor);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>EF Core's SQLite provider stores a Guid as upper-case text; PostgreSQL has a uuid type.</summary>
    private static object Key(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
