using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Migrations;
using BackCare.Data.PersonalData;
using BackCare.Data.Risk;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// The storage suite, written once and run against every provider by one subclass each. Every test gets an
/// empty database of its own.
/// </summary>
public abstract class StorageSuite(StorageTarget target)
{
    private static readonly AuditActor Clinician = new(Guid.Parse("0b5e8f1a-6d0e-4c57-9d2a-1f3c5b7d9e11"), "203.0.113.7");

    [StorageFact]
    public async Task Given_an_empty_database_When_migrated_Then_every_table_and_column_of_the_model_exists()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();

        var report = await services.InitializeBackCareStorageAsync();

        report.Applied.ShouldBe(SchemaMigrator.ScriptsFor(target.Provider).Select(s => s.Id));
        report.AlreadyApplied.ShouldBeEmpty();
        await using var scope = services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Model;
        // SQLite's full-text index of accounts for the patient search (migration 0028, decision 0031) and the five tables
        // FTS5 keeps it in: an index kept by triggers, not a table of the model.
        string[] searchIndex = target.Provider == StorageProvider.Sqlite
            ? ["account_search", "account_search_config", "account_search_content", "account_search_data", "account_search_docsize", "account_search_idx"]
            : [];
        var expectedTables = model.GetEntityTypes().Select(e => e.GetTableName()!).Append("__backcare_migrations").Concat(searchIndex).Order();
        (await target.ReadTablesAsync(database.Options)).Order().ShouldBe(expectedTables);
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var identifier = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
            var expected = entity.GetProperties()
                .Select(p => (Name: p.GetColumnName(identifier)!, Nullable: p.IsColumnNullable(identifier)))
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            var actual = (await target.ReadColumnsAsync(database.Options, table)).OrderBy(c => c.Name, StringComparer.Ordinal);
            actual.ShouldBe(expected, $"columns of {table}");
        }
    }

    [StorageFact]
    public async Task Given_a_migrated_database_with_data_When_migrated_again_Then_nothing_is_applied_and_the_data_stays()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var account = await Samples.RegisterAsync(services);
        var columnsBefore = await target.ReadColumnsAsync(database.Options, "diary_entries");

        var second = await services.InitializeBackCareStorageAsync();

        second.Applied.ShouldBeEmpty();
        second.AlreadyApplied.ShouldBe(SchemaMigrator.ScriptsFor(target.Provider).Select(s => s.Id));
        (await target.ReadColumnsAsync(database.Options, "diary_entries")).ShouldBe(columnsBefore);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.Accounts.SingleAsync()).Id.ShouldBe(account.Id);
        (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().AppliedAsync()).Count.ShouldBe(second.AlreadyApplied.Count);
    }

    [StorageFact]
    public async Task Given_several_servers_starting_at_once_on_an_empty_database_When_each_migrates_Then_every_script_is_applied_exactly_once()
    {
        var database = await target.CreateDatabaseAsync();
        var servers = Enumerable.Range(0, 4).Select(_ => database.BuildServices()).ToList();

        var reports = await Task.WhenAll(servers.Select(s => Task.Run(() => s.InitializeBackCareStorageAsync())));

        var all = SchemaMigrator.ScriptsFor(target.Provider).Select(s => s.Id).ToList();
        reports.SelectMany(r => r.Applied).ShouldBe(all, "each script applied by exactly one server");
        reports.ShouldAllBe(r => r.Applied.Count == all.Count || r.AlreadyApplied.Count == all.Count);
        await using (var scope = servers[0].CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().AppliedAsync()).ShouldBe(all);
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    [StorageFact]
    public async Task Given_a_run_whose_second_script_fails_When_migrating_Then_the_first_script_is_rolled_back_too()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        MigrationScript[] scripts =
        [
            new("0001_good", "CREATE TABLE first_table (id integer NOT NULL PRIMARY KEY)"),
            new("0002_broken", "CREATE TABLE second_table (id integer NOT NULL PRIMARY KEY); INSERT INTO no_such_table VALUES (1)"),
        ];

        await using (var scope = services.CreateAsyncScope())
        {
            await Should.ThrowAsync<System.Data.Common.DbException>(
                () => scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(scripts, CancellationToken.None));
        }

        (await target.ReadTablesAsync(database.Options)).ShouldNotContain("first_table");
        (await target.ReadTablesAsync(database.Options)).ShouldNotContain("second_table");
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().AppliedAsync()).ShouldBeEmpty();
        }
    }

    [StorageFact]
    public async Task Given_a_database_migrated_by_a_newer_BackCare_When_this_one_migrates_Then_it_refuses_and_names_the_unknown_migration()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Database
                .ExecuteSqlRawAsync("INSERT INTO __backcare_migrations (id, applied_utc) VALUES ('9999_from_the_future', CURRENT_TIMESTAMP)");
        }

        var ex = await Should.ThrowAsync<StorageConfigurationException>(() => services.InitializeBackCareStorageAsync());

        ex.Message.ShouldContain("9999_from_the_future");
        ex.Message.ShouldContain("newer BackCare");
    }

    [StorageFact]
    public async Task Given_every_kind_of_record_When_saved_and_read_in_a_new_context_Then_every_value_comes_back_with_UTC_times()
    {
        var database = await target.CreateDatabaseAsync();
        var clock = new ManualClock();
        await using var services = database.BuildServices(clock, Clinician);
        await services.InitializeBackCareStorageAsync();
        var clinicId = Guid.NewGuid();

        Guid accountId, assessmentId, entryId, screenId;
        string stamp;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var account = new Account("  Ana.Lopez@Example.org ", "Ana López", AccountRole.Clinician);
            account.SetPasswordHash("not-a-real-hash");
            account.JoinClinic(clinicId);
            account.ConfirmEmail();
            stamp = account.SecurityStamp;

            var assessment = new SavedAssessment(account.Id, "{\"age\":41}", "{\"disposition\":\"self_care\"}", "self_care", 41);
            var entry = new DiaryEntry(account.Id, Samples.Diary(), Samples.Reassessment(DiaryProgress.Stalled));
            var screen = new RiskScreen(account.Id, "[1,0,1,1,0,0,1,0,3]", totalScore: 5, psychosocialScore: 3, RiskGroup.Medium);
            db.AddRange(account, assessment, entry, screen);
            await db.SaveChangesAsync();
            (accountId, assessmentId, entryId, screenId) = (account.Id, assessment.Id, entry.Id, screen.Id);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
            account.Email.ShouldBe("Ana.Lopez@Example.org");
            account.NormalizedEmail.ShouldBe("ANA.LOPEZ@EXAMPLE.ORG");
            account.DisplayName.ShouldBe("Ana López");
            account.Role.ShouldBe(AccountRole.Clinician);
            account.ClinicId.ShouldBe(clinicId);
            account.SecurityStamp.ShouldBe(stamp);
            account.SecurityStamp.Length.ShouldBe(32);
            account.EmailConfirmed.ShouldBeTrue();
            account.CreatedUtc.ShouldBe(clock.UtcNow);
            account.CreatedUtc.Kind.ShouldBe(DateTimeKind.Utc);

            var assessment = await db.SavedAssessments.SingleAsync(a => a.Id == assessmentId);
            (assessment.OwnerId, assessment.CaseJson, assessment.ResultJson, assessment.Disposition, assessment.Age)
                .ShouldBe((accountId, "{\"age\":41}", "{\"disposition\":\"self_care\"}", "self_care", (int?)41));
            assessment.CreatedUtc.ShouldBe(clock.UtcNow);
            assessment.CreatedUtc.Kind.ShouldBe(DateTimeKind.Utc);

            var entry = await db.DiaryEntries.SingleAsync(e => e.Id == entryId);
            var written = Samples.Diary();
            new DiaryInput(entry.PainScore, entry.Spasms, entry.CouldWalk, entry.CouldSit, entry.CouldSleep, entry.CouldWork,
                entry.MedicinesTaken, entry.WhatHelped, entry.Notes, entry.NewFindingsJson).ShouldBe(written);
            (entry.Disposition, entry.Progress, entry.RedFlag).ShouldBe(("gp_soon", (DiaryProgress?)DiaryProgress.Stalled, true));
            entry.CreatedUtc.Kind.ShouldBe(DateTimeKind.Utc);

            var screen = await db.RiskScreens.SingleAsync(r => r.Id == screenId);
            (screen.AnswersJson, screen.TotalScore, screen.PsychosocialScore, screen.Group).ShouldBe(("[1,0,1,1,0,0,1,0,3]", 5, 3, RiskGroup.Medium));

            var audit = await db.AuditEvents.Where(e => e.SubjectId == accountId).OrderBy(e => e.Id).ToListAsync();
            audit.Select(e => (e.Action, e.ResourceType)).ShouldBe(
                [(AuditAction.Create, nameof(SavedAssessment)), (AuditAction.Create, nameof(DiaryEntry)), (AuditAction.Create, nameof(RiskScreen))],
                ignoreOrder: true);
            audit.ShouldAllBe(e => e.ActorId == Clinician.AccountId && e.RemoteAddress == Clinician.RemoteAddress && e.AtUtc == clock.UtcNow);
            audit.Single(e => e.ResourceType == nameof(DiaryEntry)).ResourceId.ShouldBe(entryId.ToString());

            // Enums are stored as their names, so the database reads on its own.
            (await db.Database.SqlQueryRaw<string>("SELECT role AS \"Value\" FROM accounts").SingleAsync()).ShouldBe("Clinician");
            (await db.Database.SqlQueryRaw<string>("SELECT progress AS \"Value\" FROM diary_entries").SingleAsync()).ShouldBe("Stalled");
            (await db.Database.SqlQueryRaw<string>("SELECT \"group\" AS \"Value\" FROM risk_screens").SingleAsync()).ShouldBe("Medium");
            (await db.Database.SqlQueryRaw<string>("SELECT DISTINCT action AS \"Value\" FROM audit_events").SingleAsync()).ShouldBe("Create");
        }
    }

    [StorageFact]
    public async Task Given_a_save_that_failed_When_it_is_tried_again_and_succeeds_Then_each_change_is_audited_once()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var owner = new Account("late@example.org", "Late", AccountRole.Patient);
        owner.SetPasswordHash("x");
        var entry = new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment());
        db.DiaryEntries.Add(entry);

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(), "the owner does not exist yet");
        db.Accounts.Add(owner);
        await db.SaveChangesAsync();

        (await db.AuditEvents.CountAsync(e => e.ResourceId == entry.Id.ToString())).ShouldBe(1);
        (await db.DiaryEntries.CountAsync()).ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_an_account_When_someone_registers_the_same_email_in_other_case_Then_it_is_refused_as_taken()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        await Samples.RegisterAsync(services, "jo@example.org");

        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .RegisterAsync(" JO@Example.ORG", Samples.Password, "Another Jo");

        outcome.Error.ShouldBe(RegistrationError.EmailTaken);
        outcome.Account.ShouldBeNull();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.Accounts.CountAsync()).ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_an_account_When_a_row_with_the_same_normalised_email_is_inserted_past_the_service_Then_the_database_refuses_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        await Samples.RegisterAsync(services, "jo@example.org");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var twin = new Account("Jo@Example.org", "Twin", AccountRole.Patient);
        twin.SetPasswordHash("x");
        db.Accounts.Add(twin);

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [StorageFact]
    public async Task Given_many_people_registering_the_same_email_at_once_When_they_all_finish_Then_exactly_one_account_exists()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountService>()
                .RegisterAsync("race@example.org", Samples.Password, $"Racer {i}");
        }));

        outcomes.Count(o => o.Succeeded).ShouldBe(1);
        outcomes.Where(o => !o.Succeeded).ShouldAllBe(o => o.Error == RegistrationError.EmailTaken);
        await using var check = services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts.CountAsync()).ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_two_people_with_records_When_each_asks_for_their_own_Then_no_row_of_the_other_comes_back()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var ana = await Samples.RegisterAsync(services);
        var ben = await Samples.RegisterAsync(services);
        var anasEntries = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            anasEntries.Add((await Samples.AddDiaryEntryAsync(services, ana.Id, painScore: i)).Id);
        }

        var bensEntry = await Samples.AddDiaryEntryAsync(services, ben.Id);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var listed = await db.DiaryEntries.OwnedBy(ana.Id).Select(e => e.Id).ToListAsync();
        listed.ShouldBe(Enumerable.Reverse(anasEntries), "newest first, only Ana's");
        (await db.DiaryEntries.OwnedBy(ben.Id).Select(e => e.Id).ToListAsync()).ShouldBe([bensEntry.Id]);
        (await db.DiaryEntries.FindOwnedAsync(bensEntry.Id, ana.Id)).ShouldBeNull();
        (await db.DiaryEntries.FindOwnedAsync(bensEntry.Id, ben.Id))!.Id.ShouldBe(bensEntry.Id);
        (await db.SavedAssessments.OwnedBy(ana.Id).CountAsync()).ShouldBe(0);
    }

    [StorageFact]
    public async Task Given_many_writers_at_once_When_each_saves_diary_entries_Then_every_acknowledged_entry_is_stored()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var owner = await Samples.RegisterAsync(services);

        var written = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 25; i++)
            {
                ids.Add((await Samples.AddDiaryEntryAsync(services, owner.Id, painScore: (writer + i) % 11)).Id);
            }

            return ids;
        })));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var stored = await db.DiaryEntries.OwnedBy(owner.Id).Select(e => e.Id).ToListAsync();
        stored.Order().ShouldBe(written.SelectMany(ids => ids).Order());
        stored.Count.ShouldBe(200);
        (await db.AuditEvents.CountAsync(e => e.SubjectId == owner.Id && e.Action == AuditAction.Create && e.ResourceType == nameof(DiaryEntry)))
            .ShouldBe(200);
    }

    [StorageFact]
    public async Task Given_data_written_by_one_server_When_a_new_server_opens_the_same_database_Then_everything_is_there()
    {
        var database = await target.CreateDatabaseAsync();
        Guid accountId, entryId;
        await using (var first = database.BuildServices())
        {
            await first.InitializeBackCareStorageAsync();
            accountId = (await Samples.RegisterAsync(first, "restart@example.org")).Id;
            entryId = (await Samples.AddDiaryEntryAsync(first, accountId, painScore: 8)).Id;
        }

        target.ClearConnectionPools();

        await using var second = database.BuildServices();
        var report = await second.InitializeBackCareStorageAsync();
        report.Applied.ShouldBeEmpty();
        await using var scope = second.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.Accounts.SingleAsync()).Id.ShouldBe(accountId);
        (await db.DiaryEntries.SingleAsync(e => e.Id == entryId)).PainScore.ShouldBe(8);
        var signIn = await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("restart@example.org", Samples.Password, "192.0.2.1");
        signIn.Account!.Id.ShouldBe(accountId);
    }

    [StorageFact]
    public async Task Given_an_account_with_records_When_it_is_deleted_Then_only_the_audit_event_of_the_deletion_remains_of_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices(actor: Clinician);
        await services.InitializeBackCareStorageAsync();
        var leaving = await Samples.RegisterAsync(services);
        var staying = await Samples.RegisterAsync(services);
        foreach (var owner in new[] { leaving, staying })
        {
            var entry = await Samples.AddDiaryEntryAsync(services, owner.Id);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.SavedAssessments.Add(new SavedAssessment(owner.Id, "{}", "{}", "self_care", null));
            db.RiskScreens.Add(new RiskScreen(owner.Id, "[]", 2, 1, RiskGroup.Low));
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordReadAsync(entry);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving.Id)).ShouldBeTrue();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            (await db.Accounts.AnyAsync(a => a.Id == leaving.Id)).ShouldBeFalse();
            (await db.DiaryEntries.AnyAsync(e => e.OwnerId == leaving.Id)).ShouldBeFalse();
            (await db.SavedAssessments.AnyAsync(a => a.OwnerId == leaving.Id)).ShouldBeFalse();
            (await db.RiskScreens.AnyAsync(r => r.OwnerId == leaving.Id)).ShouldBeFalse();
            var remaining = await db.AuditEvents.Where(e => e.SubjectId == leaving.Id).ToListAsync();
            remaining.Count.ShouldBe(1);
            (remaining[0].Action, remaining[0].ResourceType, remaining[0].ActorId).ShouldBe((AuditAction.Delete, nameof(Account), Clinician.AccountId));

            (await db.DiaryEntries.CountAsync(e => e.OwnerId == staying.Id)).ShouldBe(1);
            (await db.SavedAssessments.CountAsync(a => a.OwnerId == staying.Id)).ShouldBe(1);
            (await db.RiskScreens.CountAsync(r => r.OwnerId == staying.Id)).ShouldBe(1);
            (await db.AuditEvents.CountAsync(e => e.SubjectId == staying.Id)).ShouldBe(5, "created account, diary entry, assessment, screen, and one read");
            (await scope.ServiceProvider.GetRequiredService<AccountErasure>().EraseAsync(leaving.Id)).ShouldBeFalse();
        }
    }

    [StorageFact]
    public async Task Given_audited_reads_and_changes_When_the_person_looks_at_their_trail_Then_every_event_is_there_newest_first_and_none_can_be_altered()
    {
        var database = await target.CreateDatabaseAsync();
        var clock = new ManualClock();
        var actor = new FixedAuditActorAccessor();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IAuditActorAccessor>(actor)
            .AddBackCareStorage(database.Options)
            .BuildServiceProvider();
        await using var _ = services;
        await services.InitializeBackCareStorageAsync();
        var patient = await Samples.RegisterAsync(services);
        actor.Current = new AuditActor(patient.Id, "198.51.100.4");
        clock.Advance(TimeSpan.FromMinutes(1));
        var entry = await Samples.AddDiaryEntryAsync(services, patient.Id);

        actor.Current = Clinician;
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.RecordReadAsync(entry);
            clock.Advance(TimeSpan.FromMinutes(1));
            await audit.RecordListReadAsync<DiaryEntry>(patient.Id);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var tracked = await db.DiaryEntries.SingleAsync(e => e.Id == entry.Id);
            tracked.Reassess(Samples.Reassessment(DiaryProgress.Worse));
            await db.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var trail = await scope.ServiceProvider.GetRequiredService<AuditLog>().ForSubject(patient.Id).ToListAsync();
            trail.Select(e => (e.Action, e.ResourceType, e.ResourceId, e.ActorId)).ShouldBe(
            [
                (AuditAction.Update, nameof(DiaryEntry), entry.Id.ToString(), Clinician.AccountId),
                (AuditAction.Read, nameof(DiaryEntry), null, Clinician.AccountId),
                (AuditAction.Read, nameof(DiaryEntry), entry.Id.ToString(), Clinician.AccountId),
                (AuditAction.Create, nameof(DiaryEntry), entry.Id.ToString(), patient.Id),
                (AuditAction.Create, nameof(Account), patient.Id.ToString(), null),
            ]);
            trail[1].RemoteAddress.ShouldBe(Clinician.RemoteAddress);
            trail[3].RemoteAddress.ShouldBe("198.51.100.4");
            trail.Select(e => e.AtUtc).ShouldBeInOrder(SortDirection.Descending);

            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var ex = await Should.ThrowAsync<Exception>(() => db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.RemoteAddress, "forged")));
            ex.Message.ShouldContain("append-only");
            (await db.AuditEvents.CountAsync(e => e.RemoteAddress == "forged")).ShouldBe(0);
        }
    }

    [StorageFact]
    public async Task Given_five_wrong_passwords_from_one_client_When_signing_in_Then_that_client_waits_even_with_the_right_password_and_another_does_not()
    {
        var database = await target.CreateDatabaseAsync();
        var clock = new ManualClock();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        await Samples.RegisterAsync(services, "lock@example.org");

        async Task<SignInOutcome> SignIn(string password, string client = "203.0.113.9")
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("Lock@Example.org", password, client);
        }

        for (var i = 1; i < SignInThrottle.FreeFailures; i++)
        {
            (await SignIn("wrong password " + i)).ShouldBe(new SignInOutcome(null, SignInError.InvalidCredentials));
        }

        var fifth = await SignIn("wrong password 5");
        fifth.Error.ShouldBe(SignInError.InvalidCredentials);
        fifth.WaitUntilUtc.ShouldBe(clock.UtcNow + TimeSpan.FromSeconds(30));
        (await SignIn(Samples.Password)).Error.ShouldBe(SignInError.TooManyAttempts);
        (await SignIn(Samples.Password, client: "198.51.100.20")).Succeeded.ShouldBeTrue("the owner elsewhere is not held up");

        clock.Advance(TimeSpan.FromSeconds(29));
        (await SignIn(Samples.Password)).Error.ShouldBe(SignInError.TooManyAttempts);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await SignIn(Samples.Password)).Succeeded.ShouldBeTrue();
        (await SignIn("nobody-knows-this")).ShouldBe(new SignInOutcome(null, SignInError.InvalidCredentials), "success started the count again");

        await using var check = services.CreateAsyncScope();
        var events = await check.ServiceProvider.GetRequiredService<BackCareDbContext>().AccountEvents
            .Select(e => e.Kind).ToListAsync();
        events.Count(k => k == AccountEventKind.SignInFailed).ShouldBe(6);
        events.Count(k => k == AccountEventKind.SignInThrottled).ShouldBe(2);
    }

    [StorageFact]
    public async Task Given_wrong_passwords_sent_all_at_once_When_they_have_finished_Then_none_was_lost_and_the_client_must_wait()
    {
        var database = await target.CreateDatabaseAsync();
        var clock = new ManualClock();
        await using var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        await Samples.RegisterAsync(services, "burst@example.org");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, SignInThrottle.FreeFailures).Select(i => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("burst@example.org", $"guess number {i}", "203.0.113.9");
        })));

        outcomes.ShouldAllBe(o => !o.Succeeded);
        await using var check = services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<BackCareDbContext>().SignInThrottles.SingleAsync();
        stored.Failures.ShouldBe(SignInThrottle.FreeFailures, "every wrong password counts however they arrive");
        (await check.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("burst@example.org", Samples.Password, "203.0.113.9"))
            .Error.ShouldBe(SignInError.TooManyAttempts);
    }

    [StorageFact]
    public async Task Given_an_unknown_email_When_signing_in_Then_the_answer_is_the_same_as_for_a_wrong_password_and_waits_alike()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        await Samples.RegisterAsync(services, "known@example.org");
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var unknown = await accounts.SignInAsync("unknown@example.org", Samples.Password, "203.0.113.9");
        var wrong = await accounts.SignInAsync("known@example.org", "not the password", "203.0.113.9");

        unknown.ShouldBe(wrong);
        unknown.ShouldBe(new SignInOutcome(null, SignInError.InvalidCredentials));
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            await accounts.SignInAsync("unknown@example.org", Samples.Password, "203.0.113.9");
            await accounts.SignInAsync("known@example.org", "not the password", "203.0.113.9");
        }

        (await accounts.SignInAsync("unknown@example.org", Samples.Password, "203.0.113.9")).Error.ShouldBe(SignInError.TooManyAttempts);
        (await accounts.SignInAsync("known@example.org", Samples.Password, "203.0.113.9")).Error.ShouldBe(SignInError.TooManyAttempts);
    }

    [StorageFact]
    public async Task Given_two_steps_turned_on_When_stored_Then_the_key_is_encrypted_the_recovery_codes_are_hashes_and_one_code_sent_at_once_many_times_works_once()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var account = await Samples.RegisterAsync(services, "two.steps@example.org");
        string key;
        IReadOnlyList<string> codes;
        await using (var scope = services.CreateAsyncScope())
        {
            var twoStep = scope.ServiceProvider.GetRequiredService<AccountTwoStep>();
            key = twoStep.NewAuthenticatorKey();
            (await twoStep.TurnOnAsync(account.Id, key, Totp.WrongCode(key), Samples.Password, null)).Change
                .ShouldBe(TwoStepChange.WrongCode);
            var outcome = await twoStep.TurnOnAsync(account.Id, key, Totp.NextCode(key), Samples.Password, null);
            outcome.Change.ShouldBe(TwoStepChange.TurnedOn);
            codes = outcome.RecoveryCodes!;
        }

        string stamp;
        await using (var scope = services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id);
            stored.TwoFactorEnabled.ShouldBeTrue();
            stored.AuthenticatorKey.ShouldNotBeNull().ShouldNotContain(key, Case.Insensitive);
            var hashes = stored.RecoveryCodeHashes!.Split(' ');
            hashes.Length.ShouldBe(AccountTwoStep.RecoveryCodeCount);
            codes.ShouldAllBe(code => !stored.RecoveryCodeHashes.Contains(code, StringComparison.OrdinalIgnoreCase));
            hashes.ShouldAllBe(hash => hash.Length == 64, "SHA-256, in hex");
            stored.SecurityStamp.ShouldNotBe(account.SecurityStamp, "turning two steps on ends the sessions made without them");
            stamp = stored.SecurityStamp;
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInWithCodeAsync(account.Id, stamp, codes[3], "203.0.113.9");
        })));

        outcomes.Count(o => o.Succeeded).ShouldBe(1);
        outcomes.Where(o => !o.Succeeded).ShouldAllBe(o => o.Error == SignInError.WrongCode);
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            (await accounts.SignInWithCodeAsync(account.Id, stamp, Totp.NextCode(key), "203.0.113.9")).Succeeded.ShouldBeTrue();
            (await accounts.SignInWithCodeAsync(account.Id, "an old stamp", Totp.NextCode(key), "203.0.113.9")).Error.ShouldBe(SignInError.StartAgain);
            (await scope.ServiceProvider.GetRequiredService<AccountTwoStep>().StatusAsync(account.Id))!.RecoveryCodesLeft
                .ShouldBe(AccountTwoStep.RecoveryCodeCount - 1);
        }
    }

    [StorageFact]
    public async Task Given_a_diary_entry_outside_the_scale_When_written_past_the_entity_Then_the_database_refuses_it()
    {
        var database = await target.CreateDatabaseAsync();
        await using var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var owner = await Samples.RegisterAsync(services);
        var entry = await Samples.AddDiaryEntryAsync(services, owner.Id);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();

        await Should.ThrowAsync<Exception>(() =>
            db.DiaryEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PainScore, 11)));
        await Should.ThrowAsync<Exception>(() =>
            db.DiaryEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Spasms, -1)));
        (await db.DiaryEntries.AsNoTracking().SingleAsync()).PainScore.ShouldBe(entry.PainScore);
    }
}

public sealed class SqliteStorageTests(SqliteTarget target) : StorageSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresStorageTests(PostgresTarget target) : StorageSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
