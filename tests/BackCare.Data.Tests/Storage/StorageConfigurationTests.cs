using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

public sealed class StorageConfigurationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backcare-config-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("Host=db;Database=backcare;Username=u;Password=p", 32)]
    [InlineData("Host=db;Database=backcare;Username=u;Password=p;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=backcare;Username=u;Password=p;maxautoprepare=8", 8)]
    public void Given_a_PostgreSQL_connection_string_When_the_context_is_made_Then_statements_are_prepared_unless_it_says_otherwise(
        string connectionString, int expected)
    {
        using var services = new ServiceCollection()
            .AddBackCareStorage(new StorageOptions(StorageProvider.Postgres, connectionString))
            .BuildServiceProvider();
        using var scope = services.CreateScope();

        var opened = new Npgsql.NpgsqlConnectionStringBuilder(
            scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Database.GetConnectionString());

        opened.MaxAutoPrepare.ShouldBe(expected);
        opened.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("SqlServer")]
    [InlineData("1")]
    public void Given_an_unknown_provider_When_storage_is_added_Then_it_fails_at_once_naming_the_setting_and_the_value(string provider)
    {
        var configuration = Configuration(("Database:Provider", provider));

        var ex = Should.Throw<StorageConfigurationException>(() => new ServiceCollection().AddBackCareStorage(configuration));

        ex.Message.ShouldBe($"Database:Provider must be Sqlite or Postgres, got '{provider}'.");
    }

    [Theory]
    [InlineData(null, StorageProvider.Sqlite)]
    [InlineData("", StorageProvider.Sqlite)]
    [InlineData("sqlite", StorageProvider.Sqlite)]
    [InlineData("Postgres", StorageProvider.Postgres)]
    [InlineData(" postgres ", StorageProvider.Postgres)]
    public void Given_a_provider_setting_When_read_Then_it_names_the_provider(string? setting, StorageProvider expected)
    {
        var options = StorageOptions.FromConfiguration(Configuration(
            ("Database:Provider", setting), ("ConnectionStrings:BackCare", "Host=db.example;Database=backcare")));

        options.Provider.ShouldBe(expected);
    }

    [Fact]
    public void Given_no_settings_When_read_Then_storage_is_a_SQLite_file_under_the_data_folder()
    {
        var options = StorageOptions.FromConfiguration(Configuration());

        options.ShouldBe(new StorageOptions(StorageProvider.Sqlite, "Data Source=data/backcare.db"));
        options.SqliteFilePath().ShouldBe(Path.GetFullPath("data/backcare.db"));
    }

    [Fact]
    public void Given_Postgres_without_a_connection_string_When_read_Then_it_says_which_setting_is_missing()
    {
        var ex = Should.Throw<StorageConfigurationException>(() => StorageOptions.FromConfiguration(Configuration(("Database:Provider", "Postgres"))));

        ex.Message.ShouldBe("ConnectionStrings:BackCare is required when Database:Provider is Postgres.");
    }

    [Fact]
    public void Given_options_with_a_password_When_written_as_text_Then_the_password_is_not_in_it()
    {
        var options = new StorageOptions(StorageProvider.Postgres, "Host=db.clinic.example;Port=5433;Username=clinic;Password=s3cret-Passw0rd;Database=backcare");

        options.ToString().ShouldBe("Postgres: the PostgreSQL database 'backcare' on db.clinic.example:5433 as 'clinic'");
    }

    [Fact]
    public async Task Given_a_PostgreSQL_server_nobody_listens_for_When_storage_starts_Then_the_error_names_the_host_and_never_the_password()
    {
        var options = new StorageOptions(StorageProvider.Postgres, "Host=127.0.0.1;Port=1;Username=clinic;Password=s3cret-Passw0rd;Database=backcare;Timeout=3");
        await using var services = new ServiceCollection().AddBackCareStorage(options).BuildServiceProvider();

        var ex = await Should.ThrowAsync<StorageConfigurationException>(() => services.InitializeBackCareStorageAsync());

        ex.Message.ShouldStartWith("Cannot open the PostgreSQL database 'backcare' on 127.0.0.1:1 as 'clinic': ");
        ex.Message.ShouldNotContain("s3cret-Passw0rd");
    }

    [Fact]
    public async Task Given_a_SQLite_file_whose_folder_cannot_be_made_When_storage_starts_Then_the_error_names_the_file()
    {
        var blocker = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the data folder should be");
        var file = Path.Combine(blocker, "backcare.db");
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, $"Data Source={file}")).BuildServiceProvider();

        var ex = await Should.ThrowAsync<StorageConfigurationException>(() => services.InitializeBackCareStorageAsync());

        ex.Message.ShouldStartWith($"Cannot open the SQLite file '{file}': ");
    }

    [Fact]
    public async Task Given_a_file_that_is_not_a_database_When_storage_starts_Then_the_error_names_the_file_and_says_so()
    {
        var file = Path.Combine(folder, "notes.db");
        await File.WriteAllTextAsync(file, "these are not the pages of a database, just words in a file that is long enough");
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, $"Data Source={file}")).BuildServiceProvider();

        var ex = await Should.ThrowAsync<StorageConfigurationException>(() => services.InitializeBackCareStorageAsync());

        ex.Message.ShouldBe($"Cannot open the SQLite file '{file}': SQLite Error 26: 'file is not a database'.");
    }

    [Fact]
    public async Task Given_a_SQLite_file_in_a_folder_that_does_not_exist_yet_When_storage_starts_Then_the_folder_is_made_and_the_file_is_in_WAL_mode_with_full_sync()
    {
        var file = Path.Combine(folder, "data", "nested", "backcare.db");
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, $"Data Source={file}")).BuildServiceProvider();

        await services.InitializeBackCareStorageAsync();

        File.Exists(file).ShouldBeTrue();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        await db.Database.OpenConnectionAsync();
        (await Scalar(db, "PRAGMA journal_mode")).ShouldBe("wal");
        (await Scalar(db, "PRAGMA synchronous")).ShouldBe("2", "2 is FULL: a commit is on disk before it returns");
        (await Scalar(db, "PRAGMA foreign_keys")).ShouldBe("1");
    }

    /// <summary>The settings are made once for each of SQLite's connections, which the pool keeps: every later open must still have them.</summary>
    [Fact]
    public async Task Given_SQLite_connections_reused_from_the_pool_When_opened_again_and_side_by_side_Then_each_open_has_full_sync_foreign_keys_secure_delete_and_the_function()
    {
        var file = Path.Combine(folder, "pooled.db");
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, $"Data Source={file}")).BuildServiceProvider();
        await services.InitializeBackCareStorageAsync();

        var handles = new List<object>();
        for (var round = 0; round < 3; round++)
        {
            await using var first = services.CreateAsyncScope();
            await using var second = services.CreateAsyncScope();
            foreach (var db in new[] { first, second }.Select(s => s.ServiceProvider.GetRequiredService<BackCareDbContext>()))
            {
                await db.Database.OpenConnectionAsync();
                handles.Add(((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle!);
                (await Scalar(db, "PRAGMA synchronous")).ShouldBe("2", $"round {round}");
                (await Scalar(db, "PRAGMA foreign_keys")).ShouldBe("1", $"round {round}");
                (await Scalar(db, "PRAGMA secure_delete")).ShouldBe("1", $"round {round}");
                (await Scalar(db, "SELECT length(backcare_sha256('x'))")).ShouldBe("32", $"round {round}");
            }
        }

        handles.Distinct().Count().ShouldBeLessThan(handles.Count, "the pool handed a connection out again, so the once-only path ran");
    }

    private static async Task<string?> Scalar(BackCareDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
