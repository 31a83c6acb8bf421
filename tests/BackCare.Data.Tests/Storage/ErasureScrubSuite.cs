using System.Text;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.PersonalData;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// Erasure that leaves nothing behind: not in a table, and (as far as each provider allows) not in the files either.
/// Each person writes a word of their own (a marker) into every free-text field BackCare keeps about them; the
/// tests look for that word, so a field added later and forgotten by the erasure shows up as a marker left behind.
/// </summary>
public abstract class ErasureScrubSuite(StorageTarget target)
{
    [StorageFact]
    public async Task Given_contact_requests_sent_with_a_persons_email_When_the_person_is_erased_Then_they_go_and_another_persons_stay()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = await Samples.RegisterAsync(services, "Ana.Lopez@example.org");
        Guid clinicId, signedOut, lookalike, stranger;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinic = new Clinic("Hillside Back Clinic", "2 Hill Street", "+1 555 0101", "Europe/London");
            // Sent before the person had an account, and one typed in another case, with spaces and full-width letters.
            var sentSignedOut = new ContactRequest(clinic.Id, "Ana", "ana.lopez@example.org", "+1 555 0199", "Please call me.", accountId: null);
            var sentLookalike = new ContactRequest(clinic.Id, "Ana L", "  ＡＮＡ.lopez@EXAMPLE.org ", null, "Still waiting.", accountId: null);
            var sentByStranger = new ContactRequest(clinic.Id, "Bo", "bo@example.org", null, "Opening hours?", accountId: null);
            db.AddRange(clinic, sentSignedOut, sentLookalike, sentByStranger);
            await db.SaveChangesAsync();
            (clinicId, signedOut, lookalike, stranger) = (clinic.Id, sentSignedOut.Id, sentLookalike.Id, sentByStranger.Id);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var exported = await scope.ServiceProvider.GetRequiredService<AccountExport>().ExportAsync(person.Id);
            var text = Encoding.UTF8.GetString(exported!);
            text.ShouldContain(signedOut.ToString());
            text.ShouldContain(lookalike.ToString());
            text.ShouldNotContain(stranger.ToString());
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(person.Id)).ShouldBeTrue();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            (await db.ContactRequests.Where(c => c.ClinicId == clinicId).Select(c => c.Id).ToListAsync()).ShouldBe([stranger]);
        }
    }

    [StorageFact]
    public async Task Given_a_person_with_their_words_in_every_table_When_erased_Then_no_row_of_any_table_holds_them_and_another_persons_stay()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = await PersonWritingAsync(services, Marker());
        var staying = await PersonWritingAsync(services, Marker());

        await EraseAsync(services, leaving.Account.Id);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await TablesWithTextAsync(db, leaving.Marker)).ShouldBeEmpty();
        (await TablesWithTextAsync(db, staying.Marker)).ShouldBe(
            ["accounts", "appointments", "clinical_notes", "contact_replies", "contact_requests", "diary_entries", "messages", "saved_assessments"],
            ignoreOrder: true);
    }

    protected static string Marker() => $"erase-me-{Guid.NewGuid():N}";

    /// <summary>
    /// A patient whose marker is in their email, a diary note, a saved check, a booking reason, a message, a clinician's
    /// note, a contact request sent signed in and one sent signed out with their email (name, phone and words).
    /// </summary>
    protected static async Task<Writer> PersonWritingAsync(IServiceProvider services, string marker)
    {
        var person = await Samples.RegisterAsync(services, $"{marker}@example.org");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var diary = Samples.Diary() with { Notes = $"my diary: {marker}" };
        db.DiaryEntries.Add(new DiaryEntry(person.Id, diary, Samples.Reassessment()));
        db.SavedAssessments.Add(SavedAssessment.FromCheck(person.Id, Guid.NewGuid().ToString("N"),
            $"{{\"age\":41,\"narrative\":\"{marker}\",\"findings\":{{}}}}", "{\"disposition\":\"self_care\"}", "self_care", 41));
        var clinic = new Clinic("Hillside Back Clinic", "2 Hill Street", "+1 555 0101", "Europe/London");
        var clinician = new Clinician(clinic.Id, "Dr. Lee Park", Specialty.Orthopedic);
        var start = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var slot = new Slot(clinic.Id, clinician.Id, start, start.AddMinutes(20), SlotKind.Telemedicine);
        db.AddRange(clinic, clinician, slot);
        db.Appointments.Add(new Appointment(person.Id, slot, $"booking reason: {marker}", assessmentId: null, "routine", joinUrl: null));
        db.Messages.Add(new Message(clinic.Id, person.Id, person.Id, fromClinic: false, $"my message: {marker}"));
        db.ClinicalNotes.Add(new ClinicalNote(clinic.Id, person.Id, clinician.Id, $"clinician's note: {marker}"));
        db.ContactRequests.Add(new ContactRequest(clinic.Id, "Sam", person.Email, null, $"signed in: {marker}", person.Id));
        db.ContactRequests.Add(new ContactRequest(clinic.Id, $"name {marker}", person.Email.ToUpperInvariant(), $"phone {marker}", $"signed out: {marker}", accountId: null));
        var tiedByHand = new ContactRequest(clinic.Id, "A relative", $"relative-{marker}@example.net", null, $"tied by hand: {marker}", accountId: null);
        tiedByHand.LinkTo(person.Id);
        db.ContactRequests.Add(tiedByHand);
        db.ContactReplies.Add(new ContactReply(clinic.Id, tiedByHand.Id, clinician.Id, ContactReplyRoute.Thread, $"the clinic's answer: {marker}"));
        db.ClinicPatients.Add(new ClinicPatient(clinic.Id, person.Id, ClinicPatient.PriorityOf("routine"), start));
        await db.SaveChangesAsync();
        return new Writer(person, marker);
    }

    protected static async Task EraseAsync(IServiceProvider services, Guid accountId)
    {
        await using var scope = services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(accountId)).ShouldBeTrue();
    }

    /// <summary>The tables with a row whose text (any column) holds the marker, in either case.</summary>
    private static async Task<List<string>> TablesWithTextAsync(BackCareDbContext db, string marker)
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = entity.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => p.GetColumnName()).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            var holds = string.Join(" OR ", columns.Select(c => $"upper(CAST(\"{c}\" AS TEXT)) LIKE '%' || upper({{0}}) || '%'"));
#pragma warning disable EF1002 // Table and column names come from the model.
            var count = await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM \"{table}\" WHERE {holds}", marker).SingleAsync();
#pragma warning restore EF1002
            if (count > 0)
            {
                found.Add(table);
            }
        }

        return found;
    }

    protected sealed record Writer(Account Account, string Marker);
}

/// <summary>
/// On SQLite the files themselves are read: <c>secure_delete</c> must have zeroed the rows in the database file, and
/// the write-ahead log must have been reset while the server still runs (a copy of a running server's files, or a
/// crash, would otherwise keep the erased pages).
/// </summary>
public sealed class SqliteErasureScrubTests(SqliteTarget target) : ErasureScrubSuite(target), IClassFixture<SqliteTarget>
{
    private readonly SqliteTarget _target = target;

    [Fact]
    public async Task Given_a_person_with_their_words_in_every_table_When_erased_Then_neither_the_database_file_nor_its_write_ahead_log_holds_them()
    {
        var database = await _target.CreateDatabaseAsync();
        var file = new SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = await PersonWritingAsync(services, Marker());
        var staying = await PersonWritingAsync(services, Marker());

        // While the server runs (its pooled connections open) the new rows are in the write-ahead log.
        Holds(Bytes(file + "-wal"), leaving.Marker).ShouldBeTrue("the marker is in the -wal file before the erasure, or this test proves nothing");
        await EraseAsync(services, leaving.Account.Id);
        var walAfter = Bytes(file + "-wal");
        Holds(walAfter, leaving.Marker).ShouldBeFalse("the -wal file of the running server");
        walAfter.Length.ShouldBe(0, "the log is truncated after an erasure");

        // And once every connection is closed (a stopped server), in the database file itself.
        SqliteConnection.ClearAllPools();
        var stored = Bytes(file).Concat(Bytes(file + "-wal")).ToArray();
        Holds(stored, leaving.Marker).ShouldBeFalse("the database file and its -wal after the server stops");
        Holds(stored, staying.Marker).ShouldBeTrue("another person's rows are still there to be found");
    }

    [Fact]
    public async Task Given_a_stopped_server_When_its_files_are_read_before_an_erasure_Then_the_persons_words_are_found()
    {
        var database = await _target.CreateDatabaseAsync();
        var file = new SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = await PersonWritingAsync(services, Marker());

        SqliteConnection.ClearAllPools();

        Holds(Bytes(file).Concat(Bytes(file + "-wal")).ToArray(), person.Marker).ShouldBeTrue("the search does find a marker that is there");
    }

    private static byte[] Bytes(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];

    private static bool Holds(byte[] bytes, string marker) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0 || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker.ToUpperInvariant())) >= 0;
}

/// <summary>
/// On PostgreSQL the test role cannot read the data files (pg_read_binary_file needs a superuser's grant), and a
/// vacuum does not promise to zero a dead row's bytes anyway (decision 0011). What is checked: the rows are gone and
/// every table the erasure touched was vacuumed by it (<c>pg_stat_user_tables.last_vacuum</c>), and no other table was.
/// </summary>
public sealed class PostgresErasureScrubTests(PostgresTarget target) : ErasureScrubSuite(target), IClassFixture<PostgresTarget>, INeedPostgres
{
    private readonly PostgresTarget _target = target;

    [StorageFact]
    public async Task Given_a_person_with_their_words_in_every_table_When_erased_Then_every_table_the_erasure_touched_is_vacuumed_at_once()
    {
        var database = await _target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = await PersonWritingAsync(services, Marker());
        await PersonWritingAsync(services, Marker());
        (await VacuumedTablesAsync(database.Options)).ShouldBeEmpty("nothing was vacuumed by hand before");

        await EraseAsync(services, leaving.Account.Id);

        (await VacuumedTablesAsync(database.Options)).ShouldBe(
            ["accounts", "appointments", "audit_events", "clinic_patients", "clinical_notes", "clinicians", "contact_replies",
             "contact_requests", "diary_entries", "diary_pain_days", "messages", "refresh_tokens", "saved_assessments"],
            ignoreOrder: true);
    }

    private static async Task<List<string>> VacuumedTablesAsync(StorageOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        // A month partition (migration 0024) counts as its table.
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT coalesce(p.relname, s.relname) FROM pg_stat_user_tables s LEFT JOIN pg_inherits i ON i.inhrelid = s.relid " +
            "LEFT JOIN pg_class p ON p.oid = i.inhparent WHERE s.last_vacuum IS NOT NULL", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
