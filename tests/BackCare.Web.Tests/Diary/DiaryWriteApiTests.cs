using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackCare.Data;
using BackCare.Web.Tests.Accounts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Diary;

/// <summary>POST /api/diary through the group-commit writer: many at once, and when the database fails.</summary>
public sealed class DiaryWriteApiTests
{
    private const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";

    [Fact]
    public async Task Given_many_clients_writing_at_once_When_each_is_answered_201_Then_each_answer_id_is_a_stored_entry_with_that_clients_words()
    {
        using var factory = new BackCareFactory();
        var people = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await WithBaseline(factory));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(n => Task.Run(async () =>
        {
            var notes = $"writer {n}";
            using var response = await people[n % people.Count].PostAsJsonAsync("/api/diary", new { painScore = n % 11, spasms = n % 4, notes });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (Person: n % people.Count, Id: body.RootElement.GetProperty("id").GetString()!, Notes: notes, Pain: n % 11);
        })));

        for (var p = 0; p < people.Count; p++)
        {
            using var list = await people[p].GetAsync("/api/diary");
            using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
            var stored = body.RootElement.EnumerateArray().ToDictionary(
                e => e.GetProperty("id").GetString()!, e => (e.GetProperty("notes").GetString(), e.GetProperty("painScore").GetInt32()));
            var mine = answers.Where(a => a.Person == p).ToList();
            stored.Count.ShouldBe(mine.Count);
            foreach (var answer in mine)
            {
                stored[answer.Id].ShouldBe((answer.Notes, answer.Pain));
            }
        }

        foreach (var person in people)
        {
            person.Dispose();
        }
    }

    [Fact]
    public async Task Given_the_database_failing_to_commit_When_writing_the_diary_Then_503_problem_and_nothing_kept_and_it_works_again_after()
    {
        var failure = new CommitFailure();
        using var factory = new BackCareFactory();
        using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<BackCareDbContext>(options => options.AddInterceptors(failure))));
        var email = Accounts.Accounts.NewEmail();
        using var client = failing.CreateClient();
        using (var registered = await Accounts.Accounts.Register(client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var person = await SignIn(failing, email);
        using (var saved = await person.PostAsync("/api/assessments", new StringContent(Baseline, Encoding.UTF8, "application/json")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        failure.FailCommits = true;
        using var refused = await person.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 1, notes = "lost?" });
        failure.FailCommits = false;

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("title").GetString().ShouldBe("Your diary entry was not saved");
        }

        using var accepted = await person.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 1, notes = "kept" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var list = await person.GetAsync("/api/diary");
        using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        body.RootElement.EnumerateArray().Select(e => e.GetProperty("notes").GetString()).ShouldBe(["kept"]);
    }

    private static async Task<HttpClient> WithBaseline(BackCareFactory factory)
    {
        var client = await Accounts.Accounts.SignedInClient(factory);
        using var saved = await Accounts.Accounts.PostCase(client, Baseline);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    private static async Task<HttpClient> SignIn(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string email)
    {
        var client = factory.CreateClient();
        using var login = await Accounts.Accounts.Login(client, email);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Makes every commit fail while switched on, as a full disk or a lost database connection would.</summary>
    private sealed class CommitFailure : DbTransactionInterceptor
    {
        public volatile bool FailCommits;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            FailCommits ? throw new IOException("disk full (simulated)") : ValueTask.FromResult(result);

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            FailCommits ? throw new IOException("disk full (simulated)") : result;
    }
}
