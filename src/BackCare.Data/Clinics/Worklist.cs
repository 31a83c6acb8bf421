using System.Data.Common;
using System.Globalization;
using System.Text;
using BackCare.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackCare.Data.Clinics;

/// <summary>
/// One line of a clinic's worklist (or of its list of all patients): who, why, how long they have waited, their next
/// visit and unread messages.
/// </summary>
/// <param name="Disposition">The contract's disposition code of their latest assessment or diary entry; null when unknown.</param>
/// <param name="RedFlags">Finding codes of red flags the diary reported since the clinic last acted.</param>
/// <param name="Email">The email of their account.</param>
/// <param name="Age">The age given in their latest saved assessment; null without one.</param>
/// <param name="Sex">The contract's sex code (female, male, other) of their latest saved assessment; null when not given.</param>
/// <param name="VisitReason">What they wrote when they last booked a visit at this clinic; null when they never booked.</param>
/// <param name="AcknowledgedUtc">When a clinician took them off the worklist; null while they are on it.</param>
/// <param name="DateOfBirth">The date of birth on their account; null when they gave none.</param>
/// <param name="Phone">The phone on their account, as they wrote it; null when they gave none.</param>
/// <param name="AssignedClinician">The name of the clinician of this clinic who looks after them; null when nobody does.</param>
/// <param name="StalledDays">The latest milestone (days since their first check) at which their recovery stalled and raised them.</param>
/// <param name="StalledUtc">When that raise happened.</param>
/// <param name="Pain">Their diary's pain on each of the last <see cref="Worklist.PainDays"/> days, oldest first (the
/// latest entry of each 24 hours back from now); null for a day without one. Empty when not read.</param>
public sealed record WorklistRow(
    Guid PatientId,
    string Name,
    int Priority,
    string? Disposition,
    IReadOnlyList<string> RedFlags,
    DateTime WaitingSinceUtc,
    DateTime LastActivityUtc,
    DateTime? NextAppointmentUtc,
    int UnreadMessages,
    string Email,
    int? Age,
    string? Sex,
    string? VisitReason,
    DateTime? AcknowledgedUtc,
    DateOnly? DateOfBirth = null,
    string? Phone = null,
    Guid? AssignedClinicianId = null,
    string? AssignedClinician = null,
    int? StalledDays = null,
    DateTime? StalledUtc = null,
    IReadOnlyList<int?>? Pain = null)
{
    public WorklistCursor Cursor => new(Priority, WaitingSinceUtc, PatientId);

    /// <summary>
    /// The milestone at which stalled recovery raised them, while that is part of why they wait now (raised since their
    /// wait began, and not acknowledged since); null otherwise.
    /// </summary>
    public int? StalledNow => StalledRecovery.PartOfWait(StalledDays, StalledUtc, AcknowledgedUtc, WaitingSinceUtc);
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
/// One page of all the clinic's patients, by name: whether names come before its first row (<see cref="HasPrevious"/>)
/// and after its last (<see cref="HasNext"/>). A link to the next page is <see cref="PatientListPlace.After"/> its last
/// row, to the previous one <see cref="PatientListPlace.Before"/> its first.
/// </summary>
public sealed record PatientListPage(IReadOnlyList<WorklistRow> Rows, bool HasPrevious, bool HasNext);

/// <summary>
/// Where a page of the list of all patients starts: just after, or ends just before, one of the clinic's patients in the
/// list's order (their name as sorted, then their id). A link names the patient's id only, never their name; a patient
/// who is not the clinic's (or no longer is) places nothing, and the list shows its first page.
/// </summary>
public sealed record PatientListPlace(Guid PatientId, bool Backwards)
{
    public static PatientListPlace After(Guid patientId) => new(patientId, Backwards: false);

    public static PatientListPlace Before(Guid patientId) => new(patientId, Backwards: true);
}

/// <summary>
/// Which of the clinic's patients a list shows, each part matched by the database: a new red flag, an emergency or
/// urgent only; those with a booked visit starting in a window (the clinic's today); those with messages the clinic
/// has not read; those assigned to the clinician signed in as <see cref="AssignedToAccount"/>, or to nobody; those whose
/// name, email, phone (<see cref="SearchDigits"/>) or date of birth (<see cref="SearchDate"/>) matches <see cref="Search"/>.
/// </summary>
public sealed record WorklistFilter(
    bool UrgentOrAbove = false,
    bool UnreadMessages = false,
    (DateTime FromUtc, DateTime ToUtc)? VisitBetween = null,
    string? Search = null,
    Guid? AssignedToAccount = null,
    bool Unassigned = false)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "M/d/yyyy"];

    public const int MaxSearchLength = 100;

    public static WorklistFilter Everyone { get; } = new();

    /// <summary>The search as it is matched: trimmed and cut to <see cref="MaxSearchLength"/>; null when blank.</summary>
    public string? SearchText
    {
        get
        {
            var text = Search?.Trim();
            return string.IsNullOrEmpty(text) ? null : text.Length > MaxSearchLength ? text[..MaxSearchLength] : text;
        }
    }

    /// <summary>
    /// The digits of a search that could be part of a phone number (only digits, spaces, +, - and brackets, and at least
    /// one digit), compared with the phone's digits; null for any other search.
    /// </summary>
    public string? SearchDigits =>
        SearchText is { } text && text.All(ContactDetails.IsPhoneCharacter) && ContactDetails.Digits(text) is { Length: > 0 } digits
            ? digits
            : null;

    /// <summary>
    /// The date a search names, typed 1980-03-14, 14/03/1980 or 03/14/1980; null when it names none, or when day and
    /// month could be read either way (05/06/1980) and the two readings differ.
    /// </summary>
    public DateOnly? SearchDate
    {
        get
        {
            if (SearchText is not { } text)
            {
                return null;
            }

            var readings = DateFormats
                .Select(format => DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null)
                .OfType<DateOnly>()
                .Distinct()
                .ToList();
            return readings.Count == 1 ? readings[0] : null;
        }
    }
}

/// <summary>
/// The clinician worklist query, used by the page and by the benchmark. It reads one page of the clinic's rows
/// straight off <c>ix_clinic_patients_worklist</c> (keyset paging on priority, waiting time, patient id; it holds only the
/// rows not acknowledged, which are the worklist) and joins
/// only that page's rows to their names, next visits, unread messages, latest assessment's age and sex, and latest
/// booking's reason: the diary is never read. The list of all the clinic's patients (acknowledged or not, by name) has
/// the same columns and filters; it pages by a keyset too, off <c>ix_clinic_patients_by_name</c> (clinic, sort name,
/// patient). A search of <see cref="IndexedSearchLength"/> characters or more finds the matching accounts first, by
/// index (decision 0031), and reads only those patients' rows of the clinic, in the list's order.
/// </summary>
public static class Worklist
{
    public const int PageSize = 25;

    public const int PatientListPageSize = 50;

    /// <summary>How many days of diary pain each row shows.</summary>
    public const int PainDays = 14;

    /// <summary>
    /// The shortest search found by index (trigrams are three characters). A shorter one matches so many patients that
    /// walking the list in its order and testing each row finds a page at once.
    /// </summary>
    public const int IndexedSearchLength = 3;

    /// <summary>On SQLite, a search matching this many accounts or more is matched row by row as the list is walked.</summary>
    private const int WalkFromMatches = 1000;

    /// <summary>The columns of a row, over a page of clinic_patients named <c>p</c> (the page's query goes in between).</summary>
    private const string Columns = """
        SELECT p.patient_id, a.display_name, p.priority, p.disposition, p.red_flags, p.waiting_since_utc, p.last_activity_utc,
               (SELECT MIN(v.start_utc) FROM appointments v
                 WHERE v.owner_id = p.patient_id AND v.clinic_id = p.clinic_id AND v.status = 'Booked' AND v.start_utc >= @now) AS next_visit,
               (SELECT COUNT(*) FROM messages m
                 WHERE m.clinic_id = p.clinic_id AND m.owner_id = p.patient_id AND NOT m.from_clinic AND m.read_utc IS NULL) AS unread,
               a.email,
               (SELECT s.age FROM saved_assessments s
                 WHERE s.owner_id = p.patient_id ORDER BY s.created_utc DESC, s.id DESC LIMIT 1) AS age,
               (SELECT /*sex*/ FROM saved_assessments s
                 WHERE s.owner_id = p.patient_id ORDER BY s.created_utc DESC, s.id DESC LIMIT 1) AS sex,
               (SELECT r.reason FROM appointments r
                 WHERE r.owner_id = p.patient_id AND r.clinic_id = p.clinic_id ORDER BY r.created_utc DESC, r.id DESC LIMIT 1) AS visit_reason,
               p.acknowledged_utc,
               a.date_of_birth,
               a.phone,
               p.assigned_clinician_id,
               (SELECT c.display_name FROM clinicians c
                 WHERE c.id = p.assigned_clinician_id AND c.clinic_id = p.clinic_id) AS assigned_clinician,
               p.stalled_days,
               p.stalled_utc
        FROM (
        """;

    private const string WorklistRows = """
            SELECT cp.clinic_id, cp.patient_id, cp.priority, cp.disposition, cp.red_flags, cp.waiting_since_utc, cp.last_activity_utc, cp.acknowledged_utc,
                   cp.assigned_clinician_id, cp.stalled_days, cp.stalled_utc
            FROM /*source*/
            WHERE cp.clinic_id = @clinic AND cp.acknowledged_utc IS NULL /*after*/ /*filter*/
            ORDER BY cp.priority, cp.waiting_since_utc, cp.patient_id
            LIMIT @limit
        ) p
        JOIN accounts a ON a.id = p.patient_id
        ORDER BY p.priority, p.waiting_since_utc, p.patient_id
        """;

    // A row-value comparison: both SQLite and PostgreSQL turn it into one range of the worklist index.
    private const string After = "AND (cp.priority, cp.waiting_since_utc, cp.patient_id) > (@after_priority, @after_waiting, @after_patient)";

    private const string AllRows = """
            SELECT cp.clinic_id, cp.patient_id, cp.priority, cp.disposition, cp.red_flags, cp.waiting_since_utc, cp.last_activity_utc, cp.acknowledged_utc,
                   cp.assigned_clinician_id, cp.stalled_days, cp.stalled_utc, cp.sort_name
            FROM /*source*/
            WHERE cp.clinic_id = @clinic /*place*/ /*filter*/
            ORDER BY cp.sort_name /*direction*/, cp.patient_id /*direction*/
            LIMIT @limit
        ) p
        JOIN accounts a ON a.id = p.patient_id
        ORDER BY p.sort_name, p.patient_id
        """;

    // The same range of ix_clinic_patients_by_name both ways: after the place going forwards, before it going back.
    private const string AfterPlace = "AND (cp.sort_name, cp.patient_id) > (@place_name, @place_patient)";

    private const string BeforePlace = "AND (cp.sort_name, cp.patient_id) < (@place_name, @place_patient)";

    public static async Task<WorklistPage> PageAsync(
        BackCareDbContext db, Guid clinicId, WorklistCursor? after, DateTime nowUtc, WorklistFilter? filter = null, int pageSize = PageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var sqlite = db.Database.IsSqlite();
        var rows = await ReadAsync(
            db,
            WorklistRows.Replace("/*after*/", after is null ? "" : After, StringComparison.Ordinal),
            filter ?? WorklistFilter.Everyone,
            nowUtc,
            command =>
            {
                Add(command, "@clinic", Key(clinicId, sqlite));
                Add(command, "@limit", pageSize + 1);
                if (after is not null)
                {
                    Add(command, "@after_priority", after.Priority);
                    Add(command, "@after_waiting", after.WaitingSinceUtc);
                    Add(command, "@after_patient", Key(after.PatientId, sqlite));
                }
            },
            cancellationToken);
        if (rows.Count <= pageSize)
        {
            return new WorklistPage(rows, Next: null);
        }

        rows.RemoveAt(pageSize);
        return new WorklistPage(rows, rows[^1].Cursor);
    }

    /// <summary>
    /// A page of all the clinic's patients, on the worklist or not, by name: the first, or the one after or before
    /// <paramref name="place"/>. Going back from near the start shows the first page whole.
    /// </summary>
    public static async Task<PatientListPage> AllPatientsAsync(
        BackCareDbContext db, Guid clinicId, PatientListPlace? place, DateTime nowUtc, WorklistFilter? filter = null, int pageSize = PatientListPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var placeName = place is null
            ? null
            : await db.ClinicPatients.AsNoTracking()
                .Where(p => p.ClinicId == clinicId && p.PatientId == place.PatientId)
                .Select(p => p.SortName)
                .SingleOrDefaultAsync(cancellationToken);
        if (placeName is null)
        {
            place = null;
        }

        var sqlite = db.Database.IsSqlite();
        var backwards = place?.Backwards == true;
        var rows = await ReadAsync(
            db,
            AllRows
                .Replace("/*place*/", place is null ? "" : backwards ? BeforePlace : AfterPlace, StringComparison.Ordinal)
                .Replace("/*direction*/", backwards ? "DESC" : "", StringComparison.Ordinal),
            filter ?? WorklistFilter.Everyone,
            nowUtc,
            command =>
            {
                Add(command, "@clinic", Key(clinicId, sqlite));
                Add(command, "@limit", pageSize + 1);
                if (place is not null)
                {
                    Add(command, "@place_name", placeName!);
                    Add(command, "@place_patient", Key(place.PatientId, sqlite));
                }
            },
            cancellationToken);
        if (backwards)
        {
            if (rows.Count <= pageSize)
            {
                return await AllPatientsAsync(db, clinicId, place: null, nowUtc, filter, pageSize, cancellationToken);
            }

            // Read backwards and put in order: the extra row is the earliest.
            rows.RemoveAt(0);
            return new PatientListPage(rows, HasPrevious: true, HasNext: true);
        }

        var hasNext = rows.Count > pageSize;
        if (hasNext)
        {
            rows.RemoveAt(pageSize);
        }

        return new PatientListPage(rows, HasPrevious: place is not null, hasNext);
    }

    private static async Task<List<WorklistRow>> ReadAsync(
        BackCareDbContext db, string rowsSql, WorklistFilter filter, DateTime nowUtc, Action<DbCommand> addPageParameters, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var byIndex = await SearchByIndexAsync(connection, db, filter, sqlite, cancellationToken);
            var sex = sqlite ? "json_extract(s.case_json, '$.sex')" : "(s.case_json::json ->> 'sex')";
            command.CommandText = Columns.Replace("/*sex*/", sex, StringComparison.Ordinal)
                + rowsSql
                    .Replace("/*source*/", byIndex ? MatchedSource(command, filter, sqlite) : "clinic_patients cp", StringComparison.Ordinal)
                    .Replace("/*filter*/", Where(command, filter, byIndex, sqlite), StringComparison.Ordinal);
            Add(command, "@now", nowUtc);
            addPageParameters(command);

            var rows = new List<WorklistRow>();
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
                    Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
                    reader.GetString(9),
                    reader.IsDBNull(10) ? null : Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
                    reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.IsDBNull(13) ? null : Utc(reader.GetDateTime(13)),
                    reader.IsDBNull(14) ? null : reader.GetFieldValue<DateOnly>(14),
                    reader.IsDBNull(15) ? null : reader.GetString(15),
                    reader.IsDBNull(16) ? null : reader.GetGuid(16),
                    reader.IsDBNull(17) ? null : reader.GetString(17),
                    reader.IsDBNull(18) ? null : Convert.ToInt32(reader.GetValue(18), CultureInfo.InvariantCulture),
                    reader.IsDBNull(19) ? null : Utc(reader.GetDateTime(19))));
            }

            await reader.CloseAsync();
            return await WithPainAsync(connection, db, rows, nowUtc, sqlite, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The page's rows with their last <see cref="PainDays"/> days of diary pain: one query for the whole page, over
    /// <c>ix_diary_entries_owner_created</c> (owner, time), one short range per row (on PostgreSQL, in the months' partitions
    /// the window touches only).
    /// </summary>
    private static async Task<List<WorklistRow>> WithPainAsync(
        DbConnection connection, BackCareDbContext db, List<WorklistRow> rows, DateTime nowUtc, bool sqlite, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var owners = string.Join(", ", rows.Select((_, i) => "@owner" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT e.owner_id, e.created_utc, e.pain_score FROM diary_entries e
            WHERE e.owner_id IN ({owners}) AND e.created_utc > @pain_from AND e.created_utc <= @now
            """;
        for (var i = 0; i < rows.Count; i++)
        {
            Add(command, "@owner" + i.ToString(CultureInfo.InvariantCulture), Key(rows[i].PatientId, sqlite));
        }

        var fromUtc = nowUtc.AddDays(-PainDays);
        Add(command, "@pain_from", fromUtc);
        Add(command, "@now", nowUtc);

        var latest = new Dictionary<(Guid Owner, int Day), (DateTime At, int Pain)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (owner, at, pain) = (reader.GetGuid(0), Utc(reader.GetDateTime(1)), reader.GetInt32(2));
                var day = PainDays - 1 - (int)((nowUtc - at).Ticks / TimeSpan.TicksPerDay);
                if (day is >= 0 and < PainDays && (!latest.TryGetValue((owner, day), out var kept) || at >= kept.At))
                {
                    latest[(owner, day)] = (at, pain);
                }
            }
        }

        return [.. rows.Select(row => row with
        {
            Pain = [.. Enumerable.Range(0, PainDays).Select(day => latest.TryGetValue((row.PatientId, day), out var kept) ? kept.Pain : (int?)null)],
        })];
    }

    /// <summary>The filter as conditions on the clinic's rows (<c>cp</c>), its values as parameters of the command.</summary>
    private static string Where(DbCommand command, WorklistFilter filter, bool searchByIndex, bool sqlite)
    {
        var where = new StringBuilder();
        if (filter.UrgentOrAbove)
        {
            where.Append(" AND cp.priority <= @urgent");
            Add(command, "@urgent", ClinicPatient.PriorityOf("urgent"));
        }

        if (filter.UnreadMessages)
        {
            where.Append("""
                 AND EXISTS (SELECT 1 FROM messages um
                  WHERE um.clinic_id = cp.clinic_id AND um.owner_id = cp.patient_id AND NOT um.from_clinic AND um.read_utc IS NULL)
                """);
        }

        if (filter.VisitBetween is var (fromUtc, toUtc))
        {
            where.Append("""
                 AND EXISTS (SELECT 1 FROM appointments tv
                  WHERE tv.owner_id = cp.patient_id AND tv.clinic_id = cp.clinic_id AND tv.status = 'Booked'
                    AND tv.start_utc >= @visit_from AND tv.start_utc < @visit_to)
                """);
            Add(command, "@visit_from", fromUtc);
            Add(command, "@visit_to", toUtc);
        }

        if (filter.Unassigned)
        {
            where.Append(" AND cp.assigned_clinician_id IS NULL");
        }

        if (filter.AssignedToAccount is { } account)
        {
            where.Append("""
                 AND EXISTS (SELECT 1 FROM clinicians ac
                  WHERE ac.id = cp.assigned_clinician_id AND ac.clinic_id = cp.clinic_id AND ac.account_id = @assigned_account)
                """);
            Add(command, "@assigned_account", Key(account, sqlite));
        }

        if (searchByIndex)
        {
            where.Append(" AND cp.patient_id = m.id");
        }
        else if (filter.SearchText is { } search)
        {
            // Lower case against lower case for the name; the email against its stored upper-case form; a phone by its
            // digits alone; a date of birth as the one date the search names.
            var phone = filter.SearchDigits is not null ? " OR sa.phone_digits LIKE @search_digits" : "";
            var born = filter.SearchDate is not null ? " OR sa.date_of_birth = @search_date" : "";
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM accounts sa
                  WHERE sa.id = cp.patient_id
                    AND (LOWER(sa.display_name) LIKE @search_name ESCAPE '\' OR sa.normalized_email LIKE @search_email ESCAPE '\'{phone}{born}))
                """);
            Add(command, "@search_name", Contains(search.ToLowerInvariant()));
            Add(command, "@search_email", Contains(Account.NormalizeEmail(search)));
            if (filter.SearchDigits is { } searchDigits)
            {
                Add(command, "@search_digits", "%" + searchDigits + "%");
            }

            if (filter.SearchDate is { } searchDate)
            {
                Add(command, "@search_date", sqlite ? searchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : searchDate);
            }
        }

        return where.ToString();
    }

    /// <summary>
    /// Whether a search finds its accounts first, by index (<see cref="MatchedSource"/>), rather than testing each row as
    /// the list is walked in its order: for a search of <see cref="IndexedSearchLength"/> characters or more; on SQLite
    /// only when it matches fewer than <see cref="WalkFromMatches"/> accounts (one count of the full-text index, about a
    /// millisecond), since a common name fills a page within the first few hundred rows walked while reading thousands
    /// of matches and sorting them costs more (decision 0031). PostgreSQL's planner makes that choice itself from its
    /// statistics.
    /// </summary>
    private static async Task<bool> SearchByIndexAsync(
        DbConnection connection, BackCareDbContext db, WorklistFilter filter, bool sqlite, CancellationToken cancellationToken)
    {
        if (filter.SearchText is not { Length: >= IndexedSearchLength } search)
        {
            return false;
        }

        if (!sqlite)
        {
            return true;
        }

        await using var count = connection.CreateCommand();
        count.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        count.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM account_search WHERE account_search MATCH @search_match LIMIT @cap)";
        Add(count, "@search_match", FullTextMatch(search, filter));
        Add(count, "@cap", WalkFromMatches);
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) < WalkFromMatches;
    }

    /// <summary>
    /// The clinic's rows (<c>cp</c>) of the accounts a search matches (<c>m</c>), found first by index and then each looked
    /// up by the clinic's primary key; <c>CROSS JOIN</c> makes SQLite keep that order (PostgreSQL plans it as any join).
    /// A match is a name or email holding the search anywhere, a phone holding its digits (three or more) anywhere, or
    /// the date of birth it names. SQLite finds names, emails and phones in <c>account_search</c> (trigram full-text,
    /// migration 0028), PostgreSQL by the trigram indexes of migrations 0025 and 0028; both find a date by
    /// <c>ix_accounts_date_of_birth</c>.
    /// </summary>
    private static string MatchedSource(DbCommand command, WorklistFilter filter, bool sqlite)
    {
        var search = filter.SearchText!;
        var digits = filter.SearchDigits is { Length: >= IndexedSearchLength } d ? d : null;
        var date = filter.SearchDate;
        string matches;
        if (sqlite)
        {
            Add(command, "@search_match", FullTextMatch(search, filter));
            matches = "SELECT id FROM account_search WHERE account_search MATCH @search_match"
                + (date is null ? "" : " UNION SELECT sd.id FROM accounts sd WHERE sd.date_of_birth = @search_date");
        }
        else
        {
            Add(command, "@search_name", Contains(search.ToLowerInvariant()));
            Add(command, "@search_email", Contains(Account.NormalizeEmail(search)));
            matches = "SELECT sa.id FROM accounts sa WHERE LOWER(sa.display_name) LIKE @search_name ESCAPE '\\' OR sa.normalized_email LIKE @search_email ESCAPE '\\'"
                + (digits is null ? "" : " OR sa.phone_digits LIKE @search_digits")
                + (date is null ? "" : " OR sa.date_of_birth = @search_date");
            if (digits is not null)
            {
                Add(command, "@search_digits", "%" + digits + "%");
            }
        }

        if (date is { } born)
        {
            Add(command, "@search_date", sqlite ? born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : born);
        }

        // Joined by the condition Where adds (PostgreSQL takes no ON after CROSS JOIN).
        return $"({matches}) m CROSS JOIN clinic_patients cp";
    }

    /// <summary>The name or email holding the search, or the phone its digits (three or more), as an FTS5 query.</summary>
    private static string FullTextMatch(string search, WorklistFilter filter) =>
        "{display_name normalized_email} : " + Phrase(search)
        + (filter.SearchDigits is { Length: >= IndexedSearchLength } digits ? " OR phone_digits : " + Phrase(digits) : "");

    /// <summary>An FTS5 phrase: the text in double quotes, its own double quotes doubled, so nothing in it is query syntax.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A LIKE pattern for text anywhere in a value, the typed % and _ matched as themselves.</summary>
    private static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

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
