using System.Collections.Concurrent;
using BackCare.Cli;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BackCare.Data.Tests.Cli;

/// <summary><c>backcare backup</c> and <c>backcare restore</c> on every provider, the backup taken while diary entries are being written.</summary>
public abstract class BackupRestoreSuite(StorageTarget target, ITestOutputHelper log) : IDisposable
{
    private static readonly AuditActor Patient = new(Guid.Parse("3e9b7c21-5d4a-4f1e-8b6c-0a2d4e6f8b10"), "198.51.100.23");

    private readonly string folder = Directory.CreateTempSubdirectory("backcare-backup-").FullName;

    public void Dispose()
    {
        target.ClearConnectionPools();
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [StorageFact]
    public async Task Given_diary_entries_being_written_When_a_backup_is_taken_and_restored_into_a_fresh_database_Then_every_entry_acknowledged_before_it_began_is_there_with_its_audit_event()
    {
        var source = await target.CreateDatabaseAsync();
        await using var services = await StartAsync(source);
        var owners = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await Samples.RegisterAsync(services)).Id);
        }

        var writer = services.GetRequiredService<DiaryWriter>();
        var acknowledged = new ConcurrentQueue<Guid>();
        var written = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var entry = new DiaryEntry(owners[(w + n) % owners.Count], Samples.Diary(painScore: n % 11) with { Notes = $"writer {w}, entry {n}" }, Samples.Reassessment());
                written.Enqueue(entry.Id);
                await writer.WriteAsync(entry, Patient);
                acknowledged.Enqueue(entry.Id);
            }
        })).ToList();
        await WhenAcknowledgedAsync(acknowledged, 300, load);

        var file = Path.Combine(folder, "backcare.backup");
        var before = acknowledged.ToArray();
        var backup = await RunAsync(o => BackupCommand.BackupAsync(file, force: false, Provider, source.Options.ConnectionString, o.Output, o.Error, default));
        var during = acknowledged.Count - before.Length;

        // The load goes on after the backup too, so it was under way for the whole of it.
        await WhenAcknowledgedAsync(acknowledged, acknowledged.Count + 50, load);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        log.WriteLine($"{before.Length} entries acknowledged before the backup began, {during} while it ran, {acknowledged.Count} in all.");

        backup.ExitCode.ShouldBe(0, backup.Error);
        backup.Output.ShouldContain($"Backed up to {file} (");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "a backup holds health data: its owner's only");
        }

        Directory.GetFiles(folder).ShouldBe([file], "nothing half-written is left beside it");

        var fresh = await target.CreateDatabaseAsync();
        var restore = await RunAsync(o => BackupCommand.RestoreAsync(file, force: false, Provider, fresh.Options.ConnectionString, o.Output, o.Error, default));
        restore.ExitCode.ShouldBe(0, restore.Error);

        await using var restored = fresh.BuildServices();
        await using var scope = restored.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var entries = (await db.DiaryEntries.AsNoTracking().Select(e => e.Id).ToListAsync()).ToHashSet();
        before.Where(id => !entries.Contains(id)).ShouldBeEmpty("every entry acknowledged before the backup began is in it");
        entries.ShouldBeSubsetOf(written, "nothing but what was written");
        var audited = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ResourceType == nameof(DiaryEntry) && e.Action == AuditAction.Create)
            .Select(e => e.ResourceId).ToListAsync();
        audited.Order().ShouldBe(entries.Select(id => id.ToString()).Order(), "an entry and its audit event, committed together, are copied together");
        (await db.Accounts.CountAsync()).ShouldBe(owners.Count);
    }

    [StorageFact]
    public async Task Given_a_database_a_server_has_open_When_restored_without_force_Then_it_is_refused_as_in_use_and_keeps_its_entries()
    {
        var source = await target.CreateDatabaseAsync();
        var file = Path.Combine(folder, "empty.backup");
        await using (var first = await StartAsync(source))
        {
            (await RunAsync(o => BackupCommand.BackupAsync(file, false, Provider, source.Options.ConnectionString, o.Output, o.Error, default))).ExitCode.ShouldBe(0);
        }

        await using var server = await StartAsync(source);
        var owner = await Samples.RegisterAsync(server);
        var entry = new DiaryEntry(owner.Id, Samples.Diary(), Samples.Reassessment());
        await server.GetRequiredService<DiaryWriter>().WriteAsync(entry, Patient);

        var refused = await RunAsync(o => BackupCommand.RestoreAsync(file, force: false, Provider, source.Options.ConnectionString, o.Output, o.Error, default));

        refused.ExitCode.ShouldBe(BackupCommand.Failed);
        refused.Error.ShouldContain("is in use");
        refused.Error.ShouldContain("--force");
        await using var scope = server.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().DiaryEntries.AnyAsync(e => e.Id == entry.Id)).ShouldBeTrue();
    }

    [StorageFact]
    public async Task Given_a_missing_file_or_one_that_is_no_backup_When_restored_Then_each_fails_saying_why_and_nothing_changes()
    {
        var database = await target.CreateDatabaseAsync();
        var missing = Path.Combine(folder, "no-such.backup");
        var junk = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(junk, "these are not the pages you are looking for\n");

        var noFile = await RunAsync(o => BackupCommand.RestoreAsync(missing, false, Provider, database.Options.ConnectionString, o.Output, o.Error, default));
        var notBackup = await RunAsync(o => BackupCommand.RestoreAsync(junk, false, Provider, database.Options.ConnectionString, o.Output, o.Error, default));

        noFile.ExitCode.ShouldBe(BackupCommand.Failed);
        noFile.Error.ShouldBe($"backcare restore: There is no file '{missing}'. Nothing was changed.\n");
        notBackup.ExitCode.ShouldBe(BackupCommand.Failed);
        notBackup.Error.ShouldStartWith($"backcare restore: '{junk}' is not a ");
        (await target.ReadTablesAsync(database.Options)).ShouldBeEmpty("a refused restore makes nothing");
    }

    [StorageFact]
    public async Task Given_a_backup_file_that_exists_When_backed_up_to_it_again_Then_it_is_refused_unless_forced()
    {
        var database = await target.CreateDatabaseAsync();
        await using var _ = await StartAsync(database);
        var file = Path.Combine(folder, "taken.backup");
        await File.WriteAllTextAsync(file, "an older backup");

        var refused = await RunAsync(o => BackupCommand.BackupAsync(file, false, Provider, database.Options.ConnectionString, o.Output, o.Error, default));
        (await File.ReadAllTextAsync(file)).ShouldBe("an older backup");
        var forced = await RunAsync(o => BackupCommand.BackupAsync(file, true, Provider, database.Options.ConnectionString, o.Output, o.Error, default));

        refused.ExitCode.ShouldBe(BackupCommand.Failed);
        refused.Error.ShouldContain("already exists");
        forced.ExitCode.ShouldBe(0, forced.Error);
        new FileInfo(file).Length.ShouldBeGreaterThan(100);
    }

    private string Provider => target.Provider.ToString();

    private static async Task<ServiceProvider> StartAsync(TestDatabase database)
    {
        var services = database.BuildServices();
        await services.InitializeBackCareStorageAsync();
        return services;
    }

    /// <summary>Waits until <paramref name="count"/> entries are acknowledged (or a writer fails, which fails the test).</summary>
    private static async Task WhenAcknowledgedAsync(ConcurrentQueue<Guid> acknowledged, int count, List<Task> load)
    {
        while (acknowledged.Count < count)
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed;
            }

            await Task.Delay(5);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<(StringWriter Output, StringWriter Error), Task<int>> command)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await command((output, error));
        return (exitCode, output.ToString(), error.ToString());
    }
}

public sealed class SqliteBackupRestoreTests(SqliteTarget target, ITestOutputHelper log) : BackupRestoreSuite(target, log), IClassFixture<SqliteTarget>;

public sealed class PostgresBackupRestoreTests(PostgresTarget target, ITestOutputHelper log)
    : BackupRestoreSuite(target, log), IClassFixture<PostgresTarget>, INeedPostgres;
