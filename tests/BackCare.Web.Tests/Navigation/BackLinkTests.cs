using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Check;
using BackCare.Web.Text;

namespace BackCare.Web.Tests.Navigation;

/// <summary>
/// A way back from every page a person meets: each is either one the header links to (its own way round), or has the
/// back link above its heading, in the one shape of <c>Shared/_BackLink</c>, with words from the page text files, going
/// to a page that opens.
/// </summary>
public sealed class BackLinkTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    [Fact]
    public async Task Given_a_signed_in_person_with_a_check_a_visit_a_diary_entry_and_a_risk_screen_When_each_of_their_pages_opens_Then_each_is_in_the_header_or_has_a_back_link()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.Accounts.NewEmail());
        using (var saved = await browser.Client.PostAsync("/api/assessments", new StringContent(SimpleSpasm, Encoding.UTF8, "application/json")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await browser.Open("/account");
        await ShouldHaveAWayBack(browser, FirstLink(browser, "/account/checks/"));

        foreach (var path in new[]
        {
            "/", "/check", "/check/describe", "/learn", "/exercises", "/search?q=spasm", "/sources", "/today", "/diary/new", "/risk",
            "/messages", "/account/appointments", "/account", "/account/security", "/account/activity", "/account/two-step",
            "/account/passkeys", "/account/delete", "/account/emails", "/book",
        })
        {
            await ShouldHaveAWayBack(browser, path);
        }

        await browser.Open("/learn");
        await ShouldHaveAWayBack(browser, FirstLink(browser, "/learn/"));
        await browser.Open("/exercises");
        await ShouldHaveAWayBack(browser, FirstLink(browser, "/exercises/"));
        await browser.Open("/contact");
        await ShouldHaveAWayBack(browser, browser.Address);

        // A visit, booked on the page, and the pages of changing and cancelling it; the clinic's thread.
        var clinic = (await Booking.Booking.DemoClinic(browser.Client)).GetProperty("id").GetString()!;
        var slot = (await Booking.Booking.FreeSlots(browser.Client, clinic, "?kind=in_person")).Last().GetProperty("id").GetString()!;
        await ShouldHaveAWayBack(browser, $"/book/{slot}");
        await browser.Open($"/book/{slot}");
        await browser.Submit(new Dictionary<string, string> { ["reason"] = "Stiff back for a week" });
        browser.Address.ShouldStartWith("/account/appointments/");
        var visit = browser.Address;
        foreach (var path in new[] { visit, visit + "/reschedule", visit + "/cancel", $"/messages/{clinic}" })
        {
            await ShouldHaveAWayBack(browser, path);
        }

        // A diary entry and the risk screen, with the pages they end on.
        await browser.Open("/diary/new");
        await browser.Submit([KeyValuePair.Create("pain", "4"), KeyValuePair.Create("spasms", "1")], "main form");
        browser.Address.ShouldBe("/diary/saved");
        ShouldHaveABackLink(browser);
        await browser.Open("/risk");
        await browser.FollowLink("Start now");
        ShouldHaveABackLink(browser);
        foreach (var answer in new[] { "no", "no", "yes", "no", "no", "no", "no", "no", "1" })
        {
            await browser.Submit([KeyValuePair.Create("answer", answer)], "main form");
        }

        browser.Address.ShouldStartWith("/risk/result/");
        ShouldHaveABackLink(browser);
    }

    [Fact]
    public async Task Given_someone_doing_the_check_When_the_answers_result_and_plan_open_Then_each_has_a_back_link()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        HasBackLinkAboveHeading(page.Document).ShouldBeTrue(page.Path);
        await CheckFlowTests.AnswerUntilDone(page, CheckFlowTests.SelfCareAnswers);
        page.Path.ShouldBe("/check/answers");
        HasBackLinkAboveHeading(page.Document).ShouldBeTrue(page.Path);

        await page.FollowLink("See my advice");
        page.Path.ShouldBe("/check/result");
        HasBackLinkAboveHeading(page.Document).ShouldBeTrue(page.Path);
        page.Document.QuerySelector("main a.back")!.GetAttribute("href")!.ShouldStartWith("/check/answers?s=");
        page.Document.QuerySelector("main a.back")!.TextContent.ShouldBe(PageText.English["back_answers"]);
        await page.Open(page.Document.QuerySelector("main a[href^='/check/plan']")!.GetAttribute("href")!);
        HasBackLinkAboveHeading(page.Document).ShouldBeTrue(page.Path);
    }

    /// <summary>Opens the page; unless the header links to it, it must have a back link above its heading to a page that opens.</summary>
    private static async Task ShouldHaveAWayBack(Browser browser, string path)
    {
        await browser.Open(path);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var header = browser.Document.QuerySelectorAll("header a[href]").Select(a => a.GetAttribute("href"))
            .Concat(browser.Document.QuerySelectorAll("header form[action]").Select(f => f.GetAttribute("action")))
            .ToHashSet();
        if (header.Contains(browser.Address.Split('?')[0]))
        {
            return;
        }

        ShouldHaveABackLink(browser);
        var back = browser.Document.QuerySelector("main a.back")!.GetAttribute("href")!;
        await browser.Open(back);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, $"the back link of {path}, {back}");
    }

    private static void ShouldHaveABackLink(Browser browser)
    {
        HasBackLinkAboveHeading(browser.Document).ShouldBeTrue($"{browser.Address} is not in the header, so it needs a back link above its heading");
        var back = browser.Document.QuerySelector("main a.back")!;
        back.GetAttribute("href").ShouldNotBeNull().ShouldStartWith("/");
        AllPageWords.ShouldContain(back.TextContent, $"the back link of {browser.Address} says '{back.TextContent}', which is in no text file");
    }

    /// <summary>The back link, in its paragraph as the partial writes it, comes before the page's heading.</summary>
    private static bool HasBackLinkAboveHeading(IHtmlDocument document)
    {
        var found = document.QuerySelectorAll("main a.back, main h1");
        var first = found.Length > 0 ? found[0] : null;
        return first is { LocalName: "a" } && first.ParentElement is { LocalName: "p" } paragraph && paragraph.Children.Length == 1
            && !string.IsNullOrWhiteSpace(first.TextContent);
    }

    private static string FirstLink(Browser browser, string prefix) =>
        browser.Document.QuerySelector($"main a[href^='{prefix}']").ShouldNotBeNull($"a link to {prefix}").GetAttribute("href")!;

    /// <summary>Every text of the web app's text files, which is where a back link's words must come from.</summary>
    private static readonly HashSet<string> AllPageWords = [.. Repository.PageTexts()];
}
