using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BackCare.Web.Tests.Diary;

/// <summary>
/// An acknowledged diary entry is on disk: several clients write while the server is killed with SIGKILL, and
/// after a restart on the same database every entry that was answered 201 is there, unchanged.
/// </summary>
public sealed class DiaryCrashTests
{
    private const string Password = "correct horse battery";
    private const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";
    private const int Accounts = 4;
    private const int Clients = 8;

    [Fact]
    public async Task Given_clients_writing_the_diary_on_SQLite_When_the_server_is_killed_with_SIGKILL_Then_every_acknowledged_entry_is_there_after_restart()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-crash-");
        try
        {
            await KillWhileWritingAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__BackCare"] = $"Data Source={Path.Combine(folder.FullName, "backcare.db")}",
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task Given_clients_writing_the_diary_on_PostgreSQL_When_the_server_is_killed_with_SIGKILL_Then_every_acknowledged_entry_is_there_after_restart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await KillWhileWritingAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__BackCare"] = connectionString,
            });
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task KillWhileWritingAsync(IReadOnlyDictionary<string, string> database)
    {
        var emails = Enumerable.Range(0, Accounts).Select(i => $"crash-{i}-{Guid.NewGuid():N}@example.org").ToArray();
        var acknowledged = new ConcurrentDictionary<Guid, Written>();
        var interrupted = 0;

        using (var server = await ServerProcess.StartAsync(database))
        {
            var clients = new List<HttpClient>();
            foreach (var email in emails)
            {
                clients.Add(await SignUpWithBaselineAsync(server, email));
            }

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                var client = clients[c % Accounts];
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var written = new Written(c % Accounts, n % 11, (c + n) % 6, $"client {c}, entry {n}: stiff, «heat» helped ✓");
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = written.Pain, spasms = written.Spasms, notes = written.Notes });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            acknowledged[body.RootElement.GetProperty("id").GetGuid()] = written;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The server is gone: this request was never acknowledged.
                        Interlocked.Increment(ref interrupted);
                        return;
                    }
                }
            })).ToArray();

            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            server.KillHard();
            await Task.WhenAll(writers);
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        acknowledged.Count.ShouldBeGreaterThan(0, "some entries were acknowledged before the kill");
        interrupted.ShouldBeGreaterThan(0, "the server was killed while clients were still writing");
        await AllThereAsync(database, emails, acknowledged, "after SIGKILL");

        // A normal stop and start keeps them too, along with what was written after the crash.
        using (var server = await ServerProcess.StartAsync(database))
        {
            for (var i = 0; i < Accounts; i++)
            {
                using var client = await SignInAsync(server, emails[i]);
                for (var n = 0; n < 5; n++)
                {
                    var written = new Written(i, n, 1, $"after the crash {n}");
                    using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = written.Pain, spasms = written.Spasms, notes = written.Notes });
                    response.StatusCode.ShouldBe(HttpStatusCode.Created);
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    acknowledged[body.RootElement.GetProperty("id").GetGuid()] = written;
                }
            }

            await server.StopAsync();
        }

        await AllThereAsync(database, emails, acknowledged, "after a normal restart");
    }

    private static async Task AllThereAsync(
        IReadOnlyDictionary<string, string> database, string[] emails, ConcurrentDictionary<Guid, Written> acknowledged, string when)
    {
        using var server = await ServerProcess.StartAsync(database);
        var stored = new Dictionary<Guid, Written>();
        for (var i = 0; i < emails.Length; i++)
        {
            using var client = await SignInAsync(server, emails[i]);
            using var list = await client.GetAsync("/api/diary");
            list.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
            foreach (var entry in body.RootElement.EnumerateArray())
            {
                stored[entry.GetProperty("id").GetGuid()] = new Written(
                    i, entry.GetProperty("painScore").GetInt32(), entry.GetProperty("spasms").GetInt32(), entry.GetProperty("notes").GetString()!);
            }
        }

        var missing = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
        missing.ShouldBeEmpty($"{missing.Count} of {acknowledged.Count} acknowledged entries are missing {when}");
        foreach (var (id, written) in acknowledged)
        {
            stored[id].ShouldBe(written, $"entry {id} {when}");
        }

        await server.StopAsync();
    }

    private static async Task<HttpClient> SignUpWithBaselineAsync(ServerProcess server, string email)
    {
        using (var anonymous = server.CreateClient())
        using (var registered = await anonymous.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = "Sam" }))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var client = await SignInAsync(server, email);
        using var saved = await client.PostAsync("/api/assessments", new StringContent(Baseline, Encoding.UTF8, "application/json"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    private static async Task<HttpClient> SignInAsync(ServerProcess server, string email)
    {
        var client = server.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, server.Output);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>What one acknowledged entry said, and whose it was.</summary>
    private sealed record Written(int Account, int Pain, int Spasms, string Notes);
}
