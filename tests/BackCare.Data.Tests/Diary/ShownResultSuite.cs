using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Migrations;
using BackCare.Data.PersonalData;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Diary;

/// <summary>
/// What a diary entry showed, kept word for word and once for every entry that showed the same words (migration 0022,
/// decision 0024): shared, never changed by a later content release, moved from the entries by the migration, exported
/// with the person's entries and left, holding nothing about anyone, when they are erased.
/// </summary>
public abstract class ShownResultSuite(StorageTarget target)
{
    private static readonly JsonSerializerOptions AsTheContractWrites = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly AuditActor Patient = new(Guid.Parse("0b9e5c2a-7d41-4f36-a8e2-3c5d7f9b1e04"), "198.51.100.9");

    [StorageFact]
    public async Task Given_entries_of_several_people_showing_the_same_result_When_the_writer_stores_them_Then_one_row_holds_it_and_each_entry_reads_it_word_for_word()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var people = new[] { (await Samples.RegisterAsync(services)).Id, (await Samples.RegisterAsync(services)).Id };
        var writer = services.GetRequiredService<DiaryWriter>();
        var same = Result("Walk a little every hour.");
        var other = Result("See a physical therapist this week.");
        var entries = Enumerable.Range(0, 40)
            .Select(i => new DiaryEntry(people[i % 2], Samples.Diary(painScore: i % 11), Reassessment(i % 10 == 9 ? other : same)))
            .ToList();

        // Most arrive together and share a commit; the last come alone, after the results are stored.
        await Task.WhenAll(entries.Take(30).Select(e => Task.Run(() => writer.WriteAsync(e, Patient))));
        foreach (var entry in entries.Skip(30))
        {
            await writer.WriteAsync(entry, Patient);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.ShownResults.CountAsync()).ShouldBe(2, "one row for each distinct result, not one for each entry");
        var stored = await db.DiaryEntries.AsNoTracking().ToListAsync();
        await ShownResult.LoadIntoAsync(db, stored);
        var shown = stored.ToDictionary(e => e.Id, e => e.ResultJson);
        shown.Count.ShouldBe(entries.Count);
        foreach (var entry in entries)
        {
            shown[entry.Id].ShouldBe(entry.ResultJson);
        }

        stored.Select(e => Convert.ToHexString(e.ResultHash!)).Distinct().Order()
            .ShouldBe(new[] { same, other }.Select(json => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))).Order());
    }

    [StorageFact]
    public async Task Given_an_entry_written_under_one_content_release_When_the_plan_texts_change_and_later_entries_show_the_new_words_Then_the_old_entry_still_shows_word_for_word_what_it_showed()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = (await Samples.RegisterAsync(services)).Id;
        var writer = services.GetRequiredService<DiaryWriter>();
        var before = Result("Keep moving: a short walk every hour helps the back heal.");
        var old = new DiaryEntry(person, Samples.Diary(painScore: 5), Reassessment(before));
        await writer.WriteAsync(old, Patient);

        // The next content release words the same step differently: the same diary now shows the new words.
        var after = Result("Stay active: walk for a few minutes each hour.");
        await writer.WriteAsync(new DiaryEntry(person, Samples.Diary(painScore: 5), Reassessment(after)), Patient);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var reread = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.Id == old.Id);
        await ShownResult.LoadIntoAsync(db, [reread]);
        reread.ResultJson.ShouldBe(before);
        (await db.ShownResults.AsNoTracking().Select(r => r.Json).ToListAsync()).ShouldBe([before, after], ignoreOrder: true);
    }

    [StorageFact]
    public async Task Given_an_entry_read_from_the_database_When_its_result_is_read_before_it_is_loaded_Then_it_refuses_rather_than_pass_for_an_entry_without_one()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = (await Samples.RegisterAsync(services)).Id;
        var written = new DiaryEntry(person, Samples.Diary(), Reassessment(Result("Rest a little, move a little.")));
        var without = new DiaryEntry(person, Samples.Diary(), Samples.Reassessment());
        await services.GetRequiredService<DiaryWriter>().WriteAsync(written, Patient);
        await services.GetRequiredService<DiaryWriter>().WriteAsync(without, Patient);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var reread = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.Id == written.Id);
        Should.Throw<InvalidOperationException>(() => reread.ResultJson);
        (await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.Id == without.Id)).ResultJson.ShouldBeNull("an entry from before results were kept");
    }

    [StorageFact]
    public async Task Given_an_entry_saved_through_the_context_When_it_is_re_assessed_to_a_result_already_stored_Then_both_saves_go_through_and_one_row_holds_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = (await Samples.RegisterAsync(services)).Id;
        var first = Result("Heat may ease the pain.");
        var second = Result("A doctor should see you today.");
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.DiaryEntries.Add(new DiaryEntry(person, Samples.Diary(), Reassessment(first)));
            db.DiaryEntries.Add(new DiaryEntry(person, Samples.Diary(), Reassessment(second)));
            await db.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var entries = await db.DiaryEntries.ToListAsync();
            foreach (var entry in entries)
            {
                entry.Reassess(Reassessment(second));
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var entries = await db.DiaryEntries.AsNoTracking().ToListAsync();
            await ShownResult.LoadIntoAsync(db, entries);
            entries.Select(e => e.ResultJson).ShouldBe([second, second]);
            (await db.ShownResults.CountAsync()).ShouldBe(2, "the first result stays: a row is never changed or taken back");
        }
    }

    [StorageFact]
    public async Task Given_two_people_whose_entries_showed_the_same_result_When_one_exports_and_is_erased_Then_the_export_holds_it_word_for_word_and_the_other_still_reads_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = (await Samples.RegisterAsync(services)).Id;
        var staying = (await Samples.RegisterAsync(services)).Id;
        var json = Result("Gentle stretches, twice a day.");
        var writer = services.GetRequiredService<DiaryWriter>();
        await writer.WriteAsync(new DiaryEntry(leaving, Samples.Diary(), Reassessment(json)), Patient);
        var stayingEntry = new DiaryEntry(staying, Samples.Diary(), Reassessment(json));
        await writer.WriteAsync(stayingEntry, Patient);

        await using (var scope = services.CreateAsyncScope())
        {
            var exported = await scope.ServiceProvider.GetRequiredService<AccountExport>().ExportAsync(leaving);
            using var document = JsonDocument.Parse(exported!);
            var entry = document.RootElement.GetProperty("diaryEntries").EnumerateArray().Single();
            entry.GetProperty("resultJson").GetRawText().ShouldBe(json, "the export holds what the person was shown, not only its key");
            entry.GetProperty("resultHash").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving)).ShouldBeTrue();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            (await db.DiaryEntries.AnyAsync(e => e.OwnerId == leaving)).ShouldBeFalse();
            var reread = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.Id == stayingEntry.Id);
            await ShownResult.LoadIntoAsync(db, [reread]);
            reread.ResultJson.ShouldBe(json);
        }
    }

    [StorageFact]
    public async Task Given_entries_holding_their_whole_results_before_migration_0022_When_the_database_is_migrated_Then_each_result_is_stored_once_and_each_entry_reads_it_as_before()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        var scripts = SchemaMigrator.ScriptsFor(target.Provider);
        var before = scripts.TakeWhile(s => string.CompareOrdinal(s.Id, "0022") < 0).ToList();
        before.Count.ShouldBeLessThan(scripts.Count);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(before, CancellationToken.None);
        }

        var person = (await Samples.RegisterAsync(services)).Id;
        var at = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        var shared = Result("Ünïcode, \"quotes\" and a long step: " + new string('x', 3000));
        var alone = Result("Call a doctor today.");
        var ids = new[]
        {
            await OlderSchemaEntries.AddAsync(services, person, at, 6, shared),
            await OlderSchemaEntries.AddAsync(services, person, at.AddDays(1), 5, shared),
            await OlderSchemaEntries.AddAsync(services, person, at.AddDays(2), 4, alone),
            await OlderSchemaEntries.AddAsync(services, person, at.AddDays(3), 3),
        };

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync()).Applied.ShouldBe(scripts.Skip(before.Count).Select(s => s.Id));
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var entries = await db.DiaryEntries.AsNoTracking().ToDictionaryAsync(e => e.Id);
            await ShownResult.LoadIntoAsync(db, entries.Values);
            ids.Select(id => entries[id].ResultJson).ShouldBe([shared, shared, alone, null]);
            (await db.ShownResults.CountAsync()).ShouldBe(2);
            Convert.ToHexString(entries[ids[0]].ResultHash!).ShouldBe(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shared))),
                "keyed as the application keys it, so later entries showing the same words share the row");
        }

        // A later entry showing the same words finds the moved row.
        await services.GetRequiredService<DiaryWriter>().WriteAsync(new DiaryEntry(person, Samples.Diary(), Reassessment(shared)), Patient);
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().ShownResults.CountAsync()).ShouldBe(2);
        }
    }

    [StorageFact]
    public async Task Given_two_servers_on_one_database_When_both_store_the_same_new_result_at_once_Then_every_entry_is_stored_and_one_row_holds_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var first = database.BuildServices();
        await first.InitializeBackCareStorageAsync();
        await using var second = database.BuildServices();
        var person = (await Samples.RegisterAsync(first)).Id;
        var json = Result("Both servers show this step.");
        var entries = Enumerable.Range(0, 60).Select(i => new DiaryEntry(person, Samples.Diary(painScore: i % 11), Reassessment(json))).ToList();

        await Task.WhenAll(entries.Select((e, i) => Task.Run(() => (i % 2 == 0 ? first : second).GetRequiredService<DiaryWriter>().WriteAsync(e, Patient))));

        await using var scope = first.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.DiaryEntries.CountAsync()).ShouldBe(entries.Count);
        (await db.ShownResults.CountAsync()).ShouldBe(1);
    }

    /// <summary>A re-assessment result as the contract writes it, with one plan step in the words given.</summary>
    private static string Result(string step) => JsonSerializer.Serialize(new
    {
        disposition = "self_care",
        red_flags = Array.Empty<string>(),
        reasons = new[] { new { rule = "progress-improving", text = "Your pain is less than at the start.", source = "PENGEL-2003" } },
        plan = new { steps = new[] { new { day = 0, text = step, source = "NICE-NG59" } }, review_after_days = 7 },
    }, AsTheContractWrites);

    private static DiaryReassessment Reassessment(string resultJson) =>
        new("self_care", DiaryProgress.Improving, RedFlag: false, StepUp: "keep_going", ResultJson: resultJson);
}

public sealed class SqliteShownResultTests(SqliteTarget target) : ShownResultSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresShownResultTests(PostgresTarget target) : ShownResultSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
