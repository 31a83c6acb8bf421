using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Auditing;

/// <summary>The audit of reads through the group-committing writer, against every provider like the storage suite.</summary>
public abstract class AuditWriterSuite(StorageTarget target)
{
    [StorageFact]
    public async Task Given_many_reads_at_once_When_each_records_its_audit_event_Then_every_event_is_stored_with_its_own_actor_and_reads_share_commits()
    {
        await using var services = await StartAsync();
        var person = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<AuditWriter>();
        var readers = Enumerable.Range(0, 300).Select(i => new AuditActor(Guid.NewGuid(), $"198.51.100.{i % 250}")).ToList();

        await Task.WhenAll(readers.Select((reader, i) => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var audit = new AuditLog(
                scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), new FixedAuditActorAccessor(reader), TimeProvider.System, writer);
            await audit.RecordReadAsync(person.Id, "DiaryEntry", $"entry-{i}");
        })));

        await using var check = services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == person.Id && e.Action == AuditAction.Read).ToListAsync();
        stored.Count.ShouldBe(readers.Count);
        stored.Select(e => (e.ActorId, e.ResourceId)).Order()
            .ShouldBe(readers.Select((r, i) => ((Guid?)r.AccountId, (string?)$"entry-{i}")).Order(), "each read under its own actor");
        var (commits, writes) = writer.Committed;
        writes.ShouldBe(readers.Count);
        commits.ShouldBeLessThan(readers.Count, "reads that arrive together share a commit");
    }

    [StorageFact]
    public async Task Given_a_page_that_shows_many_people_When_it_records_its_reads_Then_they_are_one_write_and_on_disk_when_it_returns()
    {
        await using var services = await StartAsync();
        var people = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            people.Add((await Samples.RegisterAsync(services)).Id);
        }

        var writer = services.GetRequiredService<AuditWriter>();
        var before = writer.Committed;
        await using (var scope = services.CreateAsyncScope())
        {
            var audit = new AuditLog(
                scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), new FixedAuditActorAccessor(AuditActor.System), TimeProvider.System, writer);
            await audit.RecordReadsAsync(people.Select(p => (p, "Worklist", (string?)null)));
        }

        (writer.Committed.Commits - before.Commits).ShouldBe(1);
        await using var check = services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents
            .CountAsync(e => e.ResourceType == "Worklist" && people.Contains(e.SubjectId))).ShouldBe(25);
    }

    [StorageFact]
    public async Task Given_one_read_whose_event_cannot_be_stored_among_others_When_they_commit_together_Then_only_that_read_fails()
    {
        await using var services = await StartAsync();
        var person = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<AuditWriter>();
        var now = DateTime.UtcNow;
        var good = Enumerable.Range(0, 40)
            .Select(i => (IReadOnlyList<AuditEvent>)[new AuditEvent(now, AuditActor.System, AuditAction.Read, person.Id, "DiaryEntry", $"good-{i}")])
            .ToList();
        // An event the database refuses (no resource type, which the constructor never allows): as if one were corrupt.
        var broken = new AuditEvent(now, AuditActor.System, AuditAction.Read, person.Id, "DiaryEntry", "bad");
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.ResourceType))!.SetValue(broken, null);
        IReadOnlyList<AuditEvent> bad = [broken];

        var writes = good.Select(events => writer.WriteAsync(events)).Append(writer.WriteAsync(bad)).ToList();
        var failed = await Should.ThrowAsync<AuditWriteException>(() => writes[^1]);
        await Task.WhenAll(writes.Take(good.Count));

        failed.InnerException.ShouldNotBeNull();
        await using var check = services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<BackCareDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == person.Id && e.Action == AuditAction.Read).Select(e => e.ResourceId).ToListAsync();
        stored.Order().ShouldBe(good.Select((_, i) => (string?)$"good-{i}").Order());
    }

    /// <summary>
    /// The writer inserts without <c>SaveChanges</c> (COPY on PostgreSQL, a prepared INSERT on SQLite); what it stores
    /// must be exactly what a save stores: every column, as the database holds it.
    /// </summary>
    [StorageFact]
    public async Task Given_the_same_events_written_by_the_writer_and_by_a_save_When_read_raw_Then_every_column_is_stored_alike()
    {
        await using var services = await StartAsync();
        var person = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<AuditWriter>();
        var at = new DateTime(2026, 12, 7, 15, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        var twins = new[]
        {
            (Actor: new AuditActor(Guid.NewGuid(), "2001:db8::7"), ResourceId: (string?)"entry-1"),
            (Actor: AuditActor.System, ResourceId: (string?)null),
        };

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            foreach (var (actor, resourceId) in twins)
            {
                await writer.WriteAsync([new AuditEvent(at, actor, AuditAction.Read, person.Id, "ByWriter", resourceId)]);
                db.AuditEvents.Add(new AuditEvent(at, actor, AuditAction.Read, person.Id, "BySave", resourceId));
                await db.SaveChangesAsync();
            }
        }

        await using var check = services.CreateAsyncScope();
        var connection = check.ServiceProvider.GetRequiredService<BackCareDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM audit_events WHERE resource_type IN ('ByWriter', 'BySave') ORDER BY id";
        var rows = new List<Dictionary<string, object>>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount)
                    .Where(i => reader.GetName(i) is not ("id" or "resource_type"))
                    .ToDictionary(reader.GetName, reader.GetValue));
            }
        }

        rows.Count.ShouldBe(4);
        for (var i = 0; i < twins.Length; i++)
        {
            var (byWriter, bySave) = (rows[2 * i], rows[(2 * i) + 1]);
            byWriter.Keys.ShouldBe(bySave.Keys);
            foreach (var column in bySave.Keys)
            {
                (byWriter[column], byWriter[column].GetType()).ShouldBe((bySave[column], bySave[column].GetType()), column);
            }
        }

        rows[0].Values.ShouldContain(twins[0].Actor.RemoteAddress!, "the row is the event's, not an empty one");
    }

    private async Task<ServiceProvider> StartAsync()
    {
        var database = await target.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddScoped<IAuditActorAccessor>(_ => new FixedAuditActorAccessor(AuditActor.System));
        services.AddBackCareStorage(database.Options);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await provider.InitializeBackCareStorageAsync();
        return provider;
    }
}

public sealed class SqliteAuditWriterTests(SqliteTarget target) : AuditWriterSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresAuditWriterTests(PostgresTarget target) : AuditWriterSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
