using Microsoft.AspNetCore.Identity;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Data.PersonalData;
using BackCare.Data.Plans;
using BackCare.Data.Risk;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// Export and erasure of everything held about a person, on every provider. Both are checked against the whole
/// model (every table, every column), so a table added later is covered without changing these tests.
/// </summary>
public abstract class PersonalDataSuite(StorageTarget target)
{
    private static readonly Guid ClinicianId = Guid.Parse("0b5e8f1a-6d0e-4c57-9d2a-1f3c5b7d9e11");

    [StorageFact]
    public async Task Given_every_table_of_the_model_When_one_refers_to_a_person_Then_it_is_in_the_list_that_export_and_erasure_use()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Model;

        var aboutPeople = model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(Account) && !PersonalDataTables.StaffRecords.Contains(e.ClrType)
                && !PersonalDataTables.HeldOnlyInsideATransaction.Contains(e.ClrType))
            .Where(e => e.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(Account))
                || e.GetProperties().Any(p => p.Name is "OwnerId" or "PatientId" or "SubjectId"))
            .Select(e => e.ClrType);

        PersonalDataTables.All.Select(t => t.EntityType).ShouldBe(aboutPeople, ignoreOrder: true,
            "a table about people needs its line in PersonalDataTables, or export and erasure miss it");
    }

    [StorageFact]
    public async Task Given_a_person_with_every_kind_of_record_When_erased_Then_no_table_holds_their_id_but_one_audit_event_of_the_deletion()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = await WithEveryKindOfRecordAsync(services);
        var staying = await WithEveryKindOfRecordAsync(services);
        Dictionary<string, int> stayingBefore;
        await using (var scope = services.CreateAsyncScope())
        {
            stayingBefore = await ModelScan.RowsHoldingAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), staying.Id);
            (await ModelScan.RowsHoldingAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), leaving.Id))
                .Keys.ShouldBe(PersonalDataTables.All.Select(t => TableOf(scope, t)).Append("accounts"), ignoreOrder: true, "the person is in every table first");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving.Id)).ShouldBeTrue();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            (await ModelScan.RowsHoldingAsync(db, leaving.Id)).ShouldBe(new Dictionary<string, int> { ["audit_events"] = 1 });
            var left = await db.AuditEvents.SingleAsync(e => e.SubjectId == leaving.Id);
            (left.Action, left.ResourceType, left.ResourceId).ShouldBe((AuditAction.Delete, nameof(Account), leaving.Id.ToString()));
            (await ModelScan.RowsHoldingAsync(db, staying.Id)).ShouldBe(stayingBefore, "nobody else loses a row");
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving.Id)).ShouldBeFalse();
            (await ModelScan.RowsHoldingAsync(db, leaving.Id)).Values.Sum().ShouldBe(1, "erasing again changes nothing");
        }
    }

    [StorageFact]
    public async Task Given_a_person_with_every_kind_of_record_When_exported_Then_every_row_and_column_held_about_them_is_in_it_and_nothing_of_anyone_else()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = await WithEveryKindOfRecordAsync(services);
        var other = await WithEveryKindOfRecordAsync(services);

        byte[] exported;
        await using (var scope = services.CreateAsyncScope())
        {
            exported = (await scope.ServiceProvider.GetRequiredService<AccountExport>().ExportAsync(person.Id))!;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            using var document = JsonDocument.Parse(exported);
            var root = document.RootElement;
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == person.Id);
            SameRow(db.Model.FindEntityType(typeof(Account))!, account, root.GetProperty("account"));
            root.GetProperty("account").TryGetProperty("passwordHash", out _).ShouldBeFalse();
            Encoding(exported).ShouldNotContain(account.PasswordHash);
            Encoding(exported).ShouldNotContain(other.Id.ToString());

            foreach (var table in PersonalDataTables.All)
            {
                var entityType = db.Model.FindEntityType(table.EntityType)!;
                var rows = await RowsOfAsync(db, entityType, person.Id);
                var written = root.GetProperty(table.Name).EnumerateArray().ToList();
                rows.ShouldNotBeEmpty($"{table.Name} has rows about the person");
                written.Count.ShouldBe(rows.Count, table.Name);
                var key = entityType.FindPrimaryKey()!.Properties;
                foreach (var row in rows)
                {
                    var id = string.Join('|', key.Select(p => Text(p.GetGetter().GetClrValue(row))));
                    var match = written.Single(w => string.Join('|', key.Select(p => Text(Value(w.GetProperty(JsonNamingPolicy.CamelCase.ConvertName(p.Name)))))) == id);
                    SameRow(entityType, row, match);
                }
            }

            (await db.AuditEvents.CountAsync(e => e.SubjectId == person.Id && e.Action == AuditAction.Export)).ShouldBe(1);
        }
    }

    /// <summary>A patient with a saved assessment, diary entries before and after it, a risk screen and the rest, signed in once, whose entry a clinician and the patient have read.</summary>
    private static async Task<Account> WithEveryKindOfRecordAsync(ServiceProvider services)
    {
        var person = await Samples.RegisterAsync(services);
        var entry = await Samples.AddDiaryEntryAsync(services, person.Id);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        db.SavedAssessments.Add(SavedAssessment.FromCheck(person.Id, Guid.NewGuid().ToString("N"), "{\"age\":41,\"findings\":{}}", "{\"disposition\":\"self_care\"}", "self_care", 41));
        db.RiskScreens.Add(new RiskScreen(person.Id, "[1,0,1,0,0,1,0,0,2]", 4, 2, RiskGroup.Medium));
        db.PlanStepTicks.Add(new PlanStepTick(person.Id, 2, "walk-often"));
        var clinic = new Clinic("Hillside Back Clinic", "2 Hill Street", "+1 555 0101", "Europe/London");
        var clinician = new Clinician(clinic.Id, "Dr. Lee Park", Specialty.Orthopedic);
        var start = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var slot = new Slot(clinic.Id, clinician.Id, start, start.AddMinutes(20), SlotKind.Telemedicine);
        db.AddRange(clinic, clinician, slot);
        db.Appointments.Add(new Appointment(person.Id, slot, "Spasms for three days", assessmentId: null, "routine", joinUrl: "https://meet.example.org/x"));
        db.Messages.Add(new Message(clinic.Id, person.Id, person.Id, fromClinic: false, "Is heat better than cold now?"));
        db.ClinicalNotes.Add(new ClinicalNote(clinic.Id, person.Id, ClinicianId, "Advised walking; review in a week."));
        db.ContactRequests.Add(new ContactRequest(clinic.Id, "Sam Example", "sam@example.org", null, "Please call me back.", person.Id));
        // Sent by someone else from their own address, and tied to the person by a clinician by hand, then answered.
        var tied = new ContactRequest(clinic.Id, "Sam's partner", $"partner-{person.Id:N}@example.org", null, "Sam cannot come tomorrow.", null);
        tied.LinkTo(person.Id);
        db.ContactRequests.Add(tied);
        db.ContactReplies.Add(new ContactReply(clinic.Id, tied.Id, ClinicianId, ContactReplyRoute.Thread, "Thank you, we will call Sam."));
        var worklistRow = new ClinicPatient(clinic.Id, person.Id, ClinicPatient.PriorityOf("routine"), start);
        db.ClinicPatients.Add(worklistRow);
        db.WorklistAcknowledgements.Add(new WorklistAcknowledgement(clinic.Id, worklistRow, ClinicianId, start.AddHours(1)));
        db.WorklistAssignments.Add(new WorklistAssignment(clinic.Id, person.Id, clinician.Id, ClinicianId, "Call her about the scan.", start.AddHours(2)));
        db.Accounts.Attach(person);
        person.SetContactDetails(new DateOnly(1985, 7, 1), "+44 20 7946 0958", new DateOnly(2026, 11, 23));
        db.Notifications.Add(new Notification(NotificationKind.ClinicReply, person.Id, Guid.NewGuid(), $"sample:{person.Id}", start));
        var preferences = new NotificationPreferences(person.Id);
        preferences.Set(NotificationTopic.DiaryNudge, true, start);
        db.NotificationPreferences.Add(preferences);
        await db.SaveChangesAsync();
        var sessions = scope.ServiceProvider.GetRequiredService<AccountSessions>();
        var session = await sessions.StartAsync(person, SessionKind.Token, remember: true, "203.0.113.5");
        await sessions.IssueRefreshTokenAsync(session);
        await using var identity = services.CreateAsyncScope();
        var users = identity.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var passkey = new UserPasskeyInfo(
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), [165, 1, 2, 3], new DateTimeOffset(start), 3, ["internal", "hybrid"], true, true, false, [160], [123, 125])
        {
            Name = "Sam's phone",
        };
        (await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(person.Id.ToString()))!, passkey)).Succeeded.ShouldBeTrue();
        // An entry after the first check: the database keeps its day for the clinic's outcomes (diary_pain_days).
        await Samples.AddDiaryEntryAsync(services, person.Id, painScore: 4);
        await new AuditLog(db, new FixedAuditActorAccessor(new AuditActor(ClinicianId, "198.51.100.23")), TimeProvider.System).RecordReadAsync(entry);
        await new AuditLog(db, new FixedAuditActorAccessor(new AuditActor(person.Id, "203.0.113.5")), TimeProvider.System).RecordListReadAsync<SavedAssessment>(person.Id);
        return person;
    }

    private static async Task<List<object>> RowsOfAsync(BackCareDbContext db, IEntityType entityType, Guid personId)
    {
        var table = PersonalDataTables.All.Single(t => t.EntityType == entityType.ClrType);
        return [.. await table.ReadAsync(db, personId, CancellationToken.None)];
    }

    private static void SameRow(IEntityType entityType, object row, JsonElement written)
    {
        foreach (var property in entityType.GetProperties().Where(p => !PersonalDataTables.NeverExported.Contains(p.Name)))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            written.TryGetProperty(name, out var value).ShouldBeTrue($"{entityType.GetTableName()}.{name} is exported");
            var stored = property.GetGetter().GetClrValue(row);
            if (stored is string json && property.Name.EndsWith("Json", StringComparison.Ordinal))
            {
                JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(value.GetRawText())).ShouldBeTrue($"{name} keeps its JSON");
                continue;
            }

            Text(Value(value)).ShouldBe(Text(stored), $"{entityType.GetTableName()}.{name}");
        }
    }

    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.GetDecimal(),
        _ => element.GetString(),
    };

    /// <summary>One text form for a stored value and its exported twin: times as UTC instants, days as ISO dates, everything else invariant.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("O", CultureInfo.InvariantCulture),
        string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && text.Contains('T', StringComparison.Ordinal)
            => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string TableOf(AsyncServiceScope scope, PersonalDataTable table) =>
        scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Model.FindEntityType(table.EntityType)!.GetTableName()!;

    private static string Encoding(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8);
}

public sealed class SqlitePersonalDataTests(SqliteTarget target) : PersonalDataSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresPersonalDataTests(PostgresTarget target) : PersonalDataSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
