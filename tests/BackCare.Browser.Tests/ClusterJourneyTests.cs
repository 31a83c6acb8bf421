using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// Issue 16 through a real load balancer: three instances on one PostgreSQL behind nginx with TLS
/// (deploy/local-cluster.sh). A person checks, signs up, books from their result and writes the diary, and the clinician
/// finds them on the worklist, with consecutive pages served by different instances (nginx's X-BackCare-Upstream).
/// Between the booking and the diary, API users write a few hundred diary entries through nginx while the instance that
/// leads the background work is killed with SIGKILL: every acknowledged entry is in PostgreSQL, and the journey goes on
/// on the other two. A diary nudge due during the run, scheduled by whichever instance leads and sent by any, arrives once.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class ClusterJourneyTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const string Password = "a long enough password";
    private const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";
    private const string Upstream = "x-backcare-upstream";
    private const int LoadAccounts = 4;
    private const int LoadWriters = 8;
    private const int EntriesBeforeKill = 150;
    private const int EntriesAfterKill = 150;

    private readonly string _person = $"Quinn Cluster {Guid.NewGuid().ToString("N")[..6]}";

    [ClusterFact]
    public async Task Given_three_instances_behind_nginx_When_a_person_books_and_writes_the_diary_while_the_leader_is_killed_during_a_diary_load_Then_no_acknowledged_entry_is_lost_the_journey_goes_on_and_the_nudge_is_sent_once()
    {
        try
        {
            await WalkAsync();
        }
        catch (Exception) when (Dump())
        {
            throw;
        }
    }

    private async Task WalkAsync()
    {
        var nudged = $"nudge-{Guid.NewGuid():N}@example.org";
        await SomeoneAsksForTheDiaryNudgeAsync(nudged);

        var page = await cluster.NewPhonePage();
        var answeredBy = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue(Upstream, out var instance))
            {
                lock (answeredBy)
                {
                    answeredBy.Add(instance);
                }
            }
        };

        await BookingJourneyTests.DoUrgentCheck(page);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("See a doctor today");
        await page.ShouldBeAccessible("cluster-1-result", output);
        await page.TabTo("e.tagName === 'A' && !!e.closest('section.book-visit ul.slots')", "the first time to book");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in");
        await page.FollowLink("Create an account");
        var email = $"quinn-{Guid.NewGuid():N}@example.org";
        await page.FillAsync("#displayName", _person);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.PressSubmit("the Create account button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.TabTo("e.tagName === 'A' && e.classList.contains('button') && !!e.closest('main')", "the Sign in link");
        await page.PressAndWaitForNextPage("Enter");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.PressSubmit("the Sign in button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check and book");
        await page.PressSubmit("the Book this visit button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your visit is booked");
        await page.ShouldBeAccessible("cluster-2-visit-booked", output);

        var killed = await DiaryLoadWhileTheLeaderIsKilledAsync();
        int pagesBeforeKill;
        lock (answeredBy)
        {
            pagesBeforeKill = answeredBy.Count;
        }

        await page.GotoAsync("/diary/new");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Today's diary");
        await page.FillAsync("#pain", "5");
        await page.FillAsync("#spasms", "2");
        await page.TabTo("e.tagName === 'BUTTON' && !!e.closest('.diary-required')", "the first Save button");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/diary/saved");
        await page.ShouldBeAccessible("cluster-3-diary-saved", output);

        var clinic = await cluster.NewLaptopPage();
        await clinic.SignInWithTwoSteps(LocalCluster.ClinicianEmail, DemoClinician.Password);
        await clinic.GotoAsync("/clinic");
        (await clinic.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: Example Valley Back Clinic");
        var row = clinic.Locator("table.worklist tbody tr", new() { HasText = _person });
        (await row.CountAsync()).ShouldBe(1, "the person who booked is on the worklist");
        (await row.InnerTextAsync()).ShouldContain("Urgent: today");
        await clinic.ShouldBeAccessible("cluster-4-worklist", output);

        List<string> pages;
        lock (answeredBy)
        {
            pages = [.. answeredBy];
        }

        output.WriteLine($"the person's pages were answered by: {string.Join(" | ", pages)}");
        var instances = pages.Select(LastTried).ToList();
        instances.ShouldAllBe(i => cluster.Instances.Contains(i), "every page was answered by one of the three instances");
        instances.Distinct().Count().ShouldBeGreaterThanOrEqualTo(2, "the journey's pages were spread over the instances");
        instances.Zip(instances.Skip(1)).Count(pair => pair.First != pair.Second)
            .ShouldBeGreaterThanOrEqualTo(1, "at least once, a page and the next one came from different instances");
        var afterKill = instances.Skip(pagesBeforeKill).ToList();
        afterKill.Count.ShouldBeGreaterThan(0);
        afterKill.ShouldNotContain(cluster.Instances[killed - 1], "after the kill the person's pages came from the two living instances");

        await TheNudgeIsSentOnceAsync(nudged);
    }

    /// <summary>
    /// Someone with a confirmed address asks for the evening diary nudge, before it is due: the leader puts it in the
    /// outbox and one of the instances sends it.
    /// </summary>
    private async Task SomeoneAsksForTheDiaryNudgeAsync(string email)
    {
        var page = await cluster.NewPhonePage();
        await page.GotoAsync("/account/sign-up");
        await page.FillAsync("#displayName", "Nia Nudge");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.PressSubmit("the Create account button");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");

        var confirmation = await new PickupMail(cluster.MailFolder).OneAsync(email, "Please confirm your email address");
        var link = LinkIn(confirmation, "/account/confirm");
        link.GetLeftPart(UriPartial.Authority).ShouldBe(cluster.BaseAddress.GetLeftPart(UriPartial.Authority), "links are made for nginx's https address");
        await page.GotoAsync(link.PathAndQuery);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.PressSubmit("the Sign in button");
        await page.GotoAsync("/account/emails");
        await page.Locator("#diary-nudge").CheckAsync();
        await page.PressSubmit("the Save button");
        (await page.Locator("#diary-nudge").IsCheckedAsync()).ShouldBeTrue();
        await page.Context.CloseAsync();

        output.WriteLine($"the cluster started in {cluster.StartTook.TotalSeconds:0} s; the nudge person was ready {(cluster.NudgeDueUtc - DateTime.UtcNow).TotalSeconds:0} s before the nudge fell due");
        DateTime.UtcNow.ShouldBeLessThan(cluster.NudgeDueUtc.AddSeconds(-5),
            $"the nudge person was ready before the nudge fell due at {cluster.NudgeDueUtc:HH:mm}; the cluster was slow to start");
    }

    /// <summary>
    /// Writers post diary entries through nginx; once <see cref="EntriesBeforeKill"/> are acknowledged the leading
    /// instance gets SIGKILL, and the writers go on until <see cref="EntriesAfterKill"/> more are. Returns the instance killed.
    /// </summary>
    private async Task<int> DiaryLoadWhileTheLeaderIsKilledAsync()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < LoadAccounts; i++)
        {
            clients.Add(await SignUpWithBaselineAsync($"load-{i}-{Guid.NewGuid():N}@example.org"));
        }

        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var refused = new ConcurrentBag<string>();
        var killedAt = int.MaxValue;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, LoadWriters).Select(w => Task.Run(async () =>
        {
            var client = clients[w % LoadAccounts];
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/diary", new { painScore = n % 11, spasms = w % 6, notes = $"writer {w}, entry {n}" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        acknowledged[body.RootElement.GetProperty("id").GetGuid()] = string.Join(",", response.Headers.GetValues(Upstream));
                    }
                    else
                    {
                        refused.Add($"{(int)response.StatusCode} from {string.Join(",", response.Headers.TryGetValues(Upstream, out var by) ? by : ["nginx"])}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    refused.Add(e.GetType().Name);
                }
            }
        })).ToArray();

        var leader = cluster.Leader();
        try
        {
            await UntilAsync(() => acknowledged.Count >= EntriesBeforeKill, TimeSpan.FromSeconds(90), "entries acknowledged before the kill");
            cluster.Kill(leader);
            killedAt = acknowledged.Count;
            await UntilAsync(() => acknowledged.Count >= killedAt + EntriesAfterKill, TimeSpan.FromSeconds(90), "entries acknowledged after the kill");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        var killedAddress = cluster.Instances[leader - 1];
        output.WriteLine($"diary load: {acknowledged.Count} acknowledged, {killedAt} before instance {leader} ({killedAddress}) was killed; " +
            $"not acknowledged: {refused.Count} ({string.Join(", ", refused.GroupBy(r => r).Select(g => $"{g.Count()} × {g.Key}"))})");
        acknowledged.Values.Count(by => LastTried(by) == killedAddress).ShouldBeGreaterThan(0, "the killed instance had been taking writes");

        await using var database = await cluster.OpenDatabaseAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM diary_entries WHERE id = ANY(@ids)", database);
        count.Parameters.AddWithValue("ids", acknowledged.Keys.ToArray());
        var stored = (long)(await count.ExecuteScalarAsync())!;
        stored.ShouldBe(acknowledged.Count, $"every acknowledged entry is in PostgreSQL after instance {leader} was killed");
        return leader;
    }

    /// <summary>The nudge went out once: one row for today's nudge, sent on the first attempt, and one email.</summary>
    private async Task TheNudgeIsSentOnceAsync(string email)
    {
        const string Nudge = "How is your back today?";
        var mail = new PickupMail(cluster.MailFolder);
        output.WriteLine($"the journey ended {(cluster.NudgeDueUtc - DateTime.UtcNow).TotalSeconds:0} s before the nudge fell due");
        await UntilAsync(
            () => mail.To(email).Any(m => m.Subject == Nudge),
            cluster.NudgeDueUtc - DateTime.UtcNow + TimeSpan.FromSeconds(60), $"the diary nudge due at {cluster.NudgeDueUtc:HH:mm:ss}");

        // Several polls of the two living senders later, still one.
        await Task.Delay(TimeSpan.FromSeconds(6));
        mail.To(email).Count(m => m.Subject == Nudge).ShouldBe(1, "the nudge was sent once, not once per instance");
        await using var database = await cluster.OpenDatabaseAsync();
        await using var rows = new NpgsqlCommand(
            """
            SELECT n.state, n.attempts FROM notification_outbox n JOIN accounts a ON a.id = n.account_id
            WHERE a.email = @email AND n.kind = 'DiaryNudge' AND n.due_utc = @due
            """, database);
        rows.Parameters.AddWithValue("email", email);
        rows.Parameters.AddWithValue("due", cluster.NudgeDueUtc);
        var found = new List<(string State, int Attempts)>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        found.ShouldHaveSingleItem("one nudge for today in the outbox").ShouldBe(("Sent", 1));
    }

    private async Task<HttpClient> SignUpWithBaselineAsync(string email)
    {
        var client = cluster.CreateHttpClient();
        (await client.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = "Lee Load" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var login = await client.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        using var saved = await client.PostAsync("/api/assessments", new StringContent(Baseline, Encoding.UTF8, "application/json"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    /// <summary>The instance that answered, of those nginx tried in turn ("127.0.0.1:24081, 127.0.0.1:24082").</summary>
    private static string LastTried(string upstreams) => upstreams.Split(',').Last().Trim();

    private static Uri LinkIn(MimeKit.MimeMessage message, string path)
    {
        var words = (message.TextBody ?? "").Split((char[])[' ', '\n', '\r', '<', '>', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return words.Where(w => w.StartsWith("https://", StringComparison.Ordinal)).Select(w => new Uri(w))
            .FirstOrDefault(u => u.AbsolutePath == path)
            .ShouldNotBeNull($"'{message.Subject}' links to {path}: {message.TextBody}");
    }

    private static async Task UntilAsync(Func<bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Waited {within.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The cluster's logs in the output of a failed run; false, so the exception goes on as it was.</summary>
    private bool Dump()
    {
        output.WriteLine(cluster.Logs());
        return false;
    }
}

/// <summary>One cluster for the class, run alone: its three servers, PostgreSQL and the load take both cores for a while.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestGroup : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
