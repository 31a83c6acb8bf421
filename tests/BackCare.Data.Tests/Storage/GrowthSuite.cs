using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Migrations;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// Issue 16, "Growth" (migration 0024, decision 0025): audit retention on both databases, and the append-only audit log
/// that only an erasure or retention may shorten. The PostgreSQL class adds the month partitions.
/// </summary>
public abstract class GrowthSuite(StorageTarget target)
{
    /// <summary>Six years after this, December 2026 still holds rows younger than six years.</summary>
    protected static readonly DateTime RetentionDay = new(2032, 12, 15, 10, 0, 0, DateTimeKind.Utc);

    protected StorageTarget Target { get; } = target;

    [StorageFact]
    public async Task Given_audit_events_across_months_When_retention_of_six_years_runs_Then_only_whole_months_older_than_that_go_and_the_run_is_recorded()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        DateTime[] times =
        [
            new(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc),
            new(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc),
            new(2026, 11, 2, 7, 0, 0, DateTimeKind.Utc),
            new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), // older than six years on the day, but its month is not whole
            new(2026, 12, 20, 12, 0, 0, DateTimeKind.Utc),
            new(2027, 1, 3, 12, 0, 0, DateTimeKind.Utc),
        ];
        foreach (var at in times)
        {
            await RecordAtAsync(services, clock, at, subject);
        }

        clock.Set(RetentionDay);
        var report = await RunUpkeepAsync(services);

        report.Led.ShouldBeTrue();
        report.Retention.ShouldNotBeNull();
        report.Retention.RemovedBeforeUtc.ShouldBe(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        report.Retention.RowsRemoved.ShouldBe(3);
        report.Retention.Months.ShouldBe("2026-10=1,2026-11=2");
        (await EventTimesAsync(services, subject)).ShouldBe(times.Where(t => t >= new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)), ignoreOrder: true);
        await using var scope = services.CreateAsyncScope();
        var runs = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditRetentionRuns.AsNoTracking().ToListAsync();
        runs.Count.ShouldBe(1);
        runs[0].RetentionYears.ShouldBe(6);
        runs[0].RanUtc.ShouldBe(RetentionDay);
        runs[0].RowsRemoved.ShouldBe(3);
    }

    [StorageFact]
    public async Task Given_nothing_expired_When_retention_runs_twice_Then_nothing_is_removed_and_each_run_is_recorded()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        clock.Set(new DateTime(2032, 10, 31, 23, 0, 0, DateTimeKind.Utc));

        var first = await RunUpkeepAsync(services);
        var second = await RunUpkeepAsync(services);

        first.Retention!.RowsRemoved.ShouldBe(0, "October 2026 ends less than six years before");
        first.Retention.Months.ShouldBe("");
        second.Retention!.RowsRemoved.ShouldBe(0);
        (await EventTimesAsync(services, subject)).Count.ShouldBe(1);
        await using var scope = services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditRetentionRuns.CountAsync()).ShouldBe(2);
    }

    [StorageFact]
    public async Task Given_a_retention_of_one_year_When_it_runs_Then_the_setting_is_what_counts()
    {
        var (services, clock) = await StartAsync(retentionYears: 1);
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        await RecordAtAsync(services, clock, new DateTime(2026, 12, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        clock.Set(new DateTime(2027, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        var report = await RunUpkeepAsync(services);

        report.Retention!.RetentionYears.ShouldBe(1);
        report.Retention.Months.ShouldBe("2026-10=1");
        (await EventTimesAsync(services, subject)).ShouldBe([new DateTime(2026, 12, 15, 8, 0, 0, DateTimeKind.Utc)]);
    }

    [StorageFact]
    public async Task Given_expired_diary_entries_When_retention_runs_Then_no_diary_entry_is_removed()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        clock.Set(new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc));
        var owner = await Samples.RegisterAsync(services);
        var entry = await Samples.AddDiaryEntryAsync(services, owner.Id);
        clock.Set(RetentionDay);

        var report = await RunUpkeepAsync(services);

        report.Retention!.RowsRemoved.ShouldBeGreaterThan(0, "the account's and the entry's audit events");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.DiaryEntries.AsNoTracking().SingleAsync()).Id.ShouldBe(entry.Id, "diary entries are health records, never removed by audit retention");
    }

    [StorageFact]
    public async Task Given_audit_events_When_an_ordinary_writer_updates_or_deletes_one_Then_the_database_refuses_both()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();

        (await Should.ThrowAsync<Exception>(() => db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.RemoteAddress, "forged"))))
            .ToString().ShouldContain("append-only");
        (await Should.ThrowAsync<Exception>(() => db.AuditEvents.ExecuteDeleteAsync())).ToString().ShouldContain("append-only");
        (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"))).ToString().ShouldContain("append-only");
        (await db.AuditEvents.CountAsync(e => e.SubjectId == subject)).ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_a_retention_permit_When_a_row_younger_than_it_is_deleted_Then_the_database_still_refuses()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        await RecordAtAsync(services, clock, new DateTime(2026, 11, 15, 8, 0, 0, DateTimeKind.Utc), subject);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Rolled back, as the failed removal leaves it: the rollback takes the permit away too.
            await AuditRemovalPermit.ForRetentionAsync(db, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
            (await Should.ThrowAsync<Exception>(() => db.AuditEvents.ExecuteDeleteAsync())).ToString().ShouldContain("append-only");
        }

        (await EventTimesAsync(services, subject)).Count.ShouldBe(2);
        (await db.Set<AuditRemovalPermit>().CountAsync()).ShouldBe(0, "a permit never outlives its transaction");
    }

    protected async Task<(ServiceProvider Services, SettableClock Clock)> StartAsync(int retentionYears = 6)
    {
        var database = await Target.CreateDatabaseAsync();
        var clock = new SettableClock(new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc));
        var services = database.BuildServices(clock, more: s => s.Configure<AuditOptions>(o => o.RetentionYears = retentionYears));
        await services.InitializeBackCareStorageAsync();
        return (services, clock);
    }

    protected static async Task<StorageUpkeepReport> RunUpkeepAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorageUpkeep>().RunAsync();
    }

    protected static async Task RecordAtAsync(IServiceProvider services, SettableClock clock, DateTime at, Guid subject)
    {
        clock.Set(at);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.Read, subject, "DiaryEntry");
    }

    protected static async Task<List<DateTime>> EventTimesAsync(IServiceProvider services, Guid subject)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == subject).Select(e => e.AtUtc).ToListAsync();
    }

    /// <summary>A clock set to any instant.</summary>
    protected sealed class SettableClock(DateTime start) : TimeProvider
    {
        private DateTimeOffset now = new(start);

        public void Set(DateTime utc) => now = new DateTimeOffset(utc);

        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SqliteGrowthTests(SqliteTarget target) : GrowthSuite(target), IClassFixture<SqliteTarget>
{
    [StorageFact]
    public async Task Given_more_expired_audit_events_than_one_batch_When_retention_runs_Then_all_go_in_several_batches_and_the_younger_stay()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), subject);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var count = (StorageUpkeep.SqliteBatch * 2) + 1;
            await db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < {0} - 1) " +
                "INSERT INTO audit_events (at_utc, subject_id, action, resource_type) " +
                "SELECT strftime('%Y-%m-%d %H:%M:%S', '2026-09-01', '+' || (k % 80000) || ' minutes'), {1}, 'Read', 'DiaryEntry' FROM n",
                count, subject.ToString().ToUpperInvariant());
        }

        clock.Set(RetentionDay);
        var report = await RunUpkeepAsync(services);

        report.Retention!.RowsRemoved.ShouldBe((StorageUpkeep.SqliteBatch * 2) + 1);
        report.Retention.Months.ShouldBe($"2026-09={(StorageUpkeep.SqliteBatch * 2) + 1}", "ten thousand minutes from the first of September");
        (await EventTimesAsync(services, subject)).ShouldBe([new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc)]);
    }
}

public sealed class PostgresGrowthTests(PostgresTarget target) : GrowthSuite(target), IClassFixture<PostgresTarget>, INeedPostgres
{
    private static readonly string[] QueryIndexes =
        ["audit_events_pkey", "ix_audit_events_subject_at", "diary_entries_pkey", "ix_diary_entries_owner_created", "ix_diary_entries_red_flag_created"];

    [StorageFact]
    public async Task Given_an_empty_database_When_migrated_Then_both_tables_are_partitioned_by_month_with_this_month_three_ahead_and_a_default()
    {
        var database = await Target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();

        var now = DateTime.UtcNow;
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        foreach (var (table, _) in StorageUpkeep.MonthTables)
        {
            (await PartitionsAsync(database.Options, table)).ShouldBe(
                Enumerable.Range(0, StorageUpkeep.MonthsAhead + 1).Select(m => StorageUpkeep.PartitionName(table, thisMonth.AddMonths(m))).Append(table + "_default"),
                ignoreOrder: true);
        }

        (await IndexesAsync(database.Options)).ShouldBe(QueryIndexes, ignoreOrder: true);
    }

    [StorageFact]
    public async Task Given_an_empty_database_When_migrated_Then_the_patient_search_has_trigram_indexes_on_name_and_email()
    {
        var database = await Target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();

        (await ScalarAsync<long>(database.Options, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).ShouldBe(1);
        (await ScalarAsync<long>(database.Options,
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'accounts' AND indexname IN ('ix_accounts_display_name_trgm', 'ix_accounts_normalized_email_trgm') AND indexdef LIKE '%gin_trgm_ops%'"))
            .ShouldBe(2, "migration 0025 gives the search of names and emails its indexes (CI's PostgreSQL has pg_trgm)");
    }

    [StorageFact]
    public async Task Given_a_database_with_rows_at_0023_When_0024_runs_Then_every_row_lands_in_its_month_with_its_id_and_the_keys_indexes_and_triggers_hold()
    {
        var database = await Target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        var scripts = SchemaMigrator.ScriptsFor(StorageProvider.Postgres);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>()
                .MigrateAsync([.. scripts.Where(s => string.CompareOrdinal(s.Id, "0024") < 0)], CancellationToken.None);
        }

        var owner = await Samples.RegisterAsync(services);
        await ExecuteAsync(database.Options,
            "INSERT INTO shown_results (hash, json) VALUES (sha256('shown'), 'shown');" +
            "INSERT INTO audit_events (at_utc, subject_id, action, resource_type) " +
            "SELECT timestamptz '2025-01-10 00:00+00' + k * interval '10 days', @owner, 'Read', 'DiaryEntry' FROM generate_series(0, 29) k;" +
            "INSERT INTO diary_entries (id, owner_id, created_utc, pain_score, spasms, could_walk, could_sit, could_sleep, could_work, " +
            "new_findings_json, disposition, red_flag, result_hash) " +
            "SELECT gen_random_uuid(), @owner, timestamptz '2026-08-20 00:00+00' + k * interval '1 day', 4, 1, true, true, true, true, '[]', " +
            "'self_care', k % 7 = 0, sha256('shown') FROM generate_series(0, 39) k;",
            ("owner", owner.Id));
        var auditBefore = await RowsAsync(database.Options, "SELECT id, at_utc FROM audit_events ORDER BY id");
        var diaryBefore = await RowsAsync(database.Options, "SELECT id, created_utc FROM diary_entries ORDER BY id");

        var report = await services.InitializeBackCareStorageAsync();

        report.Applied[0].ShouldBe("0024_month_partitions_and_audit_retention", "0024 runs first on a database at 0023");
        (await RowsAsync(database.Options, "SELECT id, at_utc FROM audit_events ORDER BY id")).ShouldBe(auditBefore);
        (await RowsAsync(database.Options, "SELECT id, created_utc FROM diary_entries ORDER BY id")).ShouldBe(diaryBefore);
        (await ScalarAsync<long>(database.Options,
            "SELECT count(*) FROM audit_events WHERE tableoid::regclass::text <> 'audit_events_y' || to_char(at_utc AT TIME ZONE 'UTC', 'YYYY\"m\"MM')"))
            .ShouldBe(0, "every audit row is in its own month's partition");
        (await ScalarAsync<long>(database.Options,
            "SELECT count(*) FROM diary_entries WHERE tableoid::regclass::text <> 'diary_entries_y' || to_char(created_utc AT TIME ZONE 'UTC', 'YYYY\"m\"MM')"))
            .ShouldBe(0);
        (await PartitionsAsync(database.Options, "audit_events")).ShouldContain("audit_events_y2025m01");
        (await PartitionsAsync(database.Options, "audit_events")).ShouldContain("audit_events_y2025m10");
        (await IndexesAsync(database.Options)).ShouldBe(QueryIndexes, ignoreOrder: true);

        // The identity goes on after the copied ids; the foreign key to shown_results and the pain days trigger still work.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.Read, owner.Id, "DiaryEntry");
        }

        (await ScalarAsync<long>(database.Options, "SELECT max(id) FROM audit_events")).ShouldBeGreaterThan(auditBefore.Count);
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(database.Options,
            "INSERT INTO diary_entries (id, owner_id, created_utc, pain_score, spasms, could_walk, could_sit, could_sleep, could_work, " +
            "new_findings_json, disposition, red_flag, result_hash) VALUES (gen_random_uuid(), @owner, now(), 4, 1, true, true, true, true, '[]', " +
            "'self_care', false, sha256('never shown'))", ("owner", owner.Id)))).SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation);
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(database.Options, "UPDATE audit_events SET resource_type = 'x'")))
            .MessageText.ShouldBe("audit events are append-only");
        (await ScalarAsync<long>(database.Options, "SELECT count(*) FROM pg_trigger WHERE tgname = 'diary_pain_days_after_entries' AND tgrelid = 'diary_entries'::regclass"))
            .ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_partitions_ahead_When_events_and_entries_are_written_in_a_future_month_Then_each_lands_in_its_month_not_the_default()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var database = services.GetRequiredService<StorageOptions>();
        var inTwoMonths = DateTime.UtcNow.AddMonths(2);
        var month = new DateOnly(inTwoMonths.Year, inTwoMonths.Month, 1);
        var owner = await Samples.RegisterAsync(services);
        clock.Set(inTwoMonths);

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordReadsAsync([(owner.Id, "DiaryEntry", null)]);
            var entry = new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment());
            await scope.ServiceProvider.GetRequiredService<DiaryWriter>().WriteAsync(entry, AuditActor.System);
        }

        (await ScalarAsync<string>(database, "SELECT tableoid::regclass::text FROM diary_entries"))
            .ShouldBe(StorageUpkeep.PartitionName("diary_entries", month), "the diary writer's COPY routes by month");
        (await ScalarAsync<long>(database, $"SELECT count(*) FROM {StorageUpkeep.PartitionName("audit_events", month)}")).ShouldBe(2, "the read and the entry's creation");
        (await ScalarAsync<long>(database, "SELECT count(*) FROM audit_events_default")).ShouldBe(0);
    }

    [StorageFact]
    public async Task Given_a_clock_months_on_When_the_upkeep_runs_twice_Then_the_next_months_are_made_once_and_stranded_rows_move_out_of_the_default()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var database = services.GetRequiredService<StorageOptions>();
        var later = DateTime.UtcNow.AddMonths(7);
        var laterMonth = new DateOnly(later.Year, later.Month, 1);
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, later, subject);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM audit_events_default")).ShouldBe(1, "no partition for that month yet");

        var first = await RunUpkeepAsync(services);
        var second = await RunUpkeepAsync(services);

        first.PartitionsMade.ShouldBe(
            StorageUpkeep.MonthTables.SelectMany(t => Enumerable.Range(0, StorageUpkeep.MonthsAhead + 1).Select(m => StorageUpkeep.PartitionName(t.Table, laterMonth.AddMonths(m)))),
            ignoreOrder: true);
        second.PartitionsMade.ShouldBeEmpty("the upkeep is idempotent");
        (await ScalarAsync<string>(database, "SELECT tableoid::regclass::text FROM audit_events"))
            .ShouldBe(StorageUpkeep.PartitionName("audit_events", laterMonth));
        (await ScalarAsync<long>(database, "SELECT count(*) FROM audit_events_default")).ShouldBe(0);
        (await ScalarAsync<long>(database,
            $"SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_events_append_only' AND tgrelid = '{StorageUpkeep.PartitionName("audit_events", laterMonth)}'::regclass"))
            .ShouldBe(1, "the append-only trigger is on every new partition");
    }

    [StorageFact]
    public async Task Given_expired_months_When_retention_runs_Then_their_partitions_are_dropped_and_the_younger_month_stays()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var database = services.GetRequiredService<StorageOptions>();
        clock.Set(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        (await RunUpkeepAsync(services)).PartitionsMade.ShouldContain("audit_events_y2026m10");
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(services, clock, new DateTime(2026, 10, 9, 0, 0, 0, DateTimeKind.Utc), subject);
        await RecordAtAsync(services, clock, new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), subject);
        await RecordAtAsync(services, clock, new DateTime(2026, 12, 30, 0, 0, 0, DateTimeKind.Utc), subject);

        clock.Set(RetentionDay);
        var report = await RunUpkeepAsync(services);

        report.Retention!.Months.ShouldBe("2026-10=1,2026-11=0");
        var partitions = await PartitionsAsync(database, "audit_events");
        partitions.ShouldNotContain("audit_events_y2026m10");
        partitions.ShouldNotContain("audit_events_y2026m11");
        partitions.ShouldContain("audit_events_y2026m12", "December 2026 still holds a row younger than six years");
        (await PartitionsAsync(database, "diary_entries")).ShouldContain("diary_entries_y2026m10", "diary months are never dropped");
        (await EventTimesAsync(services, subject)).Count.ShouldBe(2);
    }

    [StorageFact]
    public async Task Given_two_instances_When_the_one_that_does_not_lead_runs_the_upkeep_Then_it_makes_and_removes_nothing()
    {
        var database = await Target.CreateDatabaseAsync();
        var clock = new SettableClock(new DateTime(2026, 10, 9, 0, 0, 0, DateTimeKind.Utc));
        await using var leading = database.BuildServices(clock);
        await leading.InitializeBackCareStorageAsync();
        var subject = Guid.CreateVersion7();
        await RecordAtAsync(leading, clock, new DateTime(2026, 10, 9, 0, 0, 0, DateTimeKind.Utc), subject);
        (await leading.GetRequiredService<BackgroundLeader>().TryLeadAsync()).ShouldBeTrue();
        await using var following = database.BuildServices(clock);
        clock.Set(RetentionDay);

        var report = await RunUpkeepAsync(following);

        report.Led.ShouldBeFalse();
        report.PartitionsMade.ShouldBeEmpty();
        report.Retention.ShouldBeNull();
        (await EventTimesAsync(leading, subject)).Count.ShouldBe(1);
        (await PartitionsAsync(database.Options, "audit_events")).ShouldNotContain(StorageUpkeep.PartitionName("audit_events", new DateOnly(2032, 12, 1)));
        await using var scope = leading.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditRetentionRuns.CountAsync()).ShouldBe(0);
    }

    private static async Task<List<string>> PartitionsAsync(StorageOptions options, string table)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = @table::regclass", connection);
        command.Parameters.AddWithValue("table", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<List<string>> IndexesAsync(StorageOptions options)
    {
        var rows = await RowsAsync(options,
            "SELECT indexrelid::regclass::text, '' FROM pg_index WHERE indrelid IN ('audit_events'::regclass, 'diary_entries'::regclass)");
        return rows.Select(r => r.Item1).ToList();
    }

    private static async Task<List<(string, string)>> RowsAsync(StorageOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!,
                Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(StorageOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(StorageOptions options, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
