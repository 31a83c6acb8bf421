using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using BackCare.Web.Tests.Check;

namespace BackCare.Web.Tests.Hosting;

/// <summary>
/// Every patient page, with all it loads, must be 60 KB or less over the wire. The test fetches each page
/// and each stylesheet, script and image it references as a browser would (accepting brotli and gzip)
/// and adds up the compressed bodies and the response headers.
/// </summary>
public sealed class PageWeightTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const int Budget = 60 * 1024;

    [Fact]
    public async Task Given_the_main_pages_When_loaded_with_everything_they_reference_Then_each_is_60_KB_or_less_over_the_wire()
    {
        var pages = await MainPages();
        var report = new List<string>();
        foreach (var page in pages)
        {
            var bytes = await WireBytes(page);
            report.Add($"{page}: {bytes} bytes");
            bytes.ShouldBeLessThanOrEqualTo(Budget, string.Join("\n", report));
        }

        pages.Count.ShouldBeGreaterThanOrEqualTo(8);
        Console.WriteLine(string.Join("\n", report));
    }

    [Fact]
    public async Task Given_a_page_When_the_browser_accepts_brotli_Then_it_is_compressed()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await client.SendAsync(request);

        response.Content.Headers.ContentEncoding.ShouldContain("br");
    }

    private async Task<List<string>> MainPages()
    {
        var pages = new List<string> { "/", "/check", "/check/question/age", "/learn", "/exercises", "/search?q=back" };
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("34");
        await page.Submit("male");
        pages.Add(page.Address.PathAndQuery);
        while (page.Path.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var key = page.Path["/check/question/".Length..];
            await page.Submit(key switch
            {
                "trigger" => "lifting",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" or "pain_score" or "previous_episodes" or "self_care_days" => "2",
                _ => "no",
            });
        }

        pages.Add(page.Address.PathAndQuery);
        await page.FollowLink("See my advice");
        pages.Add(page.Address.PathAndQuery);
        await page.FollowLink("Print the plan");
        pages.Add(page.Address.PathAndQuery);

        using var client = factory.CreateClient();
        var parser = new HtmlParser();
        foreach (var index in new[] { "/learn", "/exercises" })
        {
            var document = parser.ParseDocument(await client.GetStringAsync(index));
            pages.AddRange(document.QuerySelectorAll(".cards a").Select(a => a.GetAttribute("href")!));
        }

        return pages;
    }

    private async Task<long> WireBytes(string path)
    {
        using var client = factory.CreateClient();
        var (total, html) = await Fetch(client, path);
        var document = new HtmlParser().ParseDocument(html);
        var assets = document.QuerySelectorAll("link[rel=stylesheet][href], script[src], img[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Distinct();
        foreach (var asset in assets)
        {
            asset.ShouldStartWith("/", customMessage: "no resource from another site");
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
        var headers = response.Headers.Concat(response.Content.Headers)
            .Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length));
        var text = response.Content.Headers.ContentEncoding.Count == 0 ? System.Text.Encoding.UTF8.GetString(body) : await Plain(client, path);
        return (body.Length + headers + 20, text);
    }

    private static Task<string> Plain(HttpClient client, string path) => client.GetStringAsync(path);
}
