using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using BackCare.Web.Tests.Accounts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Recovery;

/// <summary>A clock the test moves by hand, standing in for the host's TimeProvider.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The recovery pages over weeks, on a host whose clock the test moves day by day.</summary>
public sealed class RecoveryOverTimeTests : IDisposable
{
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";
    private const int Budget = 60 * 1024;

    private readonly BackCareFactory _database = new();
    private readonly ManualClock _clock = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host;

    public RecoveryOverTimeTests()
    {
        _host = _database.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
    }

    [Fact]
    public async Task Given_three_weeks_of_diary_When_today_is_opened_each_day_Then_steps_change_with_the_days_the_screen_is_due_again_at_two_weeks_and_the_trend_grows()
    {
        using var browser = new Browser(_host);
        var email = Accounts.Accounts.NewEmail();
        await browser.SignUp(email);
        using (var saved = await browser.Client.PostAsync("/api/assessments", new StringContent(SimpleSpasm, Encoding.UTF8, "application/json")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await AnswerLowRiskScreen(browser);
        for (var day = 0; day < 21; day++)
        {
            if (day > 0)
            {
                _clock.Advance(TimeSpan.FromDays(1));
                await browser.SignIn(email);
            }

            await browser.Open("/diary/new");
            await browser.Submit([Field("pain", (7 - (day / 3)).ToString(System.Globalization.CultureInfo.InvariantCulture)), Field("spasms", "1"), Field("walk", "limited")], "main form");
            browser.Address.ShouldBe("/diary/saved");
            await browser.Open("/today");
            var steps = browser.Document.QuerySelectorAll("form.checklist input[name=done]").Select(i => i.GetAttribute("value")).ToList();
            var screenReminder = browser.Document.QuerySelector("a[href='/risk']") is not null;
            switch (day)
            {
                case 0:
                    steps.ShouldContain("cold-first");
                    steps.ShouldNotContain("heat");
                    screenReminder.ShouldBeFalse();
                    break;
                case 2:
                    steps.ShouldContain("heat", "the pain began three days ago");
                    steps.ShouldNotContain("cold-first");
                    break;
                case 13:
                    screenReminder.ShouldBeFalse();
                    break;
                case 14:
                    screenReminder.ShouldBeTrue("the screen is asked again two weeks after the first");
                    steps.ShouldContain("risk-screen-again");
                    break;
            }

            browser.Text.ShouldContain($"started {day + 1} day");
            browser.Document.QuerySelectorAll(".trend-table tbody tr").Length.ShouldBe(day + 1);
        }

        browser.Document.QuerySelectorAll("svg.trend circle").Length.ShouldBe(21);
        browser.Document.QuerySelectorAll("svg.trend rect").Length.ShouldBe(21);
        var lastRow = browser.Document.QuerySelectorAll(".trend-table tbody tr")[^1].QuerySelectorAll("th, td").Select(c => c.TextContent).ToList();
        lastRow.ShouldBe(["21", "1", "1"]);

        var bytes = await WireBytes(browser.Client, "/today");
        Console.WriteLine($"/today with three weeks of diary: {bytes} bytes over the wire with its stylesheet and script");
        bytes.ShouldBeLessThanOrEqualTo(Budget);
    }

    public void Dispose()
    {
        _host.Dispose();
        _database.Dispose();
    }

    private static async Task AnswerLowRiskScreen(Browser browser)
    {
        await browser.Open("/risk/question/1");
        foreach (var answer in new[] { "no", "no", "no", "no", "no", "no", "no", "no", "0" })
        {
            await browser.Submit([Field("answer", answer)], "main form");
        }

        browser.Address.ShouldStartWith("/risk/result/");
    }

    /// <summary>The page and everything it references, compressed as a browser would receive them, with headers.</summary>
    private static async Task<long> WireBytes(HttpClient client, string path)
    {
        var (total, html) = await Fetch(client, path);
        var document = new HtmlParser().ParseDocument(html);
        foreach (var asset in document.QuerySelectorAll("link[rel=stylesheet][href], script[src], img[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).Distinct())
        {
            total += (await Fetch(client, asset)).Bytes;
        }

        return total;
    }

    private static async Task<(long Bytes, string Text)> Fetch(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length));
        var text = response.Content.Headers.ContentEncoding.Count == 0 ? Encoding.UTF8.GetString(body) : await client.GetStringAsync(path);
        return (body.Length + headers + 20, text);
    }

    private static KeyValuePair<string, string> Field(string name, string value) => KeyValuePair.Create(name, value);
}
