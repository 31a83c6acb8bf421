using System.CommandLine;
using BackCare.Cli;
using BackCare.Data.Migrations;
using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;

namespace BackCare.Data.Tests.Cli;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backcare-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Given_a_new_SQLite_file_When_migrate_runs_twice_Then_the_first_run_applies_the_schema_and_the_second_changes_nothing()
    {
        var file = Path.Combine(folder, "data", "backcare.db");

        var first = Run("migrate", "--provider", "Sqlite", "--connection", $"Data Source={file}");
        var second = Run("migrate", "--provider", "sqlite", "--connection", $"Data Source={file}");

        var scripts = SchemaMigrator.ScriptsFor(StorageProvider.Sqlite).Select(s => s.Id).ToList();
        scripts.ShouldContain("0001_initial");
        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldBe($"Database: the SQLite file '{file}'\n" + string.Concat(scripts.Select(id => $"Applied {id}\n")));
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldBe($"Database: the SQLite file '{file}'\nAlready up to date: {scripts.Count} migration(s) applied before.\n");
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('accounts', 'diary_entries', 'audit_events')";
        command.ExecuteScalar().ShouldBe(3L);
    }

    [Fact]
    public void Given_an_unknown_provider_When_migrate_runs_Then_it_fails_with_the_reason_and_exit_code_2()
    {
        var result = Run("migrate", "--provider", "Oracle", "--connection", "Data Source=x.db");

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldBe("backcare migrate: Database:Provider must be Sqlite or Postgres, got 'Oracle'.\n");
    }

    [Fact]
    public void Given_a_database_file_that_cannot_be_made_When_migrate_runs_Then_it_fails_naming_the_file()
    {
        var blocker = Path.Combine(folder, "blocker");
        File.WriteAllText(blocker, "not a folder");
        var file = Path.Combine(blocker, "backcare.db");

        var result = Run("migrate", "--connection", $"Data Source={file}");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith($"backcare migrate: Cannot open the SQLite file '{file}': ");
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var root = new RootCommand { MigrateCommand.Create(output, error) };
        var exitCode = root.Parse(args).Invoke();
        return (exitCode, output.ToString(), error.ToString());
    }
}
