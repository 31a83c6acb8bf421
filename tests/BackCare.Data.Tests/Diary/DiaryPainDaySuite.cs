using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
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
/// The per-person, per-day diary pain the database keeps for a clinic's outcomes (migration 0019): written with the
/// entry, made again when a first check comes later, filled by the migration from an existing diary, erased with the
/// person; and always what the application's own arithmetic says it should be (whole 24-hour periods since the first
/// check, the latest entry of each, days 0 to 45).
/// </summary>
public abstract class DiaryPainDaySuite(StorageTarget target)
{
    private static readonly AuditActor Patient = new(Guid.Parse("3d0f7a6e-5c1b-4b8e-9a2d-7e6f5c4b3a21"), "198.51.100.7");

    [Fact]
    public void Given_the_outcomes_rules_Then_the_table_keeps_exactly_the_days_they_look_at() =>
        DiaryPainDay.LastDay.ShouldBe(ClinicOutcomes.LastRecoveryDay + ClinicOutcomes.ImprovementSlackDays);

    [StorageFact]
    public async Task Given_a_person_with_a_first_check_When_the_diary_writer_stores_their_entries_Then_each_day_holds_its_latest_entrys_pain_once_committed()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var person = await Samples.RegisterAsync(services);
        var firstUtc = await AddCheckAsync(services, person.Id, null);
        var writer = services.GetRequiredService<DiaryWriter>();

        async Task WriteAsync(TimeSpan after, int pain)
        {
            clock.Advance(firstUtc + after - clock.UtcNow);
            await writer.WriteAsync(new DiaryEntry(person.Id, Samples.Diary(painScore: pain), Samples.Reassessment()), Patient);
        }

        await WriteAsync(TimeSpan.FromHours(1), 7);
        await WriteAsync(TimeSpan.FromHours(5), 5);
        await WriteAsync(TimeSpan.FromHours(25), 3);
        await WriteAsync(TimeSpan.FromDays(14), 2);
        await WriteAsync(TimeSpan.FromDays(46), 1);

        await using (var scope = services.CreateAsyncScope())
        {
            var written = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().DiaryEntries.AsNoTracking()
                .OrderBy(e => e.CreatedUtc).Select(e => e.CreatedUtc).ToListAsync();
            written.ShouldBe([.. new[] { 1, 5, 25, 14 * 24, 46 * 24 }.Select(hours => firstUtc.AddHours(hours))], "each entry is stamped when written");
        }

        (await DaysAsync(services, person.Id)).ShouldBe([(0, 5), (1, 3), (14, 2)], "day 46 is past the last day kept");
        await ShouldAgreeWithTheDiaryAsync(services);
    }

    [StorageFact]
    public async Task Given_entries_written_before_a_first_check_dated_earlier_When_the_check_is_saved_Then_the_persons_days_are_counted_from_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var person = await Samples.RegisterAsync(services);
        var start = new DateTime(2026, 5, 4, 9, 30, 0, DateTimeKind.Utc);
        await AddCheckAsync(services, person.Id, start.AddDays(3));
        await AddEntryAsync(services, person.Id, start.AddHours(2), 8);
        await AddEntryAsync(services, person.Id, start.AddDays(3).AddHours(1), 6);
        (await DaysAsync(services, person.Id)).ShouldBe([(0, 6)], "the entry before the first check does not count");

        await AddCheckAsync(services, person.Id, start);

        (await DaysAsync(services, person.Id)).ShouldBe([(0, 8), (3, 6)]);
        await ShouldAgreeWithTheDiaryAsync(services);
    }

    [StorageFact]
    public async Task Given_many_people_with_checks_and_entries_at_any_moment_When_they_are_stored_in_any_order_Then_the_table_is_what_the_application_computes()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var random = new Random(19);
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var p = 0; p < 12; p++)
        {
            var person = (await Samples.RegisterAsync(services)).Id;
            var first = start.AddTicks(random.NextInt64(TimeSpan.FromDays(20).Ticks));
            var checkFirst = p % 3 != 0;
            if (checkFirst)
            {
                await AddCheckAsync(services, person, first);
            }

            // Two entries at one instant (PostgreSQL keeps microseconds) would make "the latest" a tie either may win.
            var instants = new HashSet<long>();
            for (var e = 0; e < 25; e++)
            {
                // Around day boundaries on purpose: a whole number of days from the first check, give or take a little.
                var at = random.Next(3) == 0
                    ? first.AddDays(random.Next(-2, 48)).AddTicks(random.Next(-20, 21))
                    : first.AddTicks(random.NextInt64(TimeSpan.FromDays(-3).Ticks, TimeSpan.FromDays(50).Ticks));
                if (instants.Add(at.Ticks / 10))
                {
                    await AddEntryAsync(services, person, at, random.Next(0, 11));
                }
            }

            if (!checkFirst || p % 4 == 0)
            {
                await AddCheckAsync(services, person, first.AddHours(p % 4 == 0 ? -30 : 0));
            }
        }

        await ShouldAgreeWithTheDiaryAsync(services);
    }

    [StorageFact]
    public async Task Given_a_diary_written_before_migration_0019_When_the_database_is_migrated_Then_the_table_is_filled_from_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        var scripts = SchemaMigrator.ScriptsFor(target.Provider);
        var before = scripts.TakeWhile(s => string.CompareOrdinal(s.Id, "0019") < 0).ToList();
        before.Count.ShouldBeLessThan(scripts.Count);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(before, CancellationToken.None);
        }

        var person = await Samples.RegisterAsync(services);
        var other = await Samples.RegisterAsync(services);
        var first = new DateTime(2026, 9, 7, 14, 0, 0, DateTimeKind.Utc);
        await AddCheckAsync(services, person.Id, first);
        await AddCheckAsync(services, person.Id, first.AddDays(10));
        await OlderSchemaEntries.AddAsync(services, person.Id, first.AddDays(-1), 9);
        await OlderSchemaEntries.AddAsync(services, person.Id, first.AddHours(3), 7);
        await OlderSchemaEntries.AddAsync(services, person.Id, first.AddHours(20), 6);
        await OlderSchemaEntries.AddAsync(services, person.Id, first.AddDays(14).AddHours(-1), 4);
        await OlderSchemaEntries.AddAsync(services, other.Id, first, 5);

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync()).Applied.ShouldBe(scripts.Skip(before.Count).Select(s => s.Id));
        }

        (await DaysAsync(services, person.Id)).ShouldBe([(0, 6), (13, 4)]);
        (await DaysAsync(services, other.Id)).ShouldBeEmpty("no check, no days");
        await ShouldAgreeWithTheDiaryAsync(services);
    }

    [StorageFact]
    public async Task Given_two_people_with_diary_days_When_one_is_erased_Then_their_days_go_and_the_others_stay()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var leaving = await Samples.RegisterAsync(services);
        var staying = await Samples.RegisterAsync(services);
        var first = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        foreach (var person in new[] { leaving.Id, staying.Id })
        {
            await AddCheckAsync(services, person, first);
            await AddEntryAsync(services, person, first.AddHours(1), 6);
            await AddEntryAsync(services, person, first.AddDays(2), 4);
        }

        (await DaysAsync(services, leaving.Id)).ShouldBe([(0, 6), (2, 4)]);

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving.Id)).ShouldBeTrue();
        }

        (await DaysAsync(services, leaving.Id)).ShouldBeEmpty();
        (await DaysAsync(services, staying.Id)).ShouldBe([(0, 6), (2, 4)]);
        await ShouldAgreeWithTheDiaryAsync(services);
    }

    private static async Task<DateTime> AddCheckAsync(IServiceProvider services, Guid person, DateTime? atUtc)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var check = new SavedAssessment(person, """{"age":40,"findings":{"pain_score":7}}""", "{}", "routine", 40);
        db.SavedAssessments.Add(check);
        if (atUtc is { } at)
        {
            db.Entry(check).Property(c => c.CreatedUtc).CurrentValue = at;
        }

        await db.SaveChangesAsync();
        return check.CreatedUtc;
    }

    private static async Task AddEntryAsync(IServiceProvider services, Guid person, DateTime atUtc, int pain)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var entry = new DiaryEntry(person, Samples.Diary(painScore: pain), Samples.Reassessment());
        db.DiaryEntries.Add(entry);
        db.Entry(entry).Property(e => e.CreatedUtc).CurrentValue = atUtc;
        await db.SaveChangesAsync();
    }

    private static async Task<List<(int Day, int Pain)>> DaysAsync(IServiceProvider services, Guid person)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var days = await db.DiaryPainDays.AsNoTracking().Where(d => d.OwnerId == person).OrderBy(d => d.Day).ToListAsync();
        return [.. days.Select(d => (d.Day, d.PainScore))];
    }

    /// <summary>
    /// The whole table against the same figures worked out here from the stored checks and entries: for each person with
    /// a check, each entry's whole 24-hour periods since the first one, 0 to 45, the latest entry of each.
    /// </summary>
    private static async Task ShouldAgreeWithTheDiaryAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var firsts = await db.SavedAssessments.AsNoTracking().GroupBy(a => a.OwnerId).Select(g => new { g.Key, First = g.Min(a => a.CreatedUtc) }).ToDictionaryAsync(f => f.Key, f => f.First);
        var entries = await db.DiaryEntries.AsNoTracking().Select(e => new { e.OwnerId, e.CreatedUtc, e.PainScore }).ToListAsync();
        var expected = entries
            .Where(e => firsts.ContainsKey(e.OwnerId) && e.CreatedUtc >= firsts[e.OwnerId])
            .Select(e => (e.OwnerId, Day: (int)Math.Floor((e.CreatedUtc - firsts[e.OwnerId]).TotalDays), e.PainScore, e.CreatedUtc))
            .Where(e => e.Day <= DiaryPainDay.LastDay)
            .GroupBy(e => (e.OwnerId, e.Day))
            .Select(g => g.MaxBy(e => e.CreatedUtc))
            .Select(e => $"{e.OwnerId} {e.Day} {e.PainScore} {e.CreatedUtc:O}")
            .ToList();
        var stored = (await db.DiaryPainDays.AsNoTracking().ToListAsync())
            .Select(d => $"{d.OwnerId} {d.Day} {d.PainScore} {d.EntryCreatedUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();
        string.Join(" | ", stored.Except(expected).Select(r => "extra " + r).Concat(expected.Except(stored).Select(r => "missing " + r)))
            .ShouldBeEmpty("the table and the diary differ");
        stored.ShouldNotBeEmpty();
    }
}

public sealed class SqliteDiaryPainDayTests(SqliteTarget target) : DiaryPainDaySuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresDiaryPainDayTests(PostgresTarget target) : DiaryPainDaySuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
