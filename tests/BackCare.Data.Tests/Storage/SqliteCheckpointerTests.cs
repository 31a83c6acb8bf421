using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// SQLite's write-ahead log is copied back into the database file in the background, not in a writer's commit. The
/// database file only grows when a checkpoint copies pages into it, so its length says whether one happened.
/// </summary>
public sealed class SqliteCheckpointerTests(SqliteTarget target) : IClassFixture<SqliteTarget>
{
    /// <summary>Enough events to take the log well past SQLite's own threshold of 1,000 pages (4 MB).</summary>
    private const int ManyEvents = 30_000;

    [Fact]
    public async Task Given_the_checkpointer_running_When_the_audit_writer_commits_a_little_Then_the_log_is_copied_back_without_waiting_for_1000_pages()
    {
        var (services, file) = await StartAsync();
        await using (services)
        {
            var checkpointer = services.GetRequiredService<SqliteCheckpointer>();
            await checkpointer.StartAsync(CancellationToken.None);
            await WaitUntilAsync(() => checkpointer.Running, "the checkpointer starts");
            var before = new FileInfo(file).Length;

            // About 100 pages: far below the 1,000 at which a commit would copy the log back itself.
            await WriteEventsAsync(services, 1_000);
            var rounds = checkpointer.Rounds;
            await WaitUntilAsync(() => checkpointer.Rounds >= rounds + 2, "two more rounds");

            new FileInfo(file).Length.ShouldBeGreaterThan(before, "the events were copied into the database file");
            await checkpointer.StopAsync(CancellationToken.None);
            checkpointer.Running.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Given_the_writer_connected_while_the_checkpointer_ran_When_it_commits_past_1000_pages_Then_it_leaves_the_copy_to_the_checkpointer()
    {
        var (services, file) = await StartAsync();
        await using (services)
        {
            var checkpointer = services.GetRequiredService<SqliteCheckpointer>();
            await checkpointer.StartAsync(CancellationToken.None);
            await WaitUntilAsync(() => checkpointer.Running, "the checkpointer starts");
            await WriteEventsAsync(services, 1);

            // With the checkpointer stopped, nothing copies the log: not the writer, whose commits no longer do.
            await checkpointer.StopAsync(CancellationToken.None);
            var before = new FileInfo(file).Length;
            await WriteEventsAsync(services, ManyEvents);

            new FileInfo(file).Length.ShouldBe(before, "the writer's commits made no checkpoint");
            new FileInfo(file + "-wal").Length.ShouldBeGreaterThan(1_000 * 4_096, "the events are all in the log");
        }
    }

    [Fact]
    public async Task Given_no_checkpointer_running_When_the_writer_commits_past_1000_pages_Then_its_commits_copy_the_log_back_as_SQLite_does_by_default()
    {
        var (services, file) = await StartAsync();
        await using (services)
        {
            var before = new FileInfo(file).Length;
            await WriteEventsAsync(services, ManyEvents);

            new FileInfo(file).Length.ShouldBeGreaterThan(before, "a host without the checkpointer still checkpoints");
        }
    }

    private async Task<(ServiceProvider Services, string File)> StartAsync()
    {
        var database = await target.CreateDatabaseAsync();
        var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        var file = new SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
        return (services, file);
    }

    /// <summary>Writes the events through the audit writer, in batches of 500, as reads under load do.</summary>
    private static async Task WriteEventsAsync(IServiceProvider services, int count)
    {
        var person = await Samples.RegisterAsync(services);
        var writer = services.GetRequiredService<AuditWriter>();
        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += 500)
        {
            var events = Enumerable.Range(start, Math.Min(500, count - start))
                .Select(i => new AuditEvent(now, AuditActor.System, AuditAction.Read, person.Id, "DiaryEntry", $"entry-{i}-{Guid.NewGuid():N}"))
                .ToList();
            await writer.WriteAsync(events);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waited 30 s for {what}");
            await Task.Delay(50);
        }
    }
}
