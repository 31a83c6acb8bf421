using System.Data.Common;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BackCare.Data.Tests.Diary;

/// <summary>Group commit of diary entries, run against every provider like the storage suite.</summary>
public abstract class DiaryWriterSuite(StorageTarget target)
{
    private static readonly AuditActor Patient = new(Guid.Parse("6a1f0c4e-2b7d-4e8a-9c3f-5d1e7b9a2c40"), "198.51.100.4");

    [StorageFact]
    public async Task Given_many_concurrent_writers_When_each_writes_an_entry_Then_every_entry_and_its_audit_event_are_stored_sharing_commits()
    {
        var (services, _) = await StartAsync();
        await using var _services = services;
        var owners = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await Samples.RegisterAsync(services)).Id);
        }

        var writer = services.GetRequiredService<DiaryWriter>();
        var entries = Enumerable.Range(0, 400)
            .Select(i => new DiaryEntry(owners[i % owners.Count], Samples.Diary(painScore: i % 11, spasms: i % 5) with { Notes = $"entry {i}" }, Samples.Reassessment()))
            .ToList();

        await Task.WhenAll(entries.Select(e => Task.Run(() => writer.WriteAsync(e, Patient))));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var stored = await db.DiaryEntries.AsNoTracking().ToDictionaryAsync(e => e.Id);
        stored.Count.ShouldBe(entries.Count);
        foreach (var entry in entries)
        {
            var row = stored[entry.Id];
            (row.OwnerId, row.PainScore, row.Spasms, row.Notes).ShouldBe((entry.OwnerId, entry.PainScore, entry.Spasms, entry.Notes));
        }

        var audited = await db.AuditEvents.AsNoTracking().Where(e => e.ResourceType == nameof(DiaryEntry)).ToListAsync();
        audited.Select(e => e.ResourceId).Order().ShouldBe(entries.Select(e => e.Id.ToString()).Order(), "one audit event per entry");
        audited.ShouldAllBe(e => e.Action == AuditAction.Create && e.ActorId == Patient.AccountId && e.RemoteAddress == Patient.RemoteAddress);
        var (commits, committed) = writer.Committed;
        committed.ShouldBe(entries.Count);
        commits.ShouldBeLessThan(entries.Count, "entries that arrive together share a commit");
    }

    [StorageFact]
    public async Task Given_a_writer_that_has_committed_When_many_more_batches_are_written_Then_they_all_go_through_the_one_connection_it_holds()
    {
        var (services, failure) = await StartAsync();
        await using var _services = services;
        var owner = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<DiaryWriter>();
        await writer.WriteAsync(new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment()), Patient);
        var (commitsBefore, _) = writer.Committed;
        var opensBefore = failure.ConnectionsOpened;

        for (var i = 0; i < 20; i++)
        {
            await writer.WriteAsync(new DiaryEntry(owner.Id, Samples.Diary(painScore: i % 11), Samples.Reassessment()), Patient);
        }

        (writer.Committed.Commits - commitsBefore).ShouldBe(20, "one entry at a time is one batch each");
        (failure.ConnectionsOpened - opensBefore).ShouldBe(0, "a connection taken from the pool for each batch would have been opened each time");
    }

    [StorageFact]
    public async Task Given_an_entry_with_every_field_filled_When_written_Then_every_mapped_column_and_its_audit_event_read_back_as_written()
    {
        var (services, _) = await StartAsync();
        await using var _services = services;
        var owner = (await Samples.RegisterAsync(services)).Id;
        var input = Samples.Diary(painScore: 7, spasms: 4) with
        {
            Abilities = new DiaryAbilities(AbilityLevel.Limited, AbilityLevel.NotAtAll, AbilityLevel.Normal, null),
            WhatHelpedOther = "a warm bath, \"quotes\" and ünïcode",
        };
        var reassessment = new DiaryReassessment("urgent", DiaryProgress.Worse, RedFlag: true, StepUp: "see_doctor",
            NewRedFlagsJson: "[\"fever\"]", ResultJson: "{\"disposition\":\"urgent\",\"reasons\":[" + string.Join(',', Enumerable.Repeat("\"a long reason\"", 400)) + "]}");
        var entry = new DiaryEntry(owner, input, reassessment);

        await services.GetRequiredService<DiaryWriter>().WriteAsync(entry, Patient);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var row = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id);
        var properties = db.Model.FindEntityType(typeof(DiaryEntry))!.GetProperties().ToList();
        properties.Count.ShouldBeGreaterThan(15);
        foreach (var property in properties)
        {
            var getter = property.GetGetter();
            getter.GetClrValue(row).ShouldBe(getter.GetClrValue(entry), property.Name);
        }

        await ShownResult.LoadIntoAsync(db, [row]);
        row.ResultJson.ShouldBe(reassessment.ResultJson, "the result is kept once, apart from the row, and read back word for word");

        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.ResourceId == entry.Id.ToString());
        (audit.Action, audit.ActorId, audit.RemoteAddress, audit.SubjectId, audit.ResourceType)
            .ShouldBe((AuditAction.Create, Patient.AccountId, Patient.RemoteAddress, owner, nameof(DiaryEntry)));
        audit.Id.ShouldBeGreaterThan(0);
    }

    [StorageFact]
    public async Task Given_one_entry_that_cannot_be_stored_among_many_When_written_together_Then_only_its_writer_fails_and_the_others_are_stored()
    {
        var (services, _) = await StartAsync();
        await using var _services = services;
        var owner = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<DiaryWriter>();
        var good = Enumerable.Range(0, 60).Select(i => new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment())).ToList();

        // No such account: the foreign key refuses it, as it would for an account erased a moment ago.
        var orphan = new DiaryEntry(Guid.NewGuid(), Samples.Diary(), Samples.Reassessment());
        var writes = good.Take(30).Append(orphan).Concat(good.Skip(30))
            .Select(e => (Entry: e, Task: Task.Run(() => writer.WriteAsync(e, Patient))))
            .ToList();

        foreach (var (entry, task) in writes)
        {
            if (entry == orphan)
            {
                await Should.ThrowAsync<DiaryWriteException>(task);
            }
            else
            {
                await task;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.DiaryEntries.Select(e => e.Id).ToListAsync()).Order().ShouldBe(good.Select(e => e.Id).Order());
        (await db.AuditEvents.CountAsync(e => e.ResourceId == orphan.Id.ToString())).ShouldBe(0, "no audit of an entry that was not stored");
    }

    [StorageFact]
    public async Task Given_commits_failing_When_entries_are_written_Then_those_writers_fail_and_nothing_is_kept_and_later_writes_succeed()
    {
        var (services, failure) = await StartAsync();
        await using var _services = services;
        var owner = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<DiaryWriter>();
        var failed = Enumerable.Range(0, 20).Select(_ => new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment())).ToList();
        var later = Enumerable.Range(0, 20).Select(_ => new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment())).ToList();

        failure.FailCommits = true;
        var failures = await Task.WhenAll(failed.Select(e => Task.Run(async () =>
            await Should.ThrowAsync<DiaryWriteException>(() => writer.WriteAsync(e, Patient)))));
        failure.FailCommits = false;
        await Task.WhenAll(later.Select(e => Task.Run(() => writer.WriteAsync(e, Patient))));

        failures.ShouldAllBe(e => e.InnerException != null);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.DiaryEntries.Select(e => e.Id).ToListAsync()).Order().ShouldBe(later.Select(e => e.Id).Order());
        (await db.AuditEvents.CountAsync(e => e.ResourceType == nameof(DiaryEntry))).ShouldBe(later.Count);
    }

    [StorageFact]
    public async Task Given_a_clinic_patient_When_a_diary_entry_with_a_new_red_flag_is_written_Then_they_go_to_the_top_of_the_worklist_only_if_the_entry_is_stored()
    {
        var (services, failure) = await StartAsync();
        await using var _services = services;
        var patient = await Samples.RegisterAsync(services);
        var clinic = new Clinic("Riverside Spine Clinic", "1 River Road", "+1 555 0100", "America/New_York");
        var since = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.Clinics.Add(clinic);
            db.ClinicPatients.Add(new ClinicPatient(clinic.Id, patient.Id, ClinicPatient.PriorityOf("routine"), since, "routine"));
            await db.SaveChangesAsync();
        }

        var writer = services.GetRequiredService<DiaryWriter>();
        string[] redFlags = ["saddle_anesthesia"];
        failure.FailCommits = true;
        await Should.ThrowAsync<DiaryWriteException>(() =>
            writer.WriteAsync(new DiaryEntry(patient.Id, Samples.Diary(), Samples.Reassessment()), Patient, redFlags));
        var afterFailure = await WorklistRowAsync(services, clinic.Id, patient.Id);
        failure.FailCommits = false;
        await writer.WriteAsync(new DiaryEntry(patient.Id, Samples.Diary(), Samples.Reassessment()), Patient, redFlags);
        var afterEntry = await WorklistRowAsync(services, clinic.Id, patient.Id);

        (afterFailure.Priority, afterFailure.RedFlags, afterFailure.WaitingSinceUtc).ShouldBe((ClinicPatient.PriorityOf("routine"), (string?)null, since),
            "an entry that was not stored tells the clinic nothing");
        (afterEntry.Priority, afterEntry.RedFlags).ShouldBe((ClinicPatient.NewRedFlagPriority, "saddle_anesthesia"));
        afterEntry.WaitingSinceUtc.ShouldBeGreaterThan(since, "a new red flag restarts the wait at the top");
    }

    private static async Task<ClinicPatient> WorklistRowAsync(IServiceProvider services, Guid clinicId, Guid patientId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().ClinicPatients.AsNoTracking()
            .SingleAsync(p => p.ClinicId == clinicId && p.PatientId == patientId);
    }

    [StorageFact]
    public async Task Given_entries_being_written_When_the_server_shuts_down_and_starts_again_Then_every_entry_it_took_is_there()
    {
        var database = await target.CreateDatabaseAsync();
        var entries = new List<DiaryEntry>();
        var acknowledged = new List<Task>();
        await using (var services = database.BuildServices())
        {
            await services.InitializeBackCareStorageAsync();
            var owner = await Samples.RegisterAsync(services);
            var writer = services.GetRequiredService<DiaryWriter>();
            for (var i = 0; i < 100; i++)
            {
                var entry = new DiaryEntry(owner.Id, Samples.Diary(painScore: i % 11) with { Notes = $"before restart {i}" }, Samples.Reassessment());
                entries.Add(entry);
                acknowledged.Add(writer.WriteAsync(entry, Patient));
            }

            // What a host does on shutdown once the web server has stopped: the writer finishes what it was given.
            await ((IHostedLifecycleService)writer).StoppedAsync(CancellationToken.None);
        }

        await Task.WhenAll(acknowledged);
        target.ClearConnectionPools();
        await using var restarted = database.BuildServices();
        await restarted.InitializeBackCareStorageAsync();
        await using var scope = restarted.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().DiaryEntries.AsNoTracking().ToDictionaryAsync(e => e.Id);
        foreach (var entry in entries)
        {
            (stored[entry.Id].PainScore, stored[entry.Id].Notes).ShouldBe((entry.PainScore, entry.Notes));
        }
    }

    protected async Task<(ServiceProvider Services, CommitFailure Failure)> StartAsync()
    {
        var database = await target.CreateDatabaseAsync();
        var failure = new CommitFailure();
        var services = new ServiceCollection();
        services.AddScoped<IAuditActorAccessor>(_ => new FixedAuditActorAccessor(AuditActor.System));
        services.AddBackCareStorage(database.Options);
        services.ConfigureDbContext<BackCareDbContext>(options => options.AddInterceptors(failure, failure.Connections));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await provider.InitializeBackCareStorageAsync();
        return (provider, failure);
    }

    /// <summary>
    /// Makes every commit fail while switched on, as a full disk or a lost database connection would, and counts the
    /// connections the contexts open.
    /// </summary>
    protected sealed class CommitFailure : DbTransactionInterceptor
    {
        private volatile bool _failCommits;

        public bool FailCommits
        {
            get => _failCommits;
            set => _failCommits = value;
        }

        public ConnectionCounter Connections { get; } = new();

        /// <summary>Run on the committing context's connection after each commit, while set.</summary>
        public Func<DbContext, Task>? AfterCommit { get; set; }

        public override async Task TransactionCommittedAsync(
            DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (AfterCommit is { } after && eventData.Context is { } context)
            {
                await after(context);
            }
        }

        public int ConnectionsOpened => Connections.Opened;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            FailCommits ? throw new IOException("disk full (simulated)") : ValueTask.FromResult(result);

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            FailCommits ? throw new IOException("disk full (simulated)") : result;
    }

    /// <summary>Counts the connections opened by contexts (each open of a pooled connection counts).</summary>
    protected sealed class ConnectionCounter : DbConnectionInterceptor
    {
        private int _opened;

        public int Opened => Volatile.Read(ref _opened);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opened);
            return Task.CompletedTask;
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opened);
    }
}

public sealed class SqliteDiaryWriterTests(SqliteTarget target) : DiaryWriterSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresDiaryWriterTests(PostgresTarget target) : DiaryWriterSuite(target), IClassFixture<PostgresTarget>, INeedPostgres
{
    private static readonly AuditActor Patient = new(Guid.Parse("0c7d2e51-9a4b-4f3e-8d6c-1b2a3f4e5d60"), "198.51.100.9");

    [StorageFact]
    public async Task Given_the_writers_connection_killed_by_the_server_When_entries_are_written_Then_each_is_stored_on_a_new_connection()
    {
        var (services, _) = await StartAsync();
        await using var _services = services;
        var owner = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<DiaryWriter>();
        var first = new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment());
        await writer.WriteAsync(first, Patient);

        // What a restarted server, a failover or an administrator's pg_terminate_backend does to the held connection.
        var database = new NpgsqlConnectionStringBuilder(services.GetRequiredService<StorageOptions>().ConnectionString).Database;
        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", admin);
            kill.Parameters.AddWithValue("database", database!);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBeGreaterThan(0, "the writer holds a connection to kill");
        }

        var after = Enumerable.Range(0, 10).Select(i => new DiaryEntry(owner.Id, Samples.Diary(painScore: i), Samples.Reassessment())).ToList();
        await Task.WhenAll(after.Select(e => Task.Run(() => writer.WriteAsync(e, Patient))));

        await using var scope = services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().DiaryEntries.Select(e => e.Id).ToListAsync();
        stored.Order().ShouldBe(after.Select(e => e.Id).Append(first.Id).Order());
    }

    [StorageFact]
    public async Task Given_PostgreSQLs_stock_settings_When_the_writer_commits_Then_its_connection_hands_its_writes_to_the_disk_as_it_goes()
    {
        (await WritersBackendFlushAfterAsync(databaseSetting: null)).ShouldBe("256kB");
    }

    [StorageFact]
    public async Task Given_a_database_that_sets_backend_flush_after_When_the_writer_commits_Then_the_databases_value_is_kept()
    {
        (await WritersBackendFlushAfterAsync(databaseSetting: "1MB")).ShouldBe("1MB");
    }

    [StorageFact]
    public async Task Given_a_migrated_database_When_its_append_only_tables_are_read_Then_autovacuum_there_keeps_a_gentle_pace()
    {
        var (services, _) = await StartAsync();
        await using var _services = services;
        await using var connection = new NpgsqlConnection(services.GetRequiredService<StorageOptions>().ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            // A partitioned table keeps no storage settings of its own: each month partition (migration 0024) carries them.
            "SELECT coalesce(p.relname, c.relname), c.relname, array_to_string(c.reloptions, ','), array_to_string(t.reloptions, ',') " +
            "FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid LEFT JOIN pg_inherits i ON i.inhrelid = c.oid " +
            "LEFT JOIN pg_class p ON p.oid = i.inhparent " +
            "WHERE c.relkind = 'r' AND (p.relname IN ('diary_entries', 'audit_events') OR c.relname = 'accounts')",
            connection);
        var options = new List<(string Parent, string Partition, string? Table, string? Toast)>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                options.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        options.Count(o => o.Parent == "diary_entries").ShouldBe(StorageUpkeep.MonthsAhead + 2, "this month, three ahead, and the default");
        options.Count(o => o.Parent == "audit_events").ShouldBe(StorageUpkeep.MonthsAhead + 2);
        options.Where(o => o.Parent == "diary_entries").ShouldAllBe(o => o.Table == "autovacuum_vacuum_cost_delay=20" && o.Toast == "autovacuum_vacuum_cost_delay=20");
        options.Where(o => o.Parent == "audit_events").ShouldAllBe(o => o.Table == "autovacuum_vacuum_cost_delay=20");
        options.Single(o => o.Parent == "accounts").Table.ShouldBeNull("other tables keep the server's pace");
    }

    /// <summary>What <c>backend_flush_after</c> is on the writer's own connection, read right after its commit.</summary>
    private async Task<string?> WritersBackendFlushAfterAsync(string? databaseSetting)
    {
        var (services, failure) = await StartAsync();
        await using var _services = services;
        if (databaseSetting is not null)
        {
            var options = services.GetRequiredService<StorageOptions>();
            var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync();
            await using var set = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET backend_flush_after = '{databaseSetting}'", admin);
            await set.ExecuteNonQueryAsync();

            // A database's settings reach sessions begun after them: the connections migrating it are let go.
            await using var pooled = new NpgsqlConnection(options.PostgresConnectionString());
            NpgsqlConnection.ClearPool(pooled);
        }

        var owner = await Samples.RegisterAsync(services);
        string? seen = null;
        failure.AfterCommit = async context =>
        {
            await using var show = context.Database.GetDbConnection().CreateCommand();
            show.CommandText = "SHOW backend_flush_after";
            seen = (string?)await show.ExecuteScalarAsync();
        };
        await services.GetRequiredService<DiaryWriter>().WriteAsync(new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment()), Patient);
        failure.AfterCommit = null;
        return seen;
    }
}
